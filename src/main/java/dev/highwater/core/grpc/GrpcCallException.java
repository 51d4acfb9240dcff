package dev.highwater.core.grpc;

/** A gRPC call failed; the message is one sentence saying what happened at which target and what to check. */
public final class GrpcCallException extends RuntimeException {

    private final String code;

    /** @param code the status code's name (NOT_FOUND, UNAVAILABLE, …) */
    public GrpcCallException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean notFound() {
        return "NOT_FOUND".equals(code);
    }
}
