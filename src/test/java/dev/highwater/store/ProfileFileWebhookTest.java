package dev.highwater.store;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile's webhook in the real profiles file: blank by default, a URL or a reference kept as given. */
class ProfileFileWebhookTest {

    @TempDir
    Path data;

    @Test
    void theWebhookComesBackAsTypedOrAsAReferenceAndBlankStaysBlank() throws Exception {
        Path file = data.resolve("profiles.properties");
        ConnectionProfile slack = ConnectionProfile.plain("slack", "b1:9092", "")
                .withWebhook(new Secret("https://hooks.slack.com/services/T0/B0/abc", true));
        ConnectionProfile byReference = ConnectionProfile.plain("teams", "b2:9092", "")
                .withWebhook(new Secret("${env:TEAMS_WEBHOOK}", false));
        ConnectionProfile none = ConnectionProfile.plain("quiet", "b3:9092", "");
        new ProfileFile(file).save(List.of(slack, byReference, none));

        String text = Files.readString(file);
        assertTrue(text.contains("profile.0.webhook=https\\://hooks.slack.com/services/T0/B0/abc"), text);
        assertTrue(text.contains("profile.1.webhook=${env\\:TEAMS_WEBHOOK}"), text);
        assertFalse(text.contains("profile.2.webhook"), "no webhook, no line: " + text);

        List<ConnectionProfile> back = new ProfileFile(file).load();
        assertEquals("https://hooks.slack.com/services/T0/B0/abc", back.get(0).webhook().text());
        assertEquals("${env:TEAMS_WEBHOOK}", back.get(1).webhook().text());
        assertTrue(back.get(1).webhook().isReference());
        assertTrue(back.get(2).webhook().isEmpty());
        assertEquals(slack, back.get(0));
    }

    @Test
    void aFileWrittenBeforeWebhooksExistedLoadsWithNone() throws Exception {
        Path file = data.resolve("profiles.properties");
        Files.writeString(file, "profile.0.name=old\nprofile.0.bootstrap=b\\:9092\n");
        ConnectionProfile old = new ProfileFile(file).load().getFirst();
        assertTrue(old.webhook().isEmpty());
        assertEquals(ConnectionProfile.plain("old", "b:9092", ""), old);
    }
}
