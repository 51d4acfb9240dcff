package dev.highwater.core;

/** Local storage failed; the message is one sentence a user can act on. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
