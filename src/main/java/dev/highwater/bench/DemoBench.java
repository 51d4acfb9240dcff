package dev.highwater.bench;

import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.DemoOptions;
import dev.highwater.demo.DemoStatus;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo's figures: time until both ports accept, the ingest path's rate when asked, the process's memory. */
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
            Thread.sleep(seconds * 1_000L); // the demo as a newcomer runs it: default traffic
            System.gc();
            report.add("demo", "memory at " + defaults.rate() + " tx/s: resident set", residentMegabytes(), "MB", null);
            report.add("demo", "memory at " + defaults.rate() + " tx/s: heap used after GC",
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0, "MB", null);
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

    static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return Double.NaN;
    }
}
