package dev.highwater.core.offsets;

/** A reset could not be previewed or applied; the message is one sentence for the user. */
public final class ResetException extends RuntimeException {
    public ResetException(String message) {
        super(message);
    }
}
