package dev.highwater.core.lag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A group's status from its partitions' trends: the worst partition decides (STALLED over LAGGING over OK), and
 * the reason names it with its numbers so that a person knows where to look.
 *
 * @param worst the partition the reason names, null when none lags or stalls
 */
record GroupVerdict(GroupStatus status, String reason, PartitionTrend worst) {

    /**
     * @param trends      the partitions' current trends (partitions not yet judged are absent)
     * @param partitions  how many partitions the group has
     */
    static GroupVerdict of(Collection<PartitionTrend> trends, int partitions, boolean hasMembers,
                           boolean hasCommitted, long totalLag) {
        for (GroupStatus status : List.of(GroupStatus.STALLED, GroupStatus.LAGGING)) {
            List<PartitionTrend> matching = trends.stream().filter(t -> t.status() == status).toList();
            if (!matching.isEmpty()) {
                PartitionTrend worst = matching.stream()
                        .max(Comparator.comparingLong(PartitionTrend::growth)
                                .thenComparing(PartitionTrend::id, Comparator.reverseOrder()))
                        .orElseThrow();
                String reason = describe(worst) + more(matching.size() - 1) + ".";
                return new GroupVerdict(status, reason, worst);
            }
        }
        if (!hasMembers && !hasCommitted) {
            return new GroupVerdict(GroupStatus.EMPTY, "No members and no committed offsets.", null);
        }
        String reason;
        if (!hasCommitted) {
            reason = "No committed offsets yet: its members have not committed.";
        } else if (trends.isEmpty()) {
            reason = "Watching: judging the trend takes " + PartitionTrend.MIN_SAMPLES
                    + " refreshes over half the status window.";
        } else if (!hasMembers) {
            reason = "No members, and lag is not growing (total lag " + LagFormat.count(totalLag) + ").";
        } else {
            reason = "Lag is not growing on " + (partitions == 1 ? "its partition" : "any of its "
                    + LagFormat.count(partitions) + " partitions") + " (total lag " + LagFormat.count(totalLag) + ").";
        }
        return new GroupVerdict(GroupStatus.OK, reason, null);
    }

    /** The worst partition's numbers, without a final period, e.g. for an alert's message. */
    static String describe(PartitionTrend t) {
        String span = LagFormat.seconds(t.spanMillis() / 1000.0);
        if (t.status() == GroupStatus.STALLED) {
            return t.id() + ": committed offset stuck at " + LagFormat.count(t.toCommitted()) + " for " + span
                    + " while lag grew from " + LagFormat.count(t.fromLag()) + " to " + LagFormat.count(t.toLag());
        }
        return t.id() + ": lag grew from " + LagFormat.count(t.fromLag()) + " to " + LagFormat.count(t.toLag())
                + " over " + span + " while committing " + LagFormat.rate(t.commitRate());
    }

    String reasonWithoutPeriod() {
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static String more(int others) {
        return others == 0 ? "" : " (and " + others + (others == 1 ? " more partition)" : " more partitions)");
    }
}
