package dev.highwater.grpc.reflection;

import io.grpc.Status;

/** Reflection could not be read; the message is one sentence for the user, the code says why. */
public final class ReflectionException extends RuntimeException {

    private final Status.Code code;

    public ReflectionException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** UNIMPLEMENTED when the server offers no reflection at all. */
    public Status.Code code() {
        return code;
    }
}
