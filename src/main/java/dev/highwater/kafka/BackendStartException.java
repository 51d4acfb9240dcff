package dev.highwater.kafka;

/** A backend (broker, server) could not start; the message is one line a user can act on. */
public final class BackendStartException extends RuntimeException {
    public BackendStartException(String message) {
        super(message);
    }

    public BackendStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
