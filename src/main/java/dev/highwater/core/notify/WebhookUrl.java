package dev.highwater.core.notify;

import dev.highwater.core.connect.Redaction;
import dev.highwater.core.connect.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A profile's webhook URL: what makes one usable, and how it is shown. Chat webhooks carry their token in the
 * path (Slack's {@code /services/T…/B…/secret}, Teams' {@code /webhookb2/…}), so a URL is shown with its path and
 * query hidden, as every secret is: {@code https://hooks.slack.com/[hidden]}.
 */
public final class WebhookUrl {

    private WebhookUrl() {
    }

    /**
     * What is wrong with a URL as typed, or empty when it can be used (blank: no webhook). A reference such as
     * {@code ${env:ALERTS_WEBHOOK}} is checked once resolved, when alerts are sent.
     */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank() || text.contains("${")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.of("The webhook URL is not a URL (" + e.getReason() + " at character " + (e.getIndex() + 1)
                    + "); paste it as the receiver gave it.");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
                || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
            return Optional.of("The webhook URL should start with https:// (or http://) and name a host.");
        }
        return Optional.empty();
    }

    /** The URL as it may be shown or logged: scheme, host and port; the rest hidden. */
    public static String redacted(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        String u = url.strip();
        if (Secret.of(u).isReference()) {
            return u; // a reference names where the URL lives, not the URL
        }
        try {
            URI uri = new URI(u);
            if (uri.getHost() == null) {
                return Redaction.HIDDEN;
            }
            String shown = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
            boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null || uri.getRawFragment() != null;
            return shown + "/" + (more ? Redaction.HIDDEN : "");
        } catch (URISyntaxException e) {
            return Redaction.HIDDEN;
        }
    }
}
