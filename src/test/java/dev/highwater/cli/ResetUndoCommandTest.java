package dev.highwater.cli;

import dev.highwater.app.Adapters;
import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.TestTopics;
import dev.highwater.store.H2LagHistoryStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Resets that can be undone, on a real broker: every executed reset saves the group's offsets first (and is not
 * applied when it cannot), --from-file puts them back exactly, and --to-lag-start rewinds to when the lag began
 * to grow in the stored lag history.
 */
class ResetUndoCommandTest {

    private static final String TOPIC = "payments";
    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");
    private static final Pattern SAVED = Pattern.compile(
            "Previous offsets saved to (\\S+); undo with: highwater reset-offsets --bootstrap \\S+ --group (\\S+)"
                    + " --from-file (\\S+)"
                    + " --execute\n");

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void fill() throws Exception {
        TestTopics.fill(broker.client(), TOPIC, 3, 30, T0, Duration.ofSeconds(1));
    }

    /** Commits these offsets of partitions 0, 1, 2 for the group, which then leaves. */
    private static void commit(String group, long... offsets) {
        Map<TopicPartition, OffsetAndMetadata> m = new java.util.HashMap<>();
        for (int p = 0; p < offsets.length; p++) {
            m.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(offsets[p]));
        }
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "group.id", group, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            c.commitSync(m);
        }
    }

    private static Map<Integer, Long> committed(String group) throws Exception {
        return TestTopics.committed(broker.client(), group, TOPIC);
    }

    private CommandRun reset(String group, String... how) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("reset-offsets", "--bootstrap",
                broker.bootstrapServers(), "--group", group), java.util.Arrays.stream(how)).toArray(String[]::new);
        return CommandRun.with(Adapters.real(dataFolder), args);
    }

    @Test
    void aResetIsUndoneToTheExactOffsetsFromItsUndoFile() throws Exception {
        commit("settlement", 7, 19, 30);
        Map<Integer, Long> original = committed("settlement");
        assertEquals(Map.of(0, 7L, 1, 19L, 2, 30L), original);

        CommandRun done = reset("settlement", "--to-earliest", "--execute");
        assertEquals(0, done.exit(), done.err());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), committed("settlement"));
        Matcher saved = SAVED.matcher(done.out());
        assertTrue(saved.find(), done.out());
        Path undo = Path.of(saved.group(1));
        assertEquals(saved.group(1), saved.group(3), "the command to undo names the file saved");
        assertEquals(dataFolder.resolve("resets"), undo.getParent());
        // the CSV kafka-consumer-groups --reset-offsets --from-file reads: topic,partition,offset, no header
        assertEquals("payments,0,7\npayments,1,19\npayments,2,30\n", Files.readString(undo));

        CommandRun preview = reset("settlement", "--from-file", undo.toString());
        assertEquals(0, preview.exit(), preview.err());
        assertTrue(preview.out().contains("payments                         1            0           19        +19"),
                preview.out());
        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L), committed("settlement"), "a preview changes nothing");

        CommandRun undone = reset("settlement", "--from-file", undo.toString(), "--execute");
        assertEquals(0, undone.exit(), undone.err());
        assertEquals(original, committed("settlement"), "every offset back, exactly");
        Matcher again = SAVED.matcher(undone.out());
        assertTrue(again.find(), "the undo keeps an undo file too: " + undone.out());
        assertEquals("payments,0,0\npayments,1,0\npayments,2,0\n", Files.readString(Path.of(again.group(1))));
    }

    @Test
    void aFileResetsOnlyItsPartitionsClampedToTheLogAndABadOneIsNamed() throws Exception {
        commit("ledger-writer", 5, 5, 5);
        Path file = dataFolder.resolve("by-hand.csv");
        Files.writeString(file, "payments,1,1000\n");
        CommandRun done = reset("ledger-writer", "--from-file", file.toString(), "--execute");
        assertEquals(0, done.exit(), done.err());
        assertTrue(done.out().contains("past the end: clamped to the end 30 (asked 1000)"), done.out());
        assertEquals(Map.of(0, 5L, 1, 30L, 2, 5L), committed("ledger-writer"), "only partition 1 moved");

        Files.writeString(file, "payments,0,5\npayments,x,3\n");
        CommandRun bad = reset("ledger-writer", "--from-file", file.toString(), "--execute");
        assertEquals(1, bad.exit());
        assertEquals("highwater: The file " + file + " cannot be used: line 2 ('payments,x,3') is not"
                + " topic,partition,offset with a partition and an offset of 0 or more.\n", bad.err());

        Files.writeString(file, "payments,9,3\n");
        CommandRun missing = reset("ledger-writer", "--from-file", file.toString());
        assertEquals(1, missing.exit());
        assertEquals("highwater: Partition 9 of payments does not exist on " + broker.bootstrapServers()
                + " (payments has 3 partitions).\n", missing.err());
        assertEquals(Map.of(0, 5L, 1, 30L, 2, 5L), committed("ledger-writer"));
    }

    @Test
    void aResetWhoseOffsetsCannotBeSavedIsNotApplied() throws Exception {
        commit("archiver", 12, 12, 12);
        Path notAFolder = Files.writeString(dataFolder.resolve("data"), "a file where the data folder should be");
        CommandRun refused = CommandRun.with(Adapters.real(notAFolder), "reset-offsets", "--bootstrap",
                broker.bootstrapServers(), "--group", "archiver", "--to-latest", "--execute");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.err().startsWith("highwater: Could not save the offsets archiver has now to "
                + notAFolder.resolve("resets")), refused.err());
        assertTrue(refused.err().contains("so the reset was not applied"), refused.err());
        assertEquals(Map.of(0, 12L, 1, 12L, 2, 12L), committed("archiver"));
    }

    @Test
    void theRewindToWhenTheLagStartedReadsTheStoredLagHistory() throws Exception {
        assumeTrue(System.getenv("HIGHWATER_HOME") == null, "HIGHWATER_HOME names the data folder here");
        commit("reporting", 30, 30, 30);
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", dataFolder.toString());
        try {
            CommandRun none = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                    "reporting", "--to-lag-start");
            assertEquals(1, none.exit(), none.out());
            assertEquals("highwater: There is no lag history of reporting on " + broker.bootstrapServers() + " in "
                    + dataFolder.resolve(".highwater") + ": keep the console open on this cluster to collect it,"
                    + " then rewind.\n", none.err());

            // caught up until 09:00:12, then its oldest unconsumed record ages with the clock, as the console saw
            try (H2LagHistoryStore history = H2LagHistoryStore.open(dataFolder.resolve(".highwater/lag-history"))) {
                for (int s = 0; s <= 40; s++) {
                    double lagSeconds = Math.max(0, s - 12);
                    history.append(clusterId(), new LagRefresh(T0.plusSeconds(s).toEpochMilli(), null, List.of(
                            new GroupLag("reporting", "Empty", GroupStatus.OK, "", 0, lagSeconds, List.of(),
                                    List.of(), 0)), List.of()));
                }
            }
            CommandRun rewind = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                    "reporting", "--to-lag-start");
            assertEquals(0, rewind.exit(), rewind.err());
            assertTrue(rewind.out().startsWith("The lag of reporting began to grow at 2026-03-15T09:00:17Z (from"
                    + " 5.0 s to 28 s at 2026-03-15T09:00:40Z): rewinding to 2026-03-15T09:00:12Z"), rewind.out());
            // records are a second apart from 09:00:00: the first at or after 09:00:12 is offset 12
            assertTrue(rewind.out().contains("payments                         0           30           12        -18"),
                    rewind.out());
            assertEquals(Map.of(0, 30L, 1, 30L, 2, 30L), committed("reporting"), "a preview changes nothing");
        } finally {
            System.setProperty("user.home", userHome);
        }
    }

    private static String clusterId() throws Exception {
        try (Admin admin = Admin.create(broker.client().admin("test-cluster-id"))) {
            return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        }
    }
}
