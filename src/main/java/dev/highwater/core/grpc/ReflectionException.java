package dev.highwater.core.grpc;

/** Reflection could not be read; the message is one sentence for the user, the code says why. */
public final class ReflectionException extends RuntimeException {

    private final String code;

    /** @param code the gRPC status code's name (UNIMPLEMENTED, UNAVAILABLE, …) */
    public ReflectionException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The status code's name: UNIMPLEMENTED when the server offers no reflection at all. */
    public String code() {
        return code;
    }

    /** The server answers but offers no reflection: its types must come from a schema source. */
    public boolean noReflection() {
        return "UNIMPLEMENTED".equals(code);
    }
}
