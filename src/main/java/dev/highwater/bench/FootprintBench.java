package dev.highwater.bench;

import dev.highwater.core.demo.DemoOptions;
import dev.highwater.net.LocalPorts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Memory as a user's machine sees it: the console on its embedded demo, and the headless {@code demo}, each
 * started in a process of its own the way a user starts it (no JVM options), their resident set read from
 * {@code /proc/PID/status} over time. A process's figure is the sum over it and the processes it started
 * (the JVM that runs {@code java -jar} with bounded memory, see {@code dev.highwater.MemoryLimits}).
 */
public final class FootprintBench {

    private static final Pattern READY = Pattern.compile("kafka=\\S+ grpc=\\S+");
    private static final double MB = 1024;
    /** The app's main class, as a user's command names it (a name, not a dependency: the app runs in its own process). */
    private static final String MAIN_CLASS = "dev.highwater.Launcher";

    private FootprintBench() {
    }

    /**
     * @param seconds      how long both run at the demo's default rate after starting
     * @param consoleFlags JVM options for the console only (the tests pass a headless glass platform); empty on a
     *                     display
     */
    public static void run(BenchReport report, int seconds, List<String> consoleFlags) throws Exception {
        report.heading("footprint: resident set of the console on its demo and of the headless demo, each in its"
                + " own process, at " + DemoOptions.DEFAULT_RATE + " tx/s for " + duration(seconds));
        if (consoleFlags.isEmpty() && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new IllegalStateException("the footprint suite starts the console, which needs a display: run it"
                    + " on a desktop or under Xvfb with DISPLAY set");
        }
        for (int port : List.of(DemoOptions.DEFAULT_KAFKA_PORT, DemoOptions.DEFAULT_GRPC_PORT)) {
            if (LocalPorts.accepts(port)) {
                throw new IllegalStateException("port " + port + " is in use, and the console's demo starts on it:"
                        + " stop what listens there and run the footprint suite again");
            }
        }
        Path work = Files.createTempDirectory("highwater-footprint");
        List<Process> started = new ArrayList<>();
        try {
            List<String> consoleCommand = new ArrayList<>(javaCommand());
            consoleCommand.addAll(1, consoleFlags);
            Process console = start(consoleCommand, work, "console");
            started.add(console);
            List<String> demoCommand = new ArrayList<>(javaCommand());
            demoCommand.addAll(List.of("demo", "--kafka-port", "0", "--grpc-port", "0"));
            Process demo = start(demoCommand, work, "demo");
            started.add(demo);

            awaitDemoReadyLine(demo, work);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!LocalPorts.accepts(DemoOptions.DEFAULT_KAFKA_PORT)) {
                if (!console.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the console's demo did not start: " + lastLine(work, "console"));
                }
                Thread.sleep(200);
            }

            int every = Math.max(1, seconds / 120);
            Samples consoleRss = new Samples();
            Samples demoRss = new Samples();
            long t0 = System.nanoTime();
            long end = t0 + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                double t = (System.nanoTime() - t0) / 1e9;
                consoleRss.add(t, residentMegabytes(console.toHandle(), "console", work));
                demoRss.add(t, residentMegabytes(demo.toHandle(), "demo", work));
                Thread.sleep(every * 1_000L);
            }
            report(report, "console memory", consoleRss, "< 1,024 MB");
            report(report, "demo memory", demoRss, null);
        } finally {
            for (Process p : started) {
                stop(p);
            }
        }
    }

    private static void report(BenchReport report, String who, Samples s, String target) {
        report.add("footprint", who + ": resident set, highest", s.highest(), "MB", target);
        report.add("footprint", who + ": resident set at the end", s.last(), "MB", null);
        report.add("footprint", who + ": trend over the second half", s.slopePerMinute(), "MB/min", null);
        report.note(who + ", resident set over time: " + s.timeline(12));
    }

    /** {@code java -jar highwater.jar} when this runs from the jar, else the same class path and main class. */
    private static List<String> javaCommand() throws URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path source = Path.of(FootprintBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (source.toString().endsWith(".jar")) {
            return new ArrayList<>(List.of(java, "-jar", source.toString()));
        }
        return new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
    }

    private static Process start(List<String> command, Path work, String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(work.resolve(name + ".err").toFile());
        if (name.equals("console")) {
            pb.redirectOutput(work.resolve(name + ".out").toFile());
        }
        Path home = Files.createDirectories(work.resolve(name + "-home"));
        pb.environment().put("HIGHWATER_HOME", home.toString()); // profiles and history of its own
        return pb.start();
    }

    private static void awaitDemoReadyLine(Process demo, Path work) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(90, TimeUnit.SECONDS);
        if (line == null || !READY.matcher(line).matches()) {
            throw new IllegalStateException("the headless demo did not start: " + lastLine(work, "demo"));
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep its stdout drained
    }

    /** The resident set of a process and all it started, in MB. */
    static double residentMegabytes(ProcessHandle process, String name, Path work) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the " + name + " stopped while it was measured: " + lastLine(work, name));
        }
        double kb = residentKilobytes(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            kb += residentKilobytes(child.pid());
        }
        return kb / MB;
    }

    private static long residentKilobytes(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            return 0; // it ended between listing and reading
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static String lastLine(Path work, String name) {
        try {
            List<String> lines = Files.readAllLines(work.resolve(name + ".err"));
            return lines.isEmpty() ? "(nothing on its stderr)" : lines.getLast();
        } catch (IOException e) {
            return "(its stderr could not be read)";
        }
    }

    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        for (ProcessHandle h : family) {
            h.destroyForcibly();
        }
    }

    private static String duration(int seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** Resident set samples in time. */
    static final class Samples {
        private final List<double[]> points = new ArrayList<>();

        void add(double seconds, double megabytes) {
            points.add(new double[] {seconds, megabytes});
        }

        double highest() {
            return points.stream().mapToDouble(p -> p[1]).max().orElse(Double.NaN);
        }

        double last() {
            return points.isEmpty() ? Double.NaN : points.getLast()[1];
        }

        /** Least-squares slope over the second half of the samples (after start-up and warm-up), MB per minute. */
        double slopePerMinute() {
            List<double[]> half = points.subList(points.size() / 2, points.size());
            if (half.size() < 2) {
                return Double.NaN;
            }
            double n = half.size();
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (double[] p : half) {
                sx += p[0];
                sy += p[1];
                sxx += p[0] * p[0];
                sxy += p[0] * p[1];
            }
            double denominator = n * sxx - sx * sx;
            return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator * 60;
        }

        /** About {@code marks} evenly spaced samples, "t: MB". */
        String timeline(int marks) {
            StringJoiner j = new StringJoiner(", ");
            int step = Math.max(1, points.size() / marks);
            for (int i = 0; i < points.size(); i += step) {
                double[] p = points.get(i);
                j.add(String.format(Locale.ROOT, "%s %.0f MB", duration((int) Math.round(p[0])), p[1]));
            }
            return j.toString();
        }
    }
}
