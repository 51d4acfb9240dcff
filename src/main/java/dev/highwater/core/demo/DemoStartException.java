package dev.highwater.core.demo;

/** The demo could not start; the message is one line a user can act on (a port taken, say). */
public final class DemoStartException extends RuntimeException {
    public DemoStartException(String message) {
        super(message);
    }

    public DemoStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
