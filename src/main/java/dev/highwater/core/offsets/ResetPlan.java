package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;

import java.util.List;
import java.util.Map;

/**
 * A previewed offset reset: old and new offsets per partition, and whether it can be applied now. Nothing
 * changes until it is applied, after the user confirmed it.
 *
 * @param group         the consumer group
 * @param target        where the offsets go
 * @param partitions    one line per partition, in order
 * @param activeMembers the group's active members when previewed; a reset is refused while there are any
 * @param groupState    the group's state as the broker reports it
 */
public record ResetPlan(String group, ResetTarget target, List<PartitionReset> partitions, int activeMembers,
                        String groupState) {

    public ResetPlan {
        partitions = List.copyOf(partitions);
    }

    /** Why it cannot be applied now, or null. */
    public String refusal() {
        if (activeMembers > 0) {
            return "Group " + group + " has " + activeMembers + " active member" + (activeMembers == 1 ? "" : "s")
                    + " (state " + groupState + "); Kafka changes a group's offsets only while it has none: stop its"
                    + " consumers, then reset.";
        }
        if (partitions.isEmpty()) {
            return "Group " + group + " has no committed offsets on the chosen topics; choose a topic to reset.";
        }
        return null;
    }

    /** The offsets to commit. */
    public Map<PartitionId, Long> newOffsets() {
        Map<PartitionId, Long> m = new java.util.LinkedHashMap<>();
        partitions.forEach(p -> m.put(p.partition(), p.target()));
        return m;
    }

    /** Partitions whose offset moves. */
    public long moving() {
        return partitions.stream().filter(p -> p.current() == null || p.current() != p.target()).count();
    }

    /**
     * Plans a reset from what the cluster says.
     *
     * @param committed the group's committed offsets (a partition it never committed on maps to null)
     * @param atInstant for {@link ResetTarget.ToInstant}: the first offset at or after the instant, null where
     *                  there is none
     */
    public static ResetPlan of(String group, ResetTarget target, Map<PartitionId, Long> committed,
                               Map<PartitionId, Long> earliest, Map<PartitionId, Long> latest,
                               Map<PartitionId, Long> atInstant, int activeMembers, String groupState) {
        List<PartitionReset> rows = committed.keySet().stream().sorted()
                .map(tp -> line(tp, target, committed.get(tp), earliest, latest, atInstant)).toList();
        return new ResetPlan(group, target, rows, activeMembers, groupState);
    }

    private static PartitionReset line(PartitionId tp, ResetTarget target, Long current,
                                       Map<PartitionId, Long> earliest, Map<PartitionId, Long> latest,
                                       Map<PartitionId, Long> atInstant) {
        long first = earliest.getOrDefault(tp, 0L);
        long end = latest.getOrDefault(tp, first);
        long base = current == null ? first : current; // a shift without a commit counts from the start
        long asked = switch (target) {
            case ResetTarget.Earliest e -> first;
            case ResetTarget.Latest l -> end;
            case ResetTarget.ToOffset o -> o.offset();
            case ResetTarget.ToInstant i -> atInstant.getOrDefault(tp, end);
            case ResetTarget.ShiftBy s -> saturatedSum(base, s.delta());
            case ResetTarget.ToOffsets o -> o.offsets().getOrDefault(tp, base);
        };
        String exactly = " (asked " + (target instanceof ResetTarget.ToOffsets ? Long.toString(asked)
                : asked(target, base)) + ")";
        if (asked > end) {
            return new PartitionReset(tp, current, first, end, end, PartitionReset.Clamp.END,
                    "past the end: clamped to the end " + end + exactly);
        }
        if (asked < first) {
            return new PartitionReset(tp, current, first, end, first, PartitionReset.Clamp.START,
                    "before the start: clamped to the earliest offset " + first + exactly);
        }
        String note = target instanceof ResetTarget.ToInstant && !atInstant.containsKey(tp)
                ? "no record at or after the instant: the end of the log" : "";
        return new PartitionReset(tp, current, first, end, asked, PartitionReset.Clamp.NONE, note);
    }

    /**
     * a + b, or the largest (smallest) long where that overflows: a shift far past the end must stay past the
     * end, where plain addition would wrap round to a negative offset and the clamp would send it to the start.
     */
    static long saturatedSum(long a, long b) {
        long sum = a + b;
        boolean overflowed = ((a ^ sum) & (b ^ sum)) < 0; // both operands' signs differ from the sum's
        return !overflowed ? sum : b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    /** What was asked, exactly, even where the sum does not fit a long: "15 + 9223372036854775807". */
    private static String asked(ResetTarget target, long base) {
        return switch (target) {
            case ResetTarget.ShiftBy s -> base + (s.delta() < 0 ? " - " + Long.toString(s.delta()).substring(1)
                    : " + " + s.delta());
            case ResetTarget.ToOffset o -> Long.toString(o.offset());
            default -> "an offset outside the log";
        };
    }
}
