package dev.highwater.bench;

import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench scale}: a cluster of the size kafka-ui users report freezing at (by default 2,500 groups over
 * 10,000 topics and 40,000 partitions) on real brokers, several processes of them, and what Highwater does with
 * it, section by section: one lag refresh with lag in seconds on the console's and the service's paths, the heap
 * the refreshed state holds, and {@code lag --all-groups} and {@code lag --list} beside Kafka's own
 * ConsumerGroupCommand. More sections (the console's frames at that size) join through {@link Section}.
 */
public final class ScaleBench {

    /** One part of the suite's report, measured against the running cluster. */
    public interface Section {
        void measure(ScaleTarget target, BenchReport report) throws Exception;
    }

    /**
     * @param brokers  broker processes (a broker holds a file open per partition, and a process only so many)
     * @param dataDir  a folder kept across runs (set-up is skipped when it holds this shape), or null for a
     *                 temporary one removed at the end
     * @param runs     timed refreshes per figure (cold and steady)
     * @param cliRuns  timed runs of each command line, 0 for none
     */
    public record Options(int brokers, Path dataDir, int runs, int cliRuns, String brokerHeap) {
    }

    private ScaleBench() {
    }

    /** The suite's own sections, then {@code more}. */
    public static void run(BenchReport report, ScaleShape shape, Options options, List<Section> more)
            throws Exception {
        report.heading("scale: " + shape + ", on " + options.brokers() + " broker processes");
        List<Section> sections = new ArrayList<>();
        sections.add((target, r) -> ScaleRefreshes.measure(target, r, options.runs()));
        if (options.cliRuns() > 0) {
            sections.add((target, r) -> ScaleCommandLines.measure(target, r, options.cliRuns()));
        }
        sections.addAll(more);
        boolean temporary = options.dataDir() == null;
        Path dir = temporary ? Files.createTempDirectory("highwater-bench-scale") : options.dataDir();
        try {
            long t0 = System.nanoTime();
            try (ScaleCluster cluster = ScaleCluster.start(dir, options.brokers(), options.brokerHeap())) {
                report.note(String.format(Locale.ROOT, "%d brokers (kafka.Kafka, -Xmx%s each) up in %.1f s, data in %s",
                        options.brokers(), options.brokerHeap(), (System.nanoTime() - t0) / 1e9, dir));
                long firstMillis = ScaleFill.prepare(cluster, shape, report);
                ScaleOffsets offsets = new ScaleOffsets(shape, firstMillis);
                long t1 = System.nanoTime();
                try (Admin admin = cluster.setupAdmin("bench-scale-commit")) {
                    offsets.commitFirst(admin);
                }
                report.note(String.format(Locale.ROOT, "%,d groups committed in %.1f s", shape.groups(),
                        (System.nanoTime() - t1) / 1e9));
                ScaleTarget target = new ScaleTarget(cluster.bootstrapServers(), shape, offsets);
                for (Section s : sections) {
                    s.measure(target, report);
                }
            }
        } finally {
            if (temporary) {
                LedgerBench.deleteQuietly(dir);
            }
        }
    }
}
