package dev.highwater.notify;

import dev.highwater.core.connect.Redaction;
import dev.highwater.core.notify.AlertChannel;
import dev.highwater.core.notify.AlertDeliveryException;
import dev.highwater.core.notify.AlertEvent;
import dev.highwater.core.notify.WebhookPayload;
import dev.highwater.core.notify.WebhookUrl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A profile's webhook: each event POSTed as JSON ({@link WebhookPayload}), which Slack's and Microsoft Teams'
 * incoming webhooks and generic receivers accept. A receiver gets a few seconds to answer; any 2xx is delivered.
 * What went wrong is said without the URL's path or query, where chat webhooks keep their token.
 */
final class WebhookChannel implements AlertChannel {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_REASON = 60;

    private final HttpClient http;
    private final URI uri;
    private final String url;
    private final String shown;

    WebhookChannel(HttpClient http, String url) {
        this.http = http;
        this.url = url.strip();
        this.uri = URI.create(this.url);
        this.shown = "the webhook " + WebhookUrl.redacted(this.url);
    }

    @Override
    public String describe() {
        return shown;
    }

    @Override
    public String deliver(AlertEvent event) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Highwater")
                .POST(HttpRequest.BodyPublishers.ofString(WebhookPayload.json(event), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new AlertDeliveryException("no connection within " + TIMEOUT.toSeconds() + " s",
                    "check the URL's host and the network");
        } catch (HttpTimeoutException e) {
            throw new AlertDeliveryException("no answer within " + TIMEOUT.toSeconds() + " s",
                    "check that the receiver is up; it is tried again with the next alert");
        } catch (ConnectException e) {
            boolean unknownHost = e.getCause() instanceof UnresolvedAddressException;
            throw new AlertDeliveryException(unknownHost ? "unknown host " + uri.getHost() : "connection refused",
                    unknownHost ? "fix the URL in the profile"
                            : "check that the receiver is up and the URL's host and port");
        } catch (IOException e) {
            throw new AlertDeliveryException("the connection failed (" + scrub(String.valueOf(e.getMessage())) + ")",
                    "check the URL and the network; it is tried again with the next alert");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertDeliveryException("interrupted", "the app is closing");
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return "HTTP " + code;
        }
        throw new AlertDeliveryException("HTTP " + code + said(response.body()), advice(code));
    }

    private static String advice(int code) {
        if (code == 401 || code == 403) {
            return "check the URL's token in the profile";
        }
        if (code == 429) {
            return "the receiver limits how many alerts it takes; it is tried again with the next alert";
        }
        if (code >= 500) {
            return "the receiver failed; it is tried again with the next alert";
        }
        return "fix the URL in the profile";
    }

    /** The receiver's own short word on it ("no_service", "invalid_payload"), when it gave one. */
    private String said(String body) {
        if (body == null) {
            return "";
        }
        String b = body.strip();
        if (b.isEmpty() || b.length() > MAX_REASON || b.contains("\n") || b.contains("<")) {
            return "";
        }
        return " (" + scrub(b) + ")";
    }

    private String scrub(String text) {
        String path = uri.getRawPath();
        return Redaction.scrub(text, path == null || path.length() <= 1 ? List.of(url) : List.of(url, path));
    }
}
