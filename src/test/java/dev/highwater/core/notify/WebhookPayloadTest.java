package dev.highwater.core.notify;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.core.lag.Alert;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The body chat webhooks show (a top-level text) with the event's fields for other receivers; URLs shown safely. */
class WebhookPayloadTest {

    @Test
    void aClearedAlertHasItsTextAndEveryFieldWithIsoTimes() {
        AlertEvent e = AlertEvent.cleared(new Alert("hotspot:billing:orders-3", Alert.Severity.WARNING, "billing",
                "billing: partition orders-3 lags \"a lot\"", 1_700_000_000_000L, null), 1_700_000_060_000L,
                "b:9092", "prod");
        JsonObject body = JsonParser.parseString(WebhookPayload.json(e)).getAsJsonObject();
        assertEquals("WARNING cleared on prod (b:9092): billing: partition orders-3 lags \"a lot\"",
                body.get("text").getAsString());
        JsonObject h = body.getAsJsonObject("highwater");
        assertEquals("cleared", h.get("event").getAsString());
        assertEquals("hotspot:billing:orders-3", h.get("key").getAsString());
        assertEquals("WARNING", h.get("severity").getAsString());
        assertEquals("billing", h.get("group").getAsString());
        assertEquals("2023-11-14T22:13:20Z", h.get("raisedAt").getAsString());
        assertEquals("2023-11-14T22:14:20Z", h.get("clearedAt").getAsString());
        assertEquals("b:9092", h.get("cluster").getAsString());
        assertEquals("prod", h.get("profile").getAsString());
    }

    @Test
    void aRaisedOrClusterWideAlertHasNullsWhereItHasNoValue() {
        AlertEvent e = AlertEvent.raised(new Alert("disconnected", Alert.Severity.CRITICAL, null, "Disconnected.",
                5_000, null), "b:9092", "prod");
        JsonObject h = JsonParser.parseString(WebhookPayload.json(e)).getAsJsonObject().getAsJsonObject("highwater");
        assertTrue(h.get("group").isJsonNull());
        assertTrue(h.get("clearedAt").isJsonNull());
        assertEquals("raised", h.get("event").getAsString());
    }

    @Test
    void aUrlIsShownWithoutItsPathOrQueryWhereChatWebhooksKeepTheirToken() {
        assertEquals("https://hooks.slack.com/[hidden]",
                WebhookUrl.redacted("https://hooks.slack.com/services/T000/B000/XXXXSECRET"));
        assertEquals("http://127.0.0.1:8080/[hidden]", WebhookUrl.redacted("http://127.0.0.1:8080/hook?token=abc"));
        assertEquals("http://127.0.0.1:8080/", WebhookUrl.redacted("http://127.0.0.1:8080"));
        assertEquals("${env:ALERTS_WEBHOOK}", WebhookUrl.redacted("${env:ALERTS_WEBHOOK}"));
    }

    @Test
    void aUrlThatCannotBeUsedIsOneSentenceAndAReferenceWaitsToBeResolved() {
        assertEquals(Optional.empty(), WebhookUrl.problem(""));
        assertEquals(Optional.empty(), WebhookUrl.problem("${env:ALERTS_WEBHOOK}"));
        assertEquals(Optional.empty(), WebhookUrl.problem("https://outlook.office.com/webhookb2/abc"));
        assertTrue(WebhookUrl.problem("hooks.slack.com/services/x").orElseThrow().contains("https://"));
        assertFalse(WebhookUrl.problem("ftp://example.com/x").isEmpty());
        assertTrue(WebhookUrl.problem("https://exa mple.com/").orElseThrow().startsWith("The webhook URL is not a URL"));
    }
}
