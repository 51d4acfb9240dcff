package dev.highwater.cli;

/** A command could not do its work for a reason the user can act on; the message is that one line. */
public final class CommandFailure extends RuntimeException {
    public CommandFailure(String message) {
        super(message);
    }

    /** @param cause what the client library threw, shown with its stack trace only under {@code --verbose} */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
