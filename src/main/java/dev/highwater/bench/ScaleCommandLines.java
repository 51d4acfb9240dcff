package dev.highwater.bench;

import dev.highwater.MemoryLimits;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code lag --all-groups} and {@code lag --list} against the scale cluster beside Kafka's ConsumerGroupCommand
 * ({@code kafka-consumer-groups --describe --all-groups} and {@code --list}), each a whole process, taking turns
 * after one warm-up each; every answer is checked to hold a line per group-partition (or per group).
 */
final class ScaleCommandLines {

    private ScaleCommandLines() {
    }

    static void measure(ScaleTarget target, BenchReport report, int runs) throws Exception {
        Path jar;
        try {
            jar = CliBench.ourJar();
        } catch (IllegalStateException e) {
            report.note("command lines skipped: " + e.getMessage());
            return;
        }
        if (!KafkaTools.present()) {
            report.note("command lines skipped: " + KafkaTools.ABSENT);
            return;
        }
        Path work = Files.createTempDirectory("highwater-bench-scale-cli");
        try {
            ProcessMeter meter = ProcessMeter.detect(work);
            String b = target.bootstrapServers();
            Map<String, String> env = Map.of("HIGHWATER_HOME", work.resolve("home").toString());
            report.note("command lines, whole processes: ours java " + String.join(" ", ours(jar)) + " …, Kafka's java "
                    + String.join(" ", CliBench.KAFKA_TOOL_OPTIONS) + " -cp lib/* " + CliBench.GROUP_COMMAND + " …; "
                    + meter.explanation());
            int rows = target.shape().groupPartitions();
            compare(report, meter, env, runs, "lag of every group", rows,
                    command(ours(jar), "lag", "--bootstrap", b, "--all-groups", "--format", "csv"),
                    command(peer(jar), "--bootstrap-server", b, "--describe", "--all-groups"),
                    "lag --all-groups", "--describe --all-groups");
            compare(report, meter, env, runs, "list of groups", target.shape().groups(),
                    command(ours(jar), "lag", "--bootstrap", b, "--list"),
                    command(peer(jar), "--bootstrap-server", b, "--list"), "lag --list", "--list");
        } finally {
            LedgerBench.deleteQuietly(work);
        }
    }

    private static void compare(BenchReport report, ProcessMeter meter, Map<String, String> env, int runs,
                                String what, int lines, List<String> ours, List<String> peer, String oursName,
                                String peerName) throws Exception {
        double[][] o = new double[3][runs];
        double[][] p = new double[3][runs];
        counted(meter, ours, env, lines, oursName); // warm-ups: page cache, the brokers' caches
        counted(meter, peer, Map.of(), lines, peerName);
        for (int r = 0; r < runs; r++) {
            fill(o, r, counted(meter, ours, env, lines, oursName));
            fill(p, r, counted(meter, peer, Map.of(), lines, peerName));
        }
        report.add("scale", what + ", ConsumerGroupCommand " + peerName + ": wall", p[0], "s", "anchor");
        report.add("scale", what + ", ConsumerGroupCommand " + peerName + ": peak RSS", p[2], "MB", null);
        report.add("scale", what + ", " + oursName + ": wall", o[0], "s", "<= the peer's");
        report.add("scale", what + ", " + oursName + ": CPU user+sys", o[1], "s", null);
        report.add("scale", what + ", " + oursName + ": peak RSS", o[2], "MB", null);
        report.add("scale", what + ", " + oursName + " / ConsumerGroupCommand, wall", CliBench.ratios(o[0], p[0]),
                "x", "<= 1x");
    }

    private static void fill(double[][] into, int r, ProcessRun run) {
        into[0][r] = run.wallSeconds();
        into[1][r] = run.cpuSeconds();
        into[2][r] = run.peakMegabytes();
    }

    private static ProcessRun counted(ProcessMeter meter, List<String> command, Map<String, String> env, int lines,
                                      String who) throws Exception {
        ProcessRun run = meter.run(command, env, OutputSink.lines());
        if (run.printed() < lines) {
            throw new IllegalStateException(who + " printed " + run.printed() + " lines, fewer than the " + lines
                    + " it should");
        }
        return run;
    }

    private static List<String> ours(Path jar) {
        List<String> c = new ArrayList<>(List.of(java()));
        c.addAll(MemoryLimits.SHORT_COMMAND_OPTIONS);
        c.addAll(CliBench.QUIET);
        c.addAll(List.of("-jar", jar.toString()));
        return c;
    }

    private static List<String> peer(Path jar) {
        List<String> c = new ArrayList<>(List.of(java()));
        c.addAll(CliBench.KAFKA_TOOL_OPTIONS);
        c.addAll(List.of("-cp", jar.resolveSibling("lib") + File.separator + "*", CliBench.GROUP_COMMAND));
        return c;
    }

    private static List<String> command(List<String> start, String... args) {
        List<String> c = new ArrayList<>(start);
        c.addAll(Arrays.asList(args));
        return c;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
