package dev.highwater.core.connect;

/** A connection's settings cannot be used as they are; the message is one sentence for the user, secret-free. */
public final class ConnectionSettingsException extends IllegalArgumentException {
    public ConnectionSettingsException(String message) {
        super(message);
    }
}
