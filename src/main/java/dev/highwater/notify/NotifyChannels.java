package dev.highwater.notify;

import dev.highwater.core.notify.AlertChannel;
import dev.highwater.core.notify.AlertChannels;

import java.net.http.HttpClient;
import java.util.Optional;

/** Webhooks over the JDK's HTTP client and the system tray's notifications. */
public final class NotifyChannels implements AlertChannels {

    private HttpClient http; // made for the first webhook: a client keeps a thread of its own

    @Override
    public synchronized AlertChannel webhook(String url) {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(WebhookChannel.TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return new WebhookChannel(http, url);
    }

    @Override
    public Optional<AlertChannel> desktop() {
        return TrayNotifications.ifSupported();
    }
}
