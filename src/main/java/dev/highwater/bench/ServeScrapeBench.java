package dev.highwater.bench;

import dev.highwater.core.lag.LagMonitor;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.serve.ClusterLag;
import dev.highwater.core.serve.GroupFilter;
import dev.highwater.core.serve.ServeSettings;
import dev.highwater.metrics.PrometheusEndpoint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scrape of the lag service's {@code /metrics} for a large cluster, over HTTP on loopback as Prometheus makes
 * it: the series are made when a refresh lands (timed apart) and written by the Prometheus client library at each
 * scrape.
 * The refresh is synthetic (no broker): groups each reading their own topics of four partitions, run through the
 * engine's monitor twice so that every series a real refresh has (rates, time to drain, hot partitions) is there.
 */
public final class ServeScrapeBench {

    static final int PARTITIONS_PER_TOPIC = 4;
    /** What Prometheus 2 sends. */
    static final String ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
            + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private ServeScrapeBench() {
    }

    /**
     * @param groups     consumer groups
     * @param partitions group-partitions in all (each group reads {@code partitions / groups} of them)
     */
    public static void run(BenchReport report, int groups, int partitions, int runs) throws Exception {
        int perGroup = Math.max(PARTITIONS_PER_TOPIC, partitions / groups / PARTITIONS_PER_TOPIC * PARTITIONS_PER_TOPIC);
        report.heading("serve-scrape: /metrics of " + groups + " groups x " + perGroup + " partitions = "
                + groups * perGroup + " group-partitions over " + groups * perGroup / PARTITIONS_PER_TOPIC
                + " topics, over HTTP on loopback");
        ClusterLag cluster = cluster(groups, perGroup);
        HttpClient http = HttpClient.newHttpClient();
        String label = groups + " groups, " + groups * perGroup + " partitions";
        for (boolean partitionSeries : new boolean[] {true, false}) {
            ServeSettings settings = new ServeSettings(ServeSettings.DEFAULT_INTERVAL, GroupFilter.all(),
                    "127.0.0.1", 0, partitionSeries);
            AtomicReference<ClusterLag> state = new AtomicReference<>(cluster);
            try (PrometheusEndpoint endpoint = PrometheusEndpoint.open(settings, () -> List.of(state.get()))) {
                String what = partitionSeries ? label : label + ", --no-partition-metrics";
                Scraped first = scrape(http, endpoint.metricsUri(), false); // warms the JVM up
                report.note(what + ": " + first.series + " series, " + first.bytes / 1024 + " KB");
                double[] made = new double[runs];
                for (int r = 0; r < runs; r++) {
                    state.set(copy(cluster)); // a refresh lands: its series are made on the refresh's thread
                    long t0 = System.nanoTime();
                    endpoint.refreshed();
                    made[r] = (System.nanoTime() - t0) / 1e9;
                }
                report.add("serve-scrape", "series made as a refresh lands, " + what, made, "s", null);
                for (boolean gzip : new boolean[] {false, true}) {
                    String how = gzip ? "/metrics scrape, gzip (as Prometheus asks), " : "/metrics scrape, ";
                    double[][] timed = times(http, endpoint.metricsUri(), gzip, runs);
                    report.add("serve-scrape", how + what, timed[0], "s", partitionSeries ? "< 1 s" : null);
                    report.add("serve-scrape", how + "CPU of the serving thread, " + what, timed[1], "s", null);
                }
                report.note("gzip: " + scrape(http, endpoint.metricsUri(), true).bytes / 1024 + " KB on the wire");
            }
        }
    }

    /** The same values as a new state, as the next refresh of an unchanged cluster gives. */
    private static ClusterLag copy(ClusterLag c) {
        return new ClusterLag(c.name(), c.up(), c.refreshes() + 1, c.errors(), c.refreshSeconds(),
                c.lastSuccessMillis(), c.groups(), c.error());
    }

    /**
     * Each scrape's wall time, as Prometheus sees it, and the CPU time the endpoint's threads spent on it (the
     * steadier figure on a shared machine, where the wall time is mostly waiting for a core).
     */
    private static double[][] times(HttpClient http, URI metrics, boolean gzip, int runs) throws Exception {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = servingCpuNanos();
            long t0 = System.nanoTime();
            scrape(http, metrics, gzip);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (servingCpuNanos() - c0) / 1e9;
        }
        return new double[][] {wall, cpu};
    }

    /** The CPU time of the endpoint's threads so far. */
    private static long servingCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(PrometheusEndpoint.THREAD_NAME)) {
                sum += Math.max(0, mx.getThreadCpuTime(t.threadId()));
            }
        }
        return sum;
    }

    private record Scraped(int bytes, long series) {
    }

    private static Scraped scrape(HttpClient http, URI metrics, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(metrics).header("Accept", ACCEPT)
                .timeout(Duration.ofMinutes(2));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + r.statusCode());
        }
        byte[] body = r.body();
        if (gzip) {
            if (!r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                throw new IllegalStateException("/metrics did not compress");
            }
            return new Scraped(body.length, -1);
        }
        long series = new String(body, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("#")).count();
        return new Scraped(body.length, series);
    }

    /** The cluster as the service shows it after two refreshes 10 s apart. */
    static ClusterLag cluster(int groups, int perGroup) {
        LagMonitor monitor = new LagMonitor(LagSettings.defaults().withoutHistory());
        long t0 = System.currentTimeMillis() - 10_000;
        monitor.update(snapshot(groups, perGroup, t0, 0));
        LagRefresh refresh = monitor.update(snapshot(groups, perGroup, t0 + 10_000, 10));
        return new ClusterLag("bench", true, 2, 0, 1.0, refresh.readAtMillis(), refresh.groups(), null);
    }

    /**
     * Every group on its own topics; partition 0 of each group's first topic far behind (hot), the others a
     * little; everything moves on by 100 records/s produced and 110 committed, so every lag drains.
     */
    private static OffsetsSnapshot snapshot(int groups, int perGroup, long at, int secondsLater) {
        Map<PartitionId, OffsetsSnapshot.LogOffsets> logs = new HashMap<>();
        List<OffsetsSnapshot.GroupOffsets> offsets = new ArrayList<>(groups);
        int topicsPerGroup = perGroup / PARTITIONS_PER_TOPIC;
        for (int g = 0; g < groups; g++) {
            Map<PartitionId, Long> committed = new HashMap<>();
            Map<PartitionId, OffsetsSnapshot.RecordTime> times = new HashMap<>();
            for (int t = 0; t < topicsPerGroup; t++) {
                String topic = String.format("topic-%05d", g * topicsPerGroup + t);
                for (int p = 0; p < PARTITIONS_PER_TOPIC; p++) {
                    PartitionId id = new PartitionId(topic, p);
                    long end = 100_000 + 100L * secondsLater;
                    long lag = t == 0 && p == 0 ? 5_000 : 150 + p;
                    long at0 = 100_000 - lag + 110L * secondsLater;
                    logs.put(id, new OffsetsSnapshot.LogOffsets(id, 0, end));
                    committed.put(id, Math.min(at0, end));
                    times.put(id, new OffsetsSnapshot.RecordTime(at0, at - lag * 10, false));
                }
            }
            List<OffsetsSnapshot.Member> members = List.of(new OffsetsSnapshot.Member("member-" + g,
                    "consumer-" + g, "/10.0.0." + g % 250, Set.copyOf(committed.keySet())));
            offsets.add(new OffsetsSnapshot.GroupOffsets(String.format("group-%04d", g), "Stable", members,
                    committed, times));
        }
        return new OffsetsSnapshot(at, null, logs, offsets);
    }
}
