package dev.highwater.core.notify;

import java.util.Optional;

/** Makes the channels alerts go out through; implemented by an adapter, chosen by the composition root. */
public interface AlertChannels {

    /**
     * A webhook that receives each event as a JSON POST ({@link WebhookPayload}).
     *
     * @param url the URL, any secret reference in it resolved; checked with {@link WebhookUrl#problem}
     */
    AlertChannel webhook(String url);

    /**
     * The desktop's notifications (the system tray), or empty where the platform has none. May start the
     * platform's windowing toolkit: call it off the UI thread.
     */
    Optional<AlertChannel> desktop();

    /** No channel at all: nothing leaves the app (tests, and a platform without any). */
    static AlertChannels none() {
        return new AlertChannels() {
            @Override
            public AlertChannel webhook(String url) {
                throw new AlertDeliveryException("no webhook client", "alerts do not leave this app");
            }

            @Override
            public Optional<AlertChannel> desktop() {
                return Optional.empty();
            }
        };
    }
}
