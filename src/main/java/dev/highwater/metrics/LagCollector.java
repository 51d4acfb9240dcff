package dev.highwater.metrics;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.serve.ClusterLag;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.highwater.metrics.LagMetricNames.*;

/**
 * Builds the series of {@code /metrics} at each scrape from every cluster's newest state: only the groups and
 * partitions a cluster has now get series, so the labels stay bounded by the cluster as it is; a value that is
 * unknown (no committed offset, a rate before two refreshes) has no series rather than a 0. While a cluster
 * does not answer, its group and partition series are left out (Prometheus marks them stale) and
 * {@value LagMetricNames#CLUSTER_UP} says 0.
 */
final class LagCollector implements MultiCollector {

    private final Supplier<List<ClusterLag>> clusters;
    private final boolean partitionSeries;

    /**
     * @param partitionSeries false leaves out the per-partition series but {@value LagMetricNames#PARTITION_HOT}
     */
    LagCollector(Supplier<List<ClusterLag>> clusters, boolean partitionSeries) {
        this.clusters = clusters;
        this.partitionSeries = partitionSeries;
    }

    @Override
    public MetricSnapshots collect() {
        try {
            Series series = new Series();
            for (ClusterLag cluster : clusters.get()) {
                cluster(series, cluster);
            }
            return series.snapshots();
        } catch (RuntimeException e) {
            // the client library answers 500 with no reason: the log says which
            LoggerFactory.getLogger(LagCollector.class).warn("A scrape of /metrics failed", e);
            throw e;
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return LagMetricNames.ALL;
    }

    private void cluster(Series s, ClusterLag c) {
        Labels labels = Labels.of(CLUSTER, c.name());
        if (c.up() != null) {
            s.gauge(CLUSTER_UP, labels, c.up() ? 1 : 0);
        }
        if (Boolean.TRUE.equals(c.up())) {
            s.gauge(CLUSTER_GROUPS, labels, c.groups().size());
        }
        if (c.refreshSeconds() != null) {
            s.gauge(REFRESH_DURATION, labels, c.refreshSeconds());
        }
        if (c.lastSuccessMillis() != null) {
            s.gauge(REFRESH_LAST_SUCCESS, labels, c.lastSuccessMillis() / 1000.0);
        }
        s.counter(REFRESHES, labels, c.refreshes());
        s.counter(REFRESH_ERRORS, labels, c.errors());
        for (GroupLag g : c.groups()) {
            group(s, c.name(), g);
        }
    }

    private void group(Series s, String cluster, GroupLag g) {
        Labels labels = Labels.of(CLUSTER, cluster, GROUP, g.groupId());
        GroupTotals totals = GroupTotals.of(g);
        s.gaugeIfKnown(GROUP_LAG, labels, totals.lag());
        s.gaugeIfKnown(GROUP_LAG_SECONDS, labels, g.maxLagSeconds());
        s.gaugeIfKnown(GROUP_PRODUCE_RATE, labels, totals.produceRate());
        s.gaugeIfKnown(GROUP_CONSUME_RATE, labels, totals.consumeRate());
        s.gaugeIfKnown(GROUP_TIME_TO_DRAIN, labels, totals.secondsToDrain());
        for (GroupStatus status : GroupStatus.values()) {
            s.gauge(GROUP_STATUS, labels.add(STATUS, status.name()), status == g.status() ? 1 : 0);
        }
        s.gauge(GROUP_HOT_PARTITIONS, labels, totals.hotPartitions());
        s.gauge(GROUP_MEMBERS, labels, g.members().size());
        s.gauge(GROUP_PARTITIONS, labels, g.partitions().size());
        for (PartitionLag p : g.partitions()) {
            if (!partitionSeries && !p.hot()) {
                continue;
            }
            Labels at = Labels.of(CLUSTER, cluster, GROUP, g.groupId(), TOPIC, p.id().topic(), PARTITION,
                    Integer.toString(p.id().partition()));
            if (p.hot()) {
                s.gauge(PARTITION_HOT, at, 1);
            }
            if (partitionSeries) {
                partition(s, at, p);
            }
        }
    }

    private static void partition(Series s, Labels at, PartitionLag p) {
        s.gaugeIfKnown(PARTITION_COMMITTED_OFFSET, at, p.committed());
        s.gauge(PARTITION_END_OFFSET, at, p.logEnd());
        s.gaugeIfKnown(PARTITION_LAG, at, p.lag());
        s.gaugeIfKnown(PARTITION_LAG_SECONDS, at, p.lagSeconds());
        s.gaugeIfKnown(PARTITION_PRODUCE_RATE, at, p.produceRate());
        s.gaugeIfKnown(PARTITION_CONSUME_RATE, at, p.consumeRate());
        s.gaugeIfKnown(PARTITION_TIME_TO_DRAIN, at, p.secondsToDrain());
    }

    /** The data points of one scrape, by metric name, in the order the names first come. */
    private static final class Series {
        private final Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
        private final Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();

        void gauge(String name, Labels labels, double value) {
            gauges.computeIfAbsent(name, n -> new ArrayList<>()).add(new GaugeDataPointSnapshot(value, labels, null));
        }

        void gaugeIfKnown(String name, Labels labels, Number value) {
            if (value != null) {
                gauge(name, labels, value.doubleValue());
            }
        }

        void counter(String name, Labels labels, double value) {
            counters.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(new CounterDataPointSnapshot(value, labels, null, 0));
        }

        MetricSnapshots snapshots() {
            List<MetricSnapshot> out = new ArrayList<>(gauges.size() + counters.size());
            gauges.forEach((name, points) -> out.add(new GaugeSnapshot(metadata(name), points)));
            counters.forEach((name, points) -> out.add(new CounterSnapshot(metadata(name), points)));
            return new MetricSnapshots(out);
        }

        private static MetricMetadata metadata(String name) {
            return new MetricMetadata(name, LagMetricHelp.of(name));
        }
    }
}
