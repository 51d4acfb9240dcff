package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --topic T, T:P and T:P1,P2 as kafka-consumer-groups reads them, and a plan narrowed to what they choose. */
class ResetScopeTest {

    private static SortedSet<Integer> of(Integer... ps) {
        return new TreeSet<>(List.of(ps));
    }

    @Test
    void readsTopicsAndPartitionsAsKafkaConsumerGroupsDoes() {
        assertEquals(Map.of("orders", of(), "payments", of(0, 2)),
                ResetScope.parse(List.of("orders", "payments:2,0")).topics());
        assertEquals(Map.of("payments", of(0, 1, 3)),
                ResetScope.parse(List.of("payments:1", " payments:3,0 ")).topics(), "a topic named twice: both");
        assertEquals(Map.of("payments", of()), ResetScope.parse(List.of("payments:1", "payments")).topics(),
                "the whole topic once: all of it");
        assertEquals(ResetScope.EVERY_TOPIC, ResetScope.parse(List.of()));
        assertEquals("orders; payments partitions 0, 2", ResetScope.parse(List.of("orders", "payments:0,2")).describe());
        assertEquals("payments partition 4", ResetScope.of(new PartitionId("payments", 4)).describe());
    }

    @Test
    void aBadSpecIsOneSentenceThatSaysHowToWriteIt() {
        assertEquals("--topic 'orders:': '' is not a partition number; write T:P or T:P1,P2 with partitions of 0 or"
                + " more, e.g. orders:0,2", bad("orders:"));
        assertEquals("--topic 'orders:x': 'x' is not a partition number; write T:P or T:P1,P2 with partitions of 0"
                + " or more, e.g. orders:0,2", bad("orders:x"));
        assertEquals("--topic 'orders:1,,2': '' is not a partition number; write T:P or T:P1,P2 with partitions of 0"
                + " or more, e.g. orders:0,2", bad("orders:1,,2"));
        assertEquals("--topic 'orders:-1': '-1' is not a partition number; write T:P or T:P1,P2 with partitions of 0"
                + " or more, e.g. orders:0,2", bad("orders:-1"));
        assertEquals("--topic ':3' names no topic; write T, T:P or T:P1,P2, e.g. orders:0,2", bad(":3"));
    }

    private static String bad(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> ResetScope.parse(List.of(spec))).getMessage();
    }

    @Test
    void narrowsAPlanToTheChosenPartitionsAndNamesOneTheTopicHasNot() {
        PartitionId o0 = new PartitionId("orders", 0);
        PartitionId p0 = new PartitionId("payments", 0);
        PartitionId p1 = new PartitionId("payments", 1);
        PartitionId p2 = new PartitionId("payments", 2);
        ResetPlan all = ResetPlan.of("billing", new ResetTarget.ToOffset(5),
                Map.of(o0, 9L, p0, 9L, p1, 9L, p2, 9L), Map.of(), Map.of(o0, 20L, p0, 20L, p1, 20L, p2, 20L),
                Map.of(), 0, "Empty");
        ResetPlan one = ResetScope.parse(List.of("payments:1")).narrow(all);
        assertEquals(List.of(p1), one.partitions().stream().map(PartitionReset::partition).toList());
        assertEquals(Map.of(p1, 5L), one.newOffsets());
        assertEquals(Set.of(o0, p0, p2), ResetScope.parse(List.of("orders", "payments:0,2")).narrow(all).newOffsets()
                .keySet());
        assertEquals(all, ResetScope.EVERY_TOPIC.narrow(all));

        ResetException missing = assertThrows(ResetException.class,
                () -> ResetScope.parse(List.of("payments:1,7")).narrow(all));
        assertEquals("Topic payments has no partition 7; it has partitions 0 to 2.", missing.getMessage());
        ResetException single = assertThrows(ResetException.class,
                () -> ResetScope.parse(List.of("orders:1")).narrow(all));
        assertEquals("Topic orders has no partition 1; it has partition 0.", single.getMessage());
    }
}
