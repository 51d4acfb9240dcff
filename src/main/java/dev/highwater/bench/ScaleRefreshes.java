package dev.highwater.bench;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.kafka.lag.KafkaKeySampler;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import org.apache.kafka.clients.admin.Admin;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One lag refresh of the whole scale cluster, lag in seconds included and checked exact for every
 * group-partition: cold (a new watcher, nothing cached) and steady (a tenth of the groups moved their committed
 * offsets since the last refresh, a second before, as in a live cluster), on the console's path (the lag
 * service with the console's settings: an hour of chart history in memory, hot-key sampling) and on the
 * service's (no chart history, as {@code serve} runs it). Then the heap the refreshed state holds: the live heap
 * after a full collection with the watcher and its last refresh held, less the live heap before it was made.
 */
final class ScaleRefreshes {

    /** How a path's watcher is made. */
    private record Path(String name, LagSettings settings) {
        LagService open(ClientSettings client) {
            return new LagService(new KafkaOffsetsSource(client, Clock.systemUTC()), new KafkaKeySampler(client),
                    null, client.bootstrapServers(), settings, Clock.systemUTC());
        }
    }

    private static final List<Path> PATHS = List.of(
            new Path("service", LagSettings.defaults().withoutHistory()),
            new Path("console", LagSettings.defaults()));

    private ScaleRefreshes() {
    }

    static void measure(ScaleTarget target, BenchReport report, int runs) throws Exception {
        ClientSettings client = ClientSettings.of(target.bootstrapServers());
        report.note("refresh: LagService.refresh() of every group, lag in seconds checked exact for all "
                + String.format(Locale.ROOT, "%,d", target.shape().groupPartitions())
                + " group-partitions; cold = a new LagService (new clients, nothing cached), the first one a warm-up"
                + " not counted; steady = the same one, a tenth of the groups committed one record further since");
        Map<String, Object> patient = client.admin("bench-scale-move");
        patient.put("default.api.timeout.ms", 600_000);
        patient.put("request.timeout.ms", 300_000);
        try (Admin admin = Admin.create(patient)) {
            boolean warmedUp = false;
            for (Path path : PATHS) {
                if (!warmedUp) {
                    cold(path, client, target); // the JVM's first refresh: class loading and compilation
                    warmedUp = true;
                }
                double[] cold = new double[runs];
                for (int r = 0; r < runs; r++) {
                    cold[r] = cold(path, client, target);
                }
                report.add("scale", "refresh, cold, " + path.name() + "'s path", cold, "s", "<= 5 s");
                long before = liveHeap();
                try (LagService service = path.open(client)) {
                    target.offsets().check(service.refresh());
                    double[] steady = new double[runs];
                    long last = System.nanoTime();
                    for (int r = 0; r < runs; r++) {
                        target.offsets().moveATenth(admin);
                        long wait = 1_000 - (System.nanoTime() - last) / 1_000_000;
                        if (wait > 0) {
                            Thread.sleep(wait); // the refresh interval
                        }
                        last = System.nanoTime();
                        LagRefresh refresh = service.refresh();
                        steady[r] = (System.nanoTime() - last) / 1e9;
                        target.offsets().check(refresh);
                    }
                    report.add("scale", "refresh, steady, " + path.name() + "'s path", steady, "s", "<= 2 s");
                    long held = liveHeap();
                    report.add("scale", "heap held by the refreshed state, " + path.name() + "'s path",
                            (held - before) / 1e6, "MB", null);
                    report.add("scale", "live heap after a full GC, " + path.name() + "'s path (bench JVM)",
                            held / 1e6, "MB", null);
                }
            }
        }
    }

    private static double cold(Path path, ClientSettings client, ScaleTarget target) {
        try (LagService service = path.open(client)) {
            long t0 = System.nanoTime();
            LagRefresh refresh = service.refresh();
            double seconds = (System.nanoTime() - t0) / 1e9;
            target.offsets().check(refresh);
            return seconds;
        }
    }

    /** The heap in use after full collections: what is alive, and nothing else. */
    private static long liveHeap() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
