package dev.highwater.metrics;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.serve.ClusterLag;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.highwater.metrics.LagMetricNames.*;

/**
 * One cluster's data points, by series name, made once per refresh of the cluster and kept for the scrapes that
 * follow. Each series' points are made in the order of their labels (the order the client library sorts them
 * in, which then costs it one pass), so a scrape of a large cluster spends its time writing, not sorting.
 */
final class ClusterSeries {

    /** Partitions in the order of their labels: the partition number as text, then the topic. */
    private static final Comparator<PartitionLag> LABEL_ORDER = Comparator
            .comparing((PartitionLag p) -> Integer.toString(p.id().partition())).thenComparing(p -> p.id().topic());
    /** The statuses in the order of their label values. */
    private static final GroupStatus[] STATUSES = Arrays.stream(GroupStatus.values())
            .sorted(Comparator.comparing(GroupStatus::name)).toArray(GroupStatus[]::new);

    final ClusterLag state;
    final Map<String, List<GaugeDataPointSnapshot>> gauges = new HashMap<>();
    final Map<String, List<CounterDataPointSnapshot>> counters = new HashMap<>();

    /**
     * @param partitionSeries false leaves out the per-partition series but {@value LagMetricNames#PARTITION_HOT}
     */
    ClusterSeries(ClusterLag state, boolean partitionSeries) {
        this.state = state;
        Labels labels = Labels.of(CLUSTER, state.name());
        if (state.up() != null) {
            gauge(CLUSTER_UP, labels, state.up() ? 1 : 0);
        }
        if (Boolean.TRUE.equals(state.up())) {
            gauge(CLUSTER_GROUPS, labels, state.groups().size());
        }
        if (state.refreshSeconds() != null) {
            gauge(REFRESH_DURATION, labels, state.refreshSeconds());
        }
        if (state.lastSuccessMillis() != null) {
            gauge(REFRESH_LAST_SUCCESS, labels, state.lastSuccessMillis() / 1000.0);
        }
        counter(REFRESHES, labels, state.refreshes());
        counter(REFRESH_ERRORS, labels, state.errors());
        // groups come sorted by id from the monitor; sorted again only if they are not
        List<GroupLag> groups = state.groups();
        if (!sortedById(groups)) {
            groups = groups.stream().sorted(Comparator.comparing(GroupLag::groupId)).toList();
        }
        for (GroupLag g : groups) {
            group(g, partitionSeries);
        }
    }

    private static boolean sortedById(List<GroupLag> groups) {
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i - 1).groupId().compareTo(groups.get(i).groupId()) > 0) {
                return false;
            }
        }
        return true;
    }

    private void group(GroupLag g, boolean partitionSeries) {
        Labels labels = Labels.of(CLUSTER, state.name(), GROUP, g.groupId());
        GroupTotals totals = GroupTotals.of(g);
        gaugeIfKnown(GROUP_LAG, labels, totals.lag());
        gaugeIfKnown(GROUP_LAG_SECONDS, labels, g.maxLagSeconds());
        gaugeIfKnown(GROUP_PRODUCE_RATE, labels, totals.produceRate());
        gaugeIfKnown(GROUP_CONSUME_RATE, labels, totals.consumeRate());
        gaugeIfKnown(GROUP_TIME_TO_DRAIN, labels, totals.secondsToDrain());
        for (GroupStatus status : STATUSES) {
            gauge(GROUP_STATUS, labels.add(STATUS, status.name()), status == g.status() ? 1 : 0);
        }
        gauge(GROUP_HOT_PARTITIONS, labels, totals.hotPartitions());
        gauge(GROUP_MEMBERS, labels, g.members().size());
        gauge(GROUP_PARTITIONS, labels, g.partitions().size());
        if (!partitionSeries && totals.hotPartitions() == 0) {
            return;
        }
        List<PartitionLag> partitions = new ArrayList<>(g.partitions());
        partitions.sort(LABEL_ORDER);
        for (PartitionLag p : partitions) {
            if (!partitionSeries && !p.hot()) {
                continue;
            }
            Labels at = Labels.of(CLUSTER, state.name(), GROUP, g.groupId(), TOPIC, p.id().topic(), PARTITION,
                    Integer.toString(p.id().partition()));
            if (p.hot()) {
                gauge(PARTITION_HOT, at, 1);
            }
            if (partitionSeries) {
                gaugeIfKnown(PARTITION_COMMITTED_OFFSET, at, p.committed());
                gauge(PARTITION_END_OFFSET, at, p.logEnd());
                gaugeIfKnown(PARTITION_LAG, at, p.lag());
                gaugeIfKnown(PARTITION_LAG_SECONDS, at, p.lagSeconds());
                gaugeIfKnown(PARTITION_PRODUCE_RATE, at, p.produceRate());
                gaugeIfKnown(PARTITION_CONSUME_RATE, at, p.consumeRate());
                gaugeIfKnown(PARTITION_TIME_TO_DRAIN, at, p.secondsToDrain());
            }
        }
    }

    private void gauge(String name, Labels labels, double value) {
        gauges.computeIfAbsent(name, n -> new ArrayList<>()).add(new GaugeDataPointSnapshot(value, labels, null));
    }

    private void gaugeIfKnown(String name, Labels labels, Number value) {
        if (value != null) {
            gauge(name, labels, value.doubleValue());
        }
    }

    private void counter(String name, Labels labels, double value) {
        counters.computeIfAbsent(name, n -> new ArrayList<>()).add(new CounterDataPointSnapshot(value, labels, null, 0));
    }
}
