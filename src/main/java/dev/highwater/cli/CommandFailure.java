package dev.highwater.cli;

/** A command could not do its work for a reason the user can act on; the message is that one line. */
public final class CommandFailure extends RuntimeException {
    public CommandFailure(String message) {
        super(message);
    }
}
