package dev.highwater.kafka.offsets;

import dev.highwater.cli.CommandRun;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.TestTopics;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.messages.CommittedGroups;
import dev.highwater.ui.messages.RecordActions;
import dev.highwater.ui.messages.SkipChoice;
import dev.highwater.ui.offsets.ResetOffsetsModel;
import javafx.beans.property.SimpleObjectProperty;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resets of chosen partitions on a real broker: skipping a record from the Messages screen moves its one
 * partition to the offset after it and no other, and {@code reset-offsets --topic T:P} does the same.
 */
class OnePartitionResetTest {

    private static final String TOPIC = "payments";
    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");

    @RegisterExtension
    static final TestBroker broker = new TestBroker();
    static ClientSettings client;

    @BeforeAll
    static void fill() throws Exception {
        client = broker.client();
        TestTopics.fill(client, TOPIC, 3, 30, T0, Duration.ofSeconds(1));
        TestTopics.fill(client, "elsewhere", 1, 5, T0, Duration.ofSeconds(1));
        TestTopics.commit(client, "unrelated", "elsewhere", 1, 2);
    }

    /** Commits these offsets of the topic for the group, which then leaves. */
    private static void commit(String group, Map<Integer, Long> offsets) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                client.bootstrapServers(), "group.id", group, "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            c.commitSync(offsets.entrySet().stream().collect(Collectors.toMap(
                    e -> new TopicPartition(TOPIC, e.getKey()), e -> new OffsetAndMetadata(e.getValue()))));
        }
    }

    private static Map<Integer, Long> committed(String group) throws Exception {
        return TestTopics.committed(client, group, TOPIC);
    }

    @Test
    void skippingARecordMovesItsPartitionByOneAndNoOther() throws Exception {
        commit("billing", Map.of(0, 7L, 1, 12L, 2, 15L)); // stuck on the record at offset 12 of partition 1
        commit("audit", Map.of(0, 30L, 1, 30L, 2, 30L));
        RawRecord pill = new RawRecord(TOPIC, 1, 12, T0.plusSeconds(12).toEpochMilli(), null,
                new byte[]{(byte) 0xff, (byte) 0xff}, List.of());
        RecordActions actions = new RecordActions(new SimpleObjectProperty<>(pill), new RecordActions.Skipping(
                CommittedGroups.of(c -> new KafkaOffsetsSource(c, Clock.systemUTC()), client),
                new GroupOffsetReset(client, true, "test"), "test"), client.bootstrapServers(), Runnable::run,
                UiThread.direct());

        List<RecordActions.SkipOffer> offers = new ArrayList<>();
        actions.findGroupsToSkipFor(offers::add);
        assertEquals("", actions.messageProperty().get());
        Map<String, SkipChoice> groups = offers.getFirst().groups().stream()
                .collect(Collectors.toMap(SkipChoice::group, g -> g));
        assertTrue(groups.keySet().containsAll(List.of("audit", "billing")), groups.toString());
        assertFalse(groups.containsKey("unrelated"), "a group of another topic is no choice");
        SkipChoice billing = groups.get("billing");
        assertEquals(12L, billing.committed());

        ResetOffsetsModel skip = actions.skip(pill, billing);
        assertEquals(1, skip.rows().size(), skip.messageProperty().get());
        assertEquals(new PartitionId(TOPIC, 1), skip.rows().getFirst().partition());
        assertEquals(12L, skip.rows().getFirst().current());
        assertEquals(13L, skip.rows().getFirst().target());
        assertEquals(Map.of(0, 7L, 1, 12L, 2, 15L), committed("billing"), "the preview changed nothing");
        assertTrue(skip.canApply());
        skip.apply();
        assertTrue(skip.appliedProperty().get(), skip.messageProperty().get());

        assertEquals(Map.of(0, 7L, 1, 13L, 2, 15L), committed("billing"), "one partition moved by one");
        assertEquals(Map.of(0, 30L, 1, 30L, 2, 30L), committed("audit"), "another group is not touched");
    }

    @Test
    void theCommandResetsTheChosenPartitionsWithThePreviewFirst() throws Exception {
        commit("ledger", Map.of(0, 4L, 1, 5L, 2, 6L));
        String[] preview = {"reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "ledger",
                "--topic", TOPIC + ":2", "--to-offset", "10"};
        CommandRun dry = CommandRun.of(preview);
        assertEquals(0, dry.exit(), dry.err());
        assertEquals(List.of("payments                         2            6           10         +4         20"),
                dry.out().lines().filter(l -> l.startsWith("payments")).map(String::strip).toList(), dry.out());
        assertTrue(dry.out().endsWith("Nothing changed: this was a preview. Add --execute to apply it.\n"), dry.out());
        assertEquals(Map.of(0, 4L, 1, 5L, 2, 6L), committed("ledger"));

        CommandRun done = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "ledger",
                "--topic", TOPIC + ":2", "--to-offset", "10", "--execute");
        assertEquals(0, done.exit(), done.err());
        assertTrue(done.out().contains("Reset 1 partition(s) of ledger to offset 10.\nPrevious offsets saved to "),
                done.out());
        assertEquals(Map.of(0, 4L, 1, 5L, 2, 10L), committed("ledger"));

        CommandRun two = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "ledger",
                "--topic", TOPIC + ":0,1", "--shift-by", "1", "--execute");
        assertEquals(0, two.exit(), two.err());
        assertEquals(Map.of(0, 5L, 1, 6L, 2, 10L), committed("ledger"));

        CommandRun missing = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "ledger", "--topic", TOPIC + ":7", "--to-offset", "1", "--execute");
        assertEquals(1, missing.exit(), missing.out());
        assertEquals("highwater: Topic payments has no partition 7; it has partitions 0 to 2.\n", missing.err());
        CommandRun badSpec = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "ledger", "--topic", TOPIC + ":one", "--to-offset", "1");
        assertEquals(2, badSpec.exit(), badSpec.out());
        assertTrue(badSpec.err().startsWith("highwater: --topic 'payments:one': 'one' is not a partition number;"),
                badSpec.err());
        assertEquals(Map.of(0, 5L, 1, 6L, 2, 10L), committed("ledger"), "bad input changed nothing");
    }
}
