package dev.highwater.core.notify;

/**
 * Somewhere alert events go out of the app to: a profile's webhook, the desktop's notifications. Implemented
 * by an adapter; called on the delivery thread, never on a refresh or the UI thread.
 */
public interface AlertChannel {

    /** Who receives, for messages, without a secret: "the webhook https://hooks.example.com/[hidden]". */
    String describe();

    /**
     * Delivers one event and says how it went in a few words ("HTTP 200", "shown").
     *
     * @throws AlertDeliveryException when it did not arrive, with the reason and what to do
     */
    String deliver(AlertEvent event);
}
