package dev.highwater.core.tail;

/** A tail cannot read what it was asked to; the message is one sentence a user can act on. */
public final class TailException extends RuntimeException {
    public TailException(String message) {
        super(message);
    }
}
