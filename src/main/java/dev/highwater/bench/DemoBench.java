package dev.highwater.bench;

import dev.highwater.demo.DemoBackends;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.DemoStatus;

/** The demo's figures: time until both ports accept, the ingest path's rate when asked (memory: FootprintBench). */
public final class DemoBench {

    private DemoBench() {
    }

    public static void run(BenchReport report, int rate, int seconds) throws InterruptedException {
        report.heading("demo: embedded broker + gRPC indexer + traffic, in this process");
        long t0 = System.nanoTime();
        DemoOptions defaults = DemoOptions.defaults();
        try (DemoBackends demo = DemoBackends.start(new DemoOptions(0, 0, null, defaults.rate(),
                defaults.hotKeyShare()))) {
            report.add("demo", "ready (both ports accept)", (System.nanoTime() - t0) / 1e9, "s", "<= 10 s");
            // its memory is measured by the footprint suite, in a process of its own: this JVM also holds the bench
            demo.setRate(rate);
            Thread.sleep(3_000); // warm-up at the new rate: JIT, producer batches
            report.add("demo", "ingest gRPC -> Kafka, asked " + rate + " tx/s", ingestRate(demo, seconds), "tx/s",
                    ">= 20,000 when asked 20,000");
            demo.setRate(rate * 2);
            Thread.sleep(2_000);
            report.add("demo", "ingest ceiling, asked " + rate * 2 + " tx/s", ingestRate(demo, seconds), "tx/s", null);
            if (demo.status().failed() > 0) {
                report.note("failed to publish: " + demo.status().failed() + " transactions");
            }
        }
    }

    private static double ingestRate(DemoBackends demo, int seconds) throws InterruptedException {
        DemoStatus before = demo.status();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        DemoStatus after = demo.status();
        return (after.ingested() - before.ingested()) / ((System.nanoTime() - start) / 1e9);
    }
}
