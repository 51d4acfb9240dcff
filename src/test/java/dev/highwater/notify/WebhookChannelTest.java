package dev.highwater.notify;

import com.google.gson.JsonObject;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.lag.Alert;
import dev.highwater.core.notify.AlertChannel;
import dev.highwater.core.notify.AlertDeliveryException;
import dev.highwater.core.notify.AlertEvent;
import dev.highwater.core.notify.AlertForwarder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook adapter against a real HTTP receiver on loopback: the JSON it gets, and failures said safely. */
class WebhookChannelTest {

    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static AlertEvent raised() {
        return new AlertEvent(AlertEvent.Kind.RAISED, "total-lag:billing", Alert.Severity.CRITICAL, "billing",
                "billing: total lag 612 is over the critical 500.", 1_700_000_000_000L, null, "b:9092", "prod");
    }

    @Test
    void theReceiverGetsTheJsonBodyWithItsTextAndFields() {
        AlertChannel hook = new NotifyChannels().webhook(receiver.url());
        assertEquals("HTTP 200", hook.deliver(raised()));
        JsonObject body = receiver.bodies().getFirst();
        assertEquals("CRITICAL raised on prod (b:9092): billing: total lag 612 is over the critical 500.",
                body.get("text").getAsString());
        assertEquals("raised", body.getAsJsonObject("highwater").get("event").getAsString());
        assertEquals("billing", body.getAsJsonObject("highwater").get("group").getAsString());
        assertTrue(receiver.contentTypes().getFirst().startsWith("application/json"));
    }

    @Test
    void anErrorStatusIsSaidWithTheReceiversWordAndWithoutTheToken() {
        receiver.answer(404, "no_service");
        AlertChannel hook = new NotifyChannels().webhook(receiver.url());
        AlertDeliveryException e = assertThrows(AlertDeliveryException.class, () -> hook.deliver(raised()));
        assertEquals("HTTP 404 (no_service)", e.reason());
        assertEquals("fix the URL in the profile", e.advice());
        assertFalse(hook.describe().contains("s3cr3t"), hook.describe());
        assertTrue(hook.describe().endsWith("/[hidden]"), hook.describe());
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AlertChannel hook = new NotifyChannels().webhook("http://127.0.0.1:" + port + "/hook/s3cr3t");
        AlertDeliveryException e = assertThrows(AlertDeliveryException.class, () -> hook.deliver(raised()));
        assertEquals("connection refused", e.reason());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void aTestAlertFromAProfileSaysInWordsWhereItWentAndHowItWent() {
        SecretResolver env = new SecretResolver(Map.of("ALERTS_WEBHOOK", receiver.url())::get);
        try (AlertForwarder forwarder = new AlertForwarder(new NotifyChannels(), env, Clock.systemUTC())) {
            ConnectionProfile prod = ConnectionProfile.plain("prod", "b:9092", "")
                    .withWebhook(new Secret("${env:ALERTS_WEBHOOK}", true));
            List<String> said = forwarder.test(prod, "b:9092");
            String port = receiver.url().split(":")[2].split("/")[0];
            assertEquals("Test alert delivered to the webhook http://127.0.0.1:" + port + "/[hidden] (HTTP 200).",
                    said.getFirst());
            assertEquals("No desktop notification: this desktop has no system tray.", said.get(1),
                    "the test JVM is headless: no tray");
            JsonObject h = receiver.bodies().getFirst().getAsJsonObject("highwater");
            assertEquals("test", h.get("event").getAsString());
            assertEquals("prod", h.get("profile").getAsString());

            receiver.answer(500, "<html>boom</html>");
            assertEquals("Test alert not delivered to the webhook http://127.0.0.1:" + port + "/[hidden]: HTTP 500;"
                    + " the receiver failed; it is tried again with the next alert.", forwarder.test(prod, "b:9092")
                    .getFirst());
            assertEquals(1, forwarder.problems().size(), "a failed test is also the webhook's state until it works");
            receiver.answer(200, "ok");
            forwarder.test(prod, "b:9092");
            assertEquals(List.of(), forwarder.problems());
        }
    }

    @Test
    void aReferenceThatCannotBeResolvedIsSaidAsTheTestsResult() {
        try (AlertForwarder forwarder = new AlertForwarder(new NotifyChannels(), new SecretResolver(n -> null),
                Clock.systemUTC())) {
            ConnectionProfile prod = ConnectionProfile.plain("prod", "b:9092", "")
                    .withWebhook(new Secret("${env:NOT_SET_HERE}", true));
            String said = forwarder.test(prod, "b:9092").getFirst();
            assertTrue(said.startsWith("Test alert not sent: The environment variable NOT_SET_HERE is not set"), said);
        }
    }
}
