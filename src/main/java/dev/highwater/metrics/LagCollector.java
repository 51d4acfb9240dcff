package dev.highwater.metrics;

import dev.highwater.core.serve.ClusterLag;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The series of {@code /metrics}, from every cluster's newest state at each scrape: only the groups and
 * partitions a cluster has now get series, so the labels stay bounded by the cluster as it is; a value that is
 * unknown (no committed offset, a rate before two refreshes) has no series rather than a 0. While a cluster
 * does not answer, its group and partition series are left out (Prometheus marks them stale) and
 * {@value LagMetricNames#CLUSTER_UP} says 0. A cluster's points are made once per refresh of it
 * ({@link ClusterSeries}), when the refresh lands, however often it is scraped: a scrape writes them.
 */
final class LagCollector implements MultiCollector {

    private final Supplier<List<ClusterLag>> clusters;
    private final boolean partitionSeries;
    /** The points made for each cluster's state last scraped, by cluster name. */
    private final Map<String, ClusterSeries> made = new HashMap<>();
    /** What the last scrape or preparation made of them all. */
    private MetricSnapshots lastSnapshots;

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
            return current();
        } catch (RuntimeException e) {
            // the client library answers 500 with no reason: the log says which
            LoggerFactory.getLogger(LagCollector.class).warn("A scrape of /metrics failed", e);
            throw e;
        }
    }

    /**
     * Makes the series of the clusters' states now, for the scrapes to come: called when a refresh lands, so that
     * a scrape of a large cluster only writes them.
     */
    void prepare() {
        current();
    }

    @Override
    public List<String> getPrometheusNames() {
        return LagMetricNames.ALL;
    }

    /** The snapshots of the clusters' states now: made again only for the clusters whose state changed. */
    private synchronized MetricSnapshots current() {
        List<ClusterLag> now = new ArrayList<>(clusters.get());
        now.sort(Comparator.comparing(ClusterLag::name)); // the order of their labels
        List<ClusterSeries> series = new ArrayList<>(now.size());
        boolean changed = lastSnapshots == null || made.size() != now.size();
        for (ClusterLag c : now) {
            ClusterSeries s = made.get(c.name());
            if (s == null || s.state != c) {
                s = new ClusterSeries(c, partitionSeries);
                made.put(c.name(), s);
                changed = true;
            }
            series.add(s);
        }
        if (changed) {
            lastSnapshots = snapshots(series);
        }
        return lastSnapshots;
    }

    private static MetricSnapshots snapshots(List<ClusterSeries> clusters) {
        Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
        Map<String, List<CounterDataPointSnapshot>> counters = new LinkedHashMap<>();
        for (ClusterSeries c : clusters) {
            c.gauges.forEach((name, points) -> gauges.computeIfAbsent(name, n -> new ArrayList<>()).addAll(points));
            c.counters.forEach((name, points) -> counters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(points));
        }
        List<MetricSnapshot> out = new ArrayList<>(gauges.size() + counters.size());
        gauges.forEach((name, points) -> out.add(new GaugeSnapshot(metadata(name), points)));
        counters.forEach((name, points) -> out.add(new CounterSnapshot(metadata(name), points)));
        return new MetricSnapshots(out);
    }

    private static MetricMetadata metadata(String name) {
        return new MetricMetadata(name, LagMetricHelp.of(name));
    }
}
