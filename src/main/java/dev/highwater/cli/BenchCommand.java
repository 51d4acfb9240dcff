package dev.highwater.cli;

import dev.highwater.demo.DemoBackends;
import dev.highwater.demo.DemoOptions;
import dev.highwater.demo.DemoStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Measures the figures we promise. Suites so far: {@code demo} (time until both demo ports accept, the demo's
 * memory, and the ingest path's sustained rate when asked for a high one).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures Highwater's figures on this machine and prints them with how they were taken.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUITE", arity = "0..*", description = "suites to run (default: all): demo")
    List<String> suites = List.of("demo");

    @Option(names = "--rate", paramLabel = "N", description = "demo traffic asked for during the ingest measurement (default ${DEFAULT-VALUE} tx/s)")
    int rate = 20_000;

    @Option(names = "--seconds", paramLabel = "N", description = "how long to measure the ingest rate (default ${DEFAULT-VALUE})")
    int seconds = 20;

    @Option(names = "--quick", description = "shorter measurements (5 s)")
    boolean quick;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        for (String suite : suites) {
            if (!suite.equals("demo")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown suite '" + suite
                        + "'; known: demo");
            }
            runDemoSuite(out, quick ? 5 : seconds);
        }
        return 0;
    }

    private void runDemoSuite(PrintWriter out, int window) throws InterruptedException {
        out.printf("suite demo: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), Runtime.version());
        long t0 = System.nanoTime();
        try (DemoBackends demo = DemoBackends.start(new DemoOptions(0, 0, null, rate, DemoOptions.DEFAULT_HOT_KEY_SHARE))) {
            double readySeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "  demo ready (both ports accept)   %6.2f s   (target <= 10 s)%n", readySeconds);
            Thread.sleep(3_000); // warm-up: JIT, producer batches, group assignment
            double asked = ingestRate(demo, window);
            out.printf(Locale.ROOT, "  ingest gRPC -> Kafka, asked %,d tx/s   %,9.0f tx/s over %d s (target >= 20,000)%n",
                    rate, asked, window);
            demo.setRate(rate * 2);
            Thread.sleep(2_000);
            double ceiling = ingestRate(demo, window);
            out.printf(Locale.ROOT, "  ingest ceiling, asked %,d tx/s         %,9.0f tx/s over %d s%n",
                    rate * 2, ceiling, window);
            DemoStatus end = demo.status();
            if (end.failed() > 0) {
                out.printf("  failed to publish: %d transactions%n", end.failed());
            }
            System.gc();
            long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf(Locale.ROOT, "  demo memory: resident %d MB, heap used after GC %d MB, max heap %d MB%n",
                    residentMegabytes(), heapUsed >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
        out.flush();
    }

    private static double ingestRate(DemoBackends demo, int seconds) throws InterruptedException {
        DemoStatus before = demo.status();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1_000L);
        DemoStatus after = demo.status();
        return (after.ingested() - before.ingested()) / ((System.nanoTime() - start) / 1e9);
    }

    private static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return -1;
    }
}
