package dev.highwater.kafka.offsets;

import dev.highwater.core.offsets.ResetException;
import dev.highwater.cli.CommandRun;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.offsets.PartitionReset;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetTarget;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.TestTopics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offset resets on a real broker: previews change nothing, read-only refuses, active groups refuse. */
class GroupOffsetResetTest {

    private static final String TOPIC = "orders";
    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");

    @RegisterExtension
    static final TestBroker broker = new TestBroker();
    static ClientSettings client;

    @BeforeAll
    static void fill() throws Exception {
        client = broker.client();
        TestTopics.fill(client, TOPIC, 2, 20, T0, Duration.ofMinutes(1)); // 20 per partition, a minute apart
        consumeAll("billing", 15);
    }

    /** A group that read and committed {@code upTo} records per partition, then left. */
    private static void consumeAll(String group, long upTo) {
        TestTopics.commit(client, group, TOPIC, 2, upTo);
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", group,
                "enable.auto.commit", "false", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Map<Integer, Long> committed(String group) throws Exception {
        return TestTopics.committed(client, group, TOPIC);
    }

    @Test
    void previewShowsOldAndNewOffsetsAndChangesNothing() throws Exception {
        GroupOffsetReset reset = new GroupOffsetReset(client, true, "demo");
        ResetPlan earliest = reset.preview("billing", List.of(), new ResetTarget.Earliest());
        assertEquals(2, earliest.partitions().size());
        PartitionReset p0 = earliest.partitions().getFirst();
        assertEquals(new PartitionId(TOPIC, 0), p0.partition());
        assertEquals(15L, p0.current());
        assertEquals(0L, p0.target());
        assertEquals(15L, p0.change(), "15 records to read again");
        assertEquals(20L, p0.lagAfter());
        assertNull(earliest.refusal());

        ResetPlan at = reset.preview("billing", List.of(TOPIC), new ResetTarget.ToInstant(T0.plusSeconds(60 * 5)));
        assertEquals(5L, at.partitions().getFirst().target(), "the first record at or after 09:05");
        ResetPlan shifted = reset.preview("billing", List.of(), new ResetTarget.ShiftBy(-20));
        assertEquals(0L, shifted.partitions().getFirst().target());
        assertEquals("before the start: clamped to the earliest offset 0 (asked 15 - 20)",
                shifted.partitions().getFirst().note());
        ResetPlan beyond = reset.preview("billing", List.of(), new ResetTarget.ToOffset(1_000));
        assertEquals(20L, beyond.partitions().getFirst().target());
        ResetPlan future = reset.preview("billing", List.of(), new ResetTarget.ToInstant(T0.plusSeconds(86_400)));
        assertEquals(20L, future.partitions().getFirst().target(), "no record after the instant: the end");

        assertEquals(Map.of(0, 15L, 1, 15L), committed("billing"), "previews changed nothing");
    }

    @Test
    void aReadOnlyProfileRefusesAndAWritableOneApplies() throws Exception {
        consumeAll("refunds", 12);
        ResetPlan plan = new GroupOffsetReset(client, false, "prod").preview("refunds", List.of(),
                new ResetTarget.ToOffset(3));
        ResetException refused = assertThrows(ResetException.class,
                () -> new GroupOffsetReset(client, false, "prod").apply(plan));
        assertTrue(refused.getMessage().startsWith("Profile prod is read-only: offset resets are off."),
                refused.getMessage());
        assertEquals(Map.of(0, 12L, 1, 12L), committed("refunds"));

        new GroupOffsetReset(client, true, "prod").apply(plan);
        assertEquals(Map.of(0, 3L, 1, 3L), committed("refunds"));
    }

    @Test
    void aGroupWithActiveMembersIsRefusedWithTheReason() throws Exception {
        consumeAll("live", 10);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread member = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, String> c = consumer("live")) {
                c.subscribe(List.of(TOPIC));
                while (running.get()) {
                    c.poll(Duration.ofMillis(100));
                }
            }
        });
        try {
            GroupOffsetReset reset = new GroupOffsetReset(client, true, "prod");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            ResetPlan plan = reset.preview("live", List.of(TOPIC), new ResetTarget.Earliest());
            // the member joins, then the group settles: the refusal names the state it is in once stable
            while ((plan.activeMembers() == 0 || !plan.refusal().contains("(state Stable)"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                plan = reset.preview("live", List.of(TOPIC), new ResetTarget.Earliest());
            }
            assertEquals(1, plan.activeMembers());
            assertTrue(plan.refusal().startsWith("Group live has 1 active member (state Stable)"), plan.refusal());
            ResetPlan p = plan;
            ResetException e = assertThrows(ResetException.class, () -> reset.apply(p));
            assertTrue(e.getMessage().contains("stop its consumers, then reset"), e.getMessage());
        } finally {
            running.set(false);
            member.join(10_000);
        }
    }

    @Test
    void theLargestShiftExecutedMovesTheGroupToTheEndNotBackToTheStart() throws Exception {
        consumeAll("overflow", 15);
        String[] preview = {"reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "overflow",
                "--shift-by", String.valueOf(Long.MAX_VALUE), "--format", "json"};
        CommandRun dry = CommandRun.of(preview);
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("{\"topic\":\"orders\",\"partition\":0,\"current\":15,\"new\":20,\"earliest\":0,"
                + "\"end\":20,\"note\":\"past the end: clamped to the end 20 (asked 15 + 9223372036854775807)\","
                + "\"clamped\":\"end\"}"), dry.out());

        CommandRun forward = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "overflow", "--shift-by", String.valueOf(Long.MAX_VALUE), "--execute");
        assertEquals(0, forward.exit(), forward.err());
        assertTrue(forward.out().contains("past the end: clamped to the end 20"), forward.out());
        assertEquals(Map.of(0, 20L, 1, 20L), committed("overflow"), "to the end, not wrapped round to 0");

        CommandRun back = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "overflow", "--shift-by", String.valueOf(Long.MIN_VALUE), "--execute");
        assertEquals(0, back.exit(), back.err());
        assertTrue(back.out().contains("before the start: clamped to the earliest offset 0"), back.out());
        assertEquals(Map.of(0, 0L, 1, 0L), committed("overflow"));

        CommandRun far = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "overflow", "--to-offset", String.valueOf(Long.MAX_VALUE), "--execute");
        assertEquals(0, far.exit(), far.err());
        assertEquals(Map.of(0, 20L, 1, 20L), committed("overflow"));
    }

    @Test
    void aTopicThatDoesNotExistIsNamedAndOneNotReadYetMayBeSet() throws Exception {
        CommandRun missing = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "billing", "--topic", TOPIC, "--topic", "no-such", "--to-earliest", "--execute");
        assertEquals(1, missing.exit(), missing.out());
        assertEquals("highwater: Topic no-such does not exist on " + broker.bootstrapServers() + ".\n", missing.err());

        // a topic the group has not read yet may be given offsets before it starts, as Kafka's own tool allows
        TestTopics.fill(client, "unread", 1, 3, T0, Duration.ofMinutes(1));
        consumeAll("widening", 4);
        CommandRun unread = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group",
                "widening", "--topic", "unread", "--to-latest", "--execute");
        assertEquals(0, unread.exit(), unread.err());
        assertEquals(Map.of(0, 3L), TestTopics.committed(client, "widening", "unread"));
        assertEquals(Map.of(0, 4L, 1, 4L), committed("widening"), "the topic it reads stays where it was");
    }

    @Test
    void theCommandPreviewsUnlessToldToExecute() throws Exception {
        consumeAll("cli", 8);
        String[] preview = {"reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "cli", "--to-earliest"};
        CommandRun dry = CommandRun.of(preview);
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains("orders                           0            8            0         -8         20"),
                dry.out());
        assertTrue(dry.out().endsWith("Nothing changed: this was a preview. Add --execute to apply it.\n"), dry.out());
        assertEquals(Map.of(0, 8L, 1, 8L), committed("cli"));

        String[] execute = java.util.Arrays.copyOf(preview, preview.length + 1);
        execute[preview.length] = "--execute";
        CommandRun done = CommandRun.of(execute);
        assertEquals(0, done.exit(), done.err());
        assertTrue(done.out().contains("Reset 2 partition(s) of cli to the earliest offset.\nPrevious offsets saved to "),
                done.out());
        assertEquals(Map.of(0, 0L, 1, 0L), committed("cli"));

        CommandRun badInstant = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "cli",
                "--to-datetime", "15 March");
        assertEquals(2, badInstant.exit());
        assertTrue(badInstant.err().contains("is not an ISO instant; write it like 2026-03-15T09:00:00Z"), badInstant.err());
        CommandRun badBootstrap = CommandRun.of("reset-offsets", "--bootstrap", "broker1:90x2", "--group", "cli", "--to-latest");
        assertEquals(1, badBootstrap.exit());
        assertEquals("highwater: Bootstrap server 'broker1:90x2': port '90x2' is not a number.\n", badBootstrap.err());
        CommandRun noGroup = CommandRun.of("reset-offsets", "--bootstrap", broker.bootstrapServers(), "--group", "nobody", "--to-latest");
        assertEquals(1, noGroup.exit());
        assertTrue(noGroup.err().startsWith("highwater: "), noGroup.err());
    }
}
