package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the monitor remembers about one group between refreshes (each partition's commit window, its last trend,
 * the last settled assignment) and how it turns a snapshot of the group into a {@link GroupLag}.
 */
final class GroupTracker {

    /** A partition's log at one refresh, shared by all groups that consume it. */
    record LogState(long logEnd, Double produceRate, double produceShare) {
    }

    /** One refresh of one group-partition. */
    record CommitSample(long at, long committed, long logEnd, long lag, Double lagSeconds) implements SampleWindow.Timed {
    }

    /** Coordinator states in which an assignment is still being handed out (classic and KIP-848 protocols). */
    private static final Set<String> REBALANCING =
            Set.of("PreparingRebalance", "CompletingRebalance", "Assigning", "Reconciling");

    private final String groupId;
    private final LagSettings settings;
    private final Map<PartitionId, SampleWindow<CommitSample>> windows = new HashMap<>();
    private final Map<PartitionId, PartitionTrend> trends = new HashMap<>();
    private final Set<PartitionId> hotNow = new HashSet<>();
    static final double HOT_CLEAR_RATIO = 0.8;
    private Map<String, Set<PartitionId>> settledAssignment;
    private int rebalances;
    private GroupVerdict verdict;

    GroupTracker(String groupId, LagSettings settings) {
        this.groupId = groupId;
        this.settings = settings;
    }

    /** A disconnection breaks every window; trends stay, so the status holds until the windows refill. */
    void breakWindows() {
        windows.values().forEach(SampleWindow::clear);
    }

    GroupVerdict verdict() {
        return verdict;
    }

    GroupLag update(long at, OffsetsSnapshot.GroupOffsets group, Map<PartitionId, LogState> logs,
                    Map<String, List<PartitionId>> partitionsByTopic) {
        countRebalance(group);
        Map<PartitionId, String> owners = new HashMap<>();
        SortedSet<PartitionId> partitions = new TreeSet<>(group.committed().keySet());
        for (OffsetsSnapshot.Member m : group.members()) {
            m.assignment().forEach(p -> owners.put(p, m.clientId()));
            partitions.addAll(m.assignment());
        }
        // every partition of the topics the group reads, so one it never committed on shows as such
        Set<String> topics = new HashSet<>();
        partitions.forEach(p -> topics.add(p.topic()));
        topics.forEach(t -> partitions.addAll(partitionsByTopic.getOrDefault(t, List.of())));
        partitions.retainAll(logs.keySet()); // a deleted topic's partitions are gone from the logs
        windows.keySet().retainAll(partitions);
        trends.keySet().retainAll(partitions);
        hotNow.retainAll(partitions);

        List<Measured> measured = new ArrayList<>(partitions.size());
        long totalLag = 0;
        int withLag = 0;
        for (PartitionId p : partitions) {
            Measured m = measure(at, p, group, logs.get(p));
            measured.add(m);
            if (m.lag != null) {
                totalLag += m.lag;
                withLag++;
            }
        }
        double averageLag = withLag == 0 ? 0 : (double) totalLag / withLag;
        verdict = GroupVerdict.of(trends.values(), partitions.size(), !group.members().isEmpty(),
                !group.committed().isEmpty(), totalLag);

        List<PartitionLag> rows = new ArrayList<>(measured.size());
        Double maxLagSeconds = null;
        for (Measured m : measured) {
            // a hot partition stays hot until it drops below 80 % of the threshold, so a lag hovering at the
            // line does not raise and clear its alert every refresh
            double factor = hotNow.contains(m.id) ? settings.hotspotFactor() * HOT_CLEAR_RATIO : settings.hotspotFactor();
            boolean hot = m.lag != null && m.lag > factor * averageLag && m.lag >= settings.hotspotMinLag();
            if (hot) {
                hotNow.add(m.id);
            } else {
                hotNow.remove(m.id);
            }
            PartitionTrend trend = trends.get(m.id);
            GroupStatus status = trend == null ? GroupStatus.OK : trend.status();
            rows.add(new PartitionLag(m.id, m.committed, m.log.logEnd(), m.lag, m.lagSeconds, m.estimated,
                    m.log.produceRate(), m.consumeRate, drainSeconds(m), owners.get(m.id), hot,
                    m.log.produceShare(), status));
            if (m.lagSeconds != null && (maxLagSeconds == null || m.lagSeconds > maxLagSeconds)) {
                maxLagSeconds = m.lagSeconds;
            }
        }
        return new GroupLag(groupId, group.state(), verdict.status(), verdict.reason(), totalLag, maxLagSeconds,
                List.copyOf(rows), List.copyOf(group.members()), rebalances);
    }

    private record Measured(PartitionId id, LogState log, Long committed, Long lag, Double lagSeconds,
                            boolean estimated, Double consumeRate) {
    }

    private Measured measure(long at, PartitionId p, OffsetsSnapshot.GroupOffsets group, LogState log) {
        Long committed = group.committed().get(p);
        if (committed == null) {
            windows.remove(p);
            trends.remove(p);
            return new Measured(p, log, null, null, null, false, null);
        }
        // committed beyond the end (a recreated topic, a truncated log) is caught up, not negative
        long lag = Math.max(0, log.logEnd() - committed);
        SampleWindow<CommitSample> window = windows.computeIfAbsent(p,
                k -> new SampleWindow<>(settings.statusWindow().toMillis()));
        CommitSample previous = window.last();
        if (previous != null && (committed < previous.committed() || log.logEnd() < previous.logEnd())) {
            window.clear(); // offsets reset or the log recreated: a rate across that would be meaningless
        }
        Double lagSeconds = null;
        boolean estimated = false;
        OffsetsSnapshot.RecordTime time = group.recordTimes().get(p);
        if (lag == 0) {
            lagSeconds = 0.0;
        } else if (time != null) {
            lagSeconds = Math.max(0, at - time.timestampMillis()) / 1000.0; // a producer's clock may run ahead
            estimated = time.estimated();
        }
        window.add(new CommitSample(at, committed, log.logEnd(), lag, lagSeconds));
        PartitionTrend trend = PartitionTrend.judge(p, window, settings.statusWindow().toMillis() / 2);
        if (trend != null) {
            trends.put(p, trend);
        }
        return new Measured(p, log, committed, lag, lagSeconds, estimated, window.perSecond(CommitSample::committed));
    }

    private static Double drainSeconds(Measured m) {
        if (m.lag == null) {
            return null;
        }
        if (m.lag == 0) {
            return 0.0;
        }
        if (m.consumeRate == null || m.log.produceRate() == null || m.consumeRate <= m.log.produceRate()) {
            return null;
        }
        return m.lag / (m.consumeRate - m.log.produceRate());
    }

    /**
     * Compares settled assignments only: one rebalance passes through states where members hold nothing yet,
     * and counting those would count it twice.
     */
    private void countRebalance(OffsetsSnapshot.GroupOffsets group) {
        if (group.state() != null && REBALANCING.contains(group.state())) {
            return;
        }
        Map<String, Set<PartitionId>> assignment = new HashMap<>();
        group.members().forEach(m -> assignment.put(m.memberId(), Set.copyOf(m.assignment())));
        if (settledAssignment != null && !settledAssignment.equals(assignment)) {
            rebalances++;
        }
        settledAssignment = assignment;
    }
}
