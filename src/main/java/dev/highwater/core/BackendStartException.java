package dev.highwater.core;

/**
 * A backend (broker, server) could not start; the message is one line a user can act on. In the core, not in an
 * adapter, because the Kafka and gRPC adapters both throw it and the front ends catch it without knowing either.
 */
public final class BackendStartException extends RuntimeException {
    public BackendStartException(String message) {
        super(message);
    }

    public BackendStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
