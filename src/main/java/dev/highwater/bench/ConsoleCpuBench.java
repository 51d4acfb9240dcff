package dev.highwater.bench;

import dev.highwater.app.Wiring;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagService;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's own CPU while it watches the demo every second: the demo runs in a process of its own, so
 * what is measured here is only the watcher (offsets, record times, lag maths, hot-key sampling, H2 history).
 */
public final class ConsoleCpuBench {

    private static final Pattern READY = Pattern.compile("kafka=(\\S+) grpc=(\\S+)");

    private ConsoleCpuBench() {
    }

    public static void run(BenchReport report, int seconds) throws Exception {
        report.heading("console CPU: watching the demo's groups every second (demo in its own process)");
        Process demo = startDemo();
        Path history = Files.createTempDirectory("highwater-bench-history");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            Matcher m = READY.matcher(line == null ? "" : line);
            if (!m.matches()) {
                throw new IllegalStateException("the demo did not start: " + line);
            }
            try (LagService lag = Wiring.lagService(m.group(1), history.resolve("lag-history"))) {
                Thread.sleep(5_000); // warm-up: first refreshes, JIT, the first hot-key sample
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1_000L);
                double cores = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - t0);
                LagRefresh last = lag.latest();
                if (last == null || !last.connected() || last.groups().isEmpty()) {
                    throw new IllegalStateException("the watcher saw nothing: " + last);
                }
                report.add("console-cpu", "CPU refreshing the demo each second", cores * 100, "% core",
                        "<= 25 % of one core");
            }
        } finally {
            demo.toHandle().destroy();
            demo.waitFor(20, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
    }

    private static Process startDemo() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), "dev.highwater.Launcher",
                "demo", "--kafka-port", "0", "--grpc-port", "0"));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
