package dev.highwater.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.kafka.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code highwater table} on tail's golden topic (Protobuf, JSON, text, binary keys, undecodable values, a tombstone,
 * a record without a key): each entry's key and value are what {@code tail --format json} prints for the key's
 * latest record, in the shape {@code {"topic","at","keys","entries":[{"key","partition","offset","timestamp",
 * "value"}]}}; bad input is one sentence.
 */
class TableCommandTest {

    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        TailGoldenTopic.fill(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void jsonEntriesAreTheLatestRecordOfEachKeyAsTailPrintsThem() {
        CommandRun tail = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic",
                TailGoldenTopic.TOPIC, "--format", "json");
        assertEquals(0, tail.exit(), tail.err());
        // the fold of tail's own lines: per key, the latest timestamp (then offset); a null value removes the key
        Map<String, JsonObject> latest = new HashMap<>();
        for (String line : tail.out().lines().toList()) {
            JsonObject r = JsonParser.parseString(line).getAsJsonObject();
            if (r.get("key").isJsonNull()) {
                continue;
            }
            String key = r.get("key").toString();
            JsonObject held = latest.get(key);
            if (held == null || millis(r) > millis(held)
                    || millis(r) == millis(held) && r.get("offset").getAsLong() > held.get("offset").getAsLong()) {
                latest.put(key, r);
            }
        }
        Map<String, JsonObject> expected = new HashMap<>();
        latest.forEach((key, r) -> {
            if (!(r.has("value") && r.get("value").isJsonNull())) {
                JsonObject e = new JsonObject();
                e.add("key", r.get("key"));
                if (r.has("keyEncoding")) {
                    e.add("keyEncoding", r.get("keyEncoding"));
                }
                for (String f : List.of("partition", "offset", "timestamp", "value", "error", "hex")) {
                    if (r.has(f)) {
                        e.add(f, r.get(f));
                    }
                }
                expected.put(key, e);
            }
        });

        CommandRun table = CommandRun.of("table", "--bootstrap", kafka.bootstrapServers(), "--topic",
                TailGoldenTopic.TOPIC, "--at", "now", "--format", "json", "--snapshots", dir.resolve("s").toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().startsWith("{\"topic\":\"golden\",\"at\":\""), table.out());
        JsonObject doc = JsonParser.parseString(table.out()).getAsJsonObject();
        assertEquals(List.of("topic", "at", "keys", "entries"), List.copyOf(doc.keySet()));
        JsonArray entries = doc.getAsJsonArray("entries");
        assertEquals(expected.size(), doc.get("keys").getAsInt());
        Map<String, JsonObject> actual = new HashMap<>();
        for (JsonElement e : entries) {
            JsonObject o = e.getAsJsonObject();
            List<String> names = o.keySet().stream().filter(n -> !n.startsWith("key") || n.equals("key")).toList();
            assertEquals(List.of("key", "partition", "offset", "timestamp"), names.subList(0, 4), o.toString());
            actual.put(o.get("key").toString(), o);
        }
        assertEquals(expected, actual);
        assertTrue(expected.containsKey("\"acct-1\"") && !expected.containsKey("\"gone\""), expected.keySet()
                .toString());
        assertTrue(Files.exists(dir.resolve("s.mv.db")), "the state is saved where --snapshots says");

        CommandRun one = CommandRun.of("table", "--bootstrap", kafka.bootstrapServers(), "--topic",
                TailGoldenTopic.TOPIC, "--at", "now", "--format", "json", "--key", "acct-1", "--snapshots",
                dir.resolve("s").toString());
        JsonObject only = JsonParser.parseString(one.out()).getAsJsonObject();
        assertEquals(1, only.get("keys").getAsInt());
        assertEquals(expected.get("\"acct-1\""), only.getAsJsonArray("entries").get(0));
        assertTrue(one.err().contains("after starting from a saved state"), one.err());
    }

    @Test
    void aBadInstantOrAMissingTopicIsOneSentence() {
        CommandRun bad = CommandRun.of("table", "--bootstrap", kafka.bootstrapServers(), "--topic",
                TailGoldenTopic.TOPIC, "--at", "yesterday", "--snapshots", dir.resolve("s").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("highwater: --at: cannot read 'yesterday' as an instant"), bad.err());
        CommandRun missing = CommandRun.of("table", "--bootstrap", kafka.bootstrapServers(), "--topic", "nope",
                "--at", "now", "--snapshots", dir.resolve("s").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("topic nope does not exist"), missing.err());
        assertEquals(1, missing.err().strip().lines().filter(l -> !l.startsWith("highwater: saved states in"))
                .count(), missing.err());
    }

    private static long millis(JsonObject r) {
        return java.time.Instant.parse(r.get("timestamp").getAsString()).toEpochMilli();
    }
}
