package dev.highwater.bench;

import dev.highwater.MemoryLimits;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Our commands beside the tools they replace, as whole processes on the same data in the same run, taking
 * turns (ours, the peer's, ours…): every record of a 12-partition topic of Protobuf transactions printed
 * ({@code kcat}, raw bytes, against {@code tail --format json}, decoded), the lag of 20 groups (Kafka's
 * {@code ConsumerGroupCommand --describe --all-groups} against {@code lag}), and the time each command takes
 * to print its first byte, from the jar and from the installed launcher.
 * <p>
 * Ours is started as a user starts it: this JVM's {@code java} with the memory options the README gives for
 * {@code java -jar} ({@link MemoryLimits#TAIL_OPTIONS} for tail, {@link MemoryLimits#SHORT_COMMAND_OPTIONS} for
 * the others) and {@code -jar highwater.jar}; the peer's JVM gets what
 * Kafka's own scripts give their tools.
 */
public final class CliBench {

    static final String TOPIC = "bench-cli-transactions";
    static final int GROUPS = 20;
    /** The format of the kcat figure; kcat itself turns the {@code \n} into a newline. */
    static final String KCAT_FORMAT = "%p %o %k %S %s\\n";
    static final String KCAT_ABSENT = "kcat is not installed, so the rows beside it are skipped; on Debian or Ubuntu:"
            + " apt-get install kcat";
    static final String GROUP_COMMAND = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    /** What kafka-run-class.sh gives Kafka's command-line tools (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS). */
    static final List<String> KAFKA_TOOL_OPTIONS = List.of("-Xmx256M", "-server", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-Djava.awt.headless=true");
    /** What the README adds before -jar to keep JDK 25's warnings about JavaFX, Netty and Kafka off the terminal. */
    static final List<String> QUIET = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");
    /** picocli's exit code for bad usage: an option this build of the command does not know. */
    static final int BAD_USAGE = 2;
    private static final double MB_256 = 256;

    private CliBench() {
    }

    /**
     * @param launcher the installed launcher to time the start-up of, or null for the build's app image when
     *                 there is one
     */
    public static void run(BenchReport report, long records, int runs, Path launcher) throws Exception {
        report.heading("cli: our commands beside kcat and Kafka's ConsumerGroupCommand, whole processes taking turns"
                + " on the same data, " + String.format(Locale.ROOT, "%,d", records) + " Transaction records in "
                + TransactionTopic.PARTITIONS + " partitions, " + GROUPS + " groups, " + runs + " runs each");
        Path jar = ourJar();
        Path appLauncher = launcher != null ? launcher : jar.resolveSibling(Path.of("installer", "Highwater", "bin",
                "Highwater"));
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("--launcher " + launcher + " is not an executable file");
        }
        Path kcat = onPath("kcat");
        Path work = Files.createTempDirectory("highwater-bench-cli");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) { // a temporary folder, removed at close
            String bootstrap = kafka.bootstrapServers();
            long t0 = System.nanoTime();
            TransactionTopic.prepare(bootstrap, TOPIC, records);
            List<String> groups = commitGroups(bootstrap);
            report.note(String.format(Locale.ROOT, "topic written and %d groups committed at 1/21 to 20/21 of it in"
                    + " %.1f s", GROUPS, (System.nanoTime() - t0) / 1e9));
            ProcessMeter meter = ProcessMeter.detect(work);
            report.note(meter.explanation());
            Commands commands = new Commands(jar, Files.isExecutable(appLauncher) ? appLauncher : null, bootstrap,
                    Files.createDirectories(work.resolve("home")));
            report.note("ours: " + commands.ourJava() + " -jar highwater.jar …; HIGHWATER_HOME a fresh folder"
                    + (commands.launcher == null ? "" : "; the launcher: " + (launcher != null ? "--launcher "
                    + launcher : "the build's app image, installer/Highwater beside the jar")));
            if (kcat == null) {
                report.note(KCAT_ABSENT);
            } else {
                everyRecord(report, meter, commands, kcat, records, runs);
            }
            if (KafkaTools.present()) {
                groupsLag(report, meter, commands, groups, runs);
            } else {
                report.note("lag of " + GROUPS + " groups skipped: " + KafkaTools.ABSENT);
            }
            startUp(report, meter, commands, kcat, groups.getFirst(), runs);
        } finally {
            deleteTree(work);
        }
    }

    /** Row 1: kcat prints every record's raw bytes, we print every record decoded as JSON. */
    private static void everyRecord(BenchReport report, ProcessMeter meter, Commands c, Path kcat, long records,
                                    int runs) throws Exception {
        List<String> peer = List.of(kcat.toString(), "-C", "-b", c.bootstrap, "-t", TOPIC, "-o", "beginning", "-e",
                "-q", "-f", KCAT_FORMAT);
        List<String> ours = c.ours("tail", "--bootstrap", c.bootstrap, "--topic", TOPIC, "--from", "beginning",
                "--format", "json");
        report.note("every record printed: kcat -C -b B -t T -o beginning -e -q -f '" + KCAT_FORMAT + "' (raw bytes)"
                + " against tail --bootstrap B --topic T --from beginning --format json (decoded), both into a pipe"
                + " drained and counted here");
        Turns turns = Turns.take(runs,
                () -> expect(meter.run(ours, c.environment, OutputSink.lines()), records, "tail"),
                () -> expect(meter.run(peer, Map.of(), new KcatFrames()), records, "kcat"));
        String what = "every record, ";
        report.add("cli", what + "kcat (raw bytes): wall", turns.peer(ProcessRun::wallSeconds), "s", "anchor");
        report.add("cli", what + "kcat: CPU user+sys", turns.peer(ProcessRun::cpuSeconds), "s", null);
        report.add("cli", what + "kcat: peak RSS", turns.peer(ProcessRun::peakMegabytes), "MB", null);
        report.add("cli", what + "tail --format json: wall", turns.ours(ProcessRun::wallSeconds), "s",
                "<= kcat's");
        report.add("cli", what + "tail: CPU user+sys", turns.ours(ProcessRun::cpuSeconds), "s", null);
        report.add("cli", what + "tail: peak RSS", turns.ours(ProcessRun::peakMegabytes), "MB", "< 256 MB");
        report.add("cli", what + "tail json / kcat raw, wall", turns.ratios(ProcessRun::wallSeconds), "x",
                "<= 1x");
        report.add("cli", what + "tail json / kcat raw, CPU", turns.ratios(ProcessRun::cpuSeconds), "x", null);
        report.note(comparison("every record printed", "tail", turns.ours(ProcessRun::wallSeconds), "kcat",
                turns.peer(ProcessRun::wallSeconds)));
        report.note(ceiling("tail's peak resident set", turns.ours(ProcessRun::peakMegabytes), "MB", MB_256));
    }

    /** Row 2: the lag of every group in one answer. */
    private static void groupsLag(BenchReport report, ProcessMeter meter, Commands c, List<String> groups, int runs)
            throws Exception {
        List<String> peer = c.groupCommand("--bootstrap-server", c.bootstrap, "--describe", "--all-groups");
        List<String> ours = c.ours("lag", "--bootstrap", c.bootstrap, "--all-groups");
        String oursName = "lag --all-groups";
        try {
            namingGroups(meter, ours, c.environment, groups, "lag"); // does this build's lag know --all-groups?
        } catch (ProcessMeter.CommandFailed e) {
            if (e.exitCode() != BAD_USAGE) {
                throw e;
            }
            // this build's lag does not know --all-groups yet: every group named, as a user of it would
            List<String> named = new ArrayList<>(List.of("lag", "--bootstrap", c.bootstrap));
            groups.forEach(g -> named.addAll(List.of("--group", g)));
            ours = c.ours(named.toArray(String[]::new));
            oursName = "lag --group ×" + GROUPS;
            report.note("lag rejects --all-groups (" + e.lastError() + "), so each group is named with --group");
        }
        report.note("lag of " + GROUPS + " groups, one answer: ConsumerGroupCommand --bootstrap-server B --describe"
                + " --all-groups (java " + String.join(" ", KAFKA_TOOL_OPTIONS) + " -cp lib/* …) against "
                + oursName.replace(" ×", " G ×") + "; both outputs checked to name every group");
        List<String> oursCommand = ours;
        Turns turns = Turns.take(runs,
                () -> namingGroups(meter, oursCommand, c.environment, groups, "lag"),
                () -> namingGroups(meter, peer, Map.of(), groups, "ConsumerGroupCommand"));
        String what = "lag of " + GROUPS + " groups, ";
        report.add("cli", what + "ConsumerGroupCommand: wall",
                turns.peer(ProcessRun::wallSeconds), "s", "anchor");
        report.add("cli", what + "ConsumerGroupCommand: CPU user+sys", turns.peer(ProcessRun::cpuSeconds), "s", null);
        report.add("cli", what + "ConsumerGroupCommand: peak RSS", turns.peer(ProcessRun::peakMegabytes),
                "MB", null);
        report.add("cli", what + oursName + ": wall", turns.ours(ProcessRun::wallSeconds), "s", "<= the peer's");
        report.add("cli", what + "lag: CPU user+sys", turns.ours(ProcessRun::cpuSeconds), "s", null);
        report.add("cli", what + "lag: peak RSS", turns.ours(ProcessRun::peakMegabytes), "MB", null);
        report.add("cli", what + "lag / ConsumerGroupCommand, wall", turns.ratios(ProcessRun::wallSeconds), "x",
                "<= 1x");
        report.note(comparison("lag of " + GROUPS + " groups", oursName, turns.ours(ProcessRun::wallSeconds),
                "ConsumerGroupCommand", turns.peer(ProcessRun::wallSeconds)));
    }

    /** Row 3: from launch to the first byte on standard output, from the jar and from the installed launcher. */
    private static void startUp(BenchReport report, ProcessMeter meter, Commands c, Path kcat, String group,
                                int runs) throws Exception {
        Map<String, List<String>> ours = new LinkedHashMap<>();
        ours.put("--version", List.of("--version"));
        ours.put("lag (one group)", List.of("lag", "--bootstrap", c.bootstrap, "--group", group));
        ours.put("tail --limit 1", List.of("tail", "--bootstrap", c.bootstrap, "--topic", TOPIC, "--limit", "1"));
        record Measured(String name, List<String> command, Map<String, String> environment, boolean anchor,
                        double[] seconds) {
        }
        List<Measured> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ours.entrySet()) {
            String[] args = e.getValue().toArray(String[]::new);
            all.add(new Measured("java -jar: " + e.getKey(), c.ours(args), c.environment, false, new double[runs]));
            if (c.launcher != null) {
                all.add(new Measured("launcher: " + e.getKey(), c.launched(args), c.environment, false,
                        new double[runs]));
            }
        }
        if (kcat != null) {
            all.add(new Measured("kcat: first record", List.of(kcat.toString(), "-C", "-b", c.bootstrap, "-t", TOPIC,
                    "-o", "beginning", "-c", "1", "-e", "-q", "-f", KCAT_FORMAT), Map.of(), true, new double[runs]));
        }
        if (KafkaTools.present()) {
            all.add(new Measured("ConsumerGroupCommand, one group", c.groupCommand("--bootstrap-server",
                    c.bootstrap, "--describe", "--group", group), Map.of(), true, new double[runs]));
        }
        report.note("start-up: from launch to the first byte on standard output, each command in turn"
                + (c.launcher == null ? "; no installed launcher (./mvnw -Ppackage package makes one, or give"
                + " --launcher PATH), so from the jar only" : ""));
        for (int r = -1; r < runs; r++) { // the first round warms the page cache and is not counted
            for (Measured m : all) {
                ProcessRun run = meter.run(m.command(), m.environment(), OutputSink.lines());
                if (run.printed() == 0) {
                    throw new IllegalStateException("`" + m.name() + "` printed no line");
                }
                if (r >= 0) {
                    m.seconds()[r] = run.firstByteSeconds();
                }
            }
        }
        for (Measured m : all) {
            report.add("cli", "first byte, " + m.name(), m.seconds(), "s", m.anchor() ? "anchor" : null);
        }
    }

    private static ProcessRun expect(ProcessRun run, long records, String who) {
        if (run.printed() != records) {
            throw new IllegalStateException(who + " printed " + run.printed() + " records of " + records);
        }
        return run;
    }

    /** Runs a lag command and checks that its answer names every group. */
    private static ProcessRun namingGroups(ProcessMeter meter, List<String> command, Map<String, String> environment,
                                           List<String> groups, String who) throws Exception {
        OutputSink.Text text = OutputSink.text(1 << 20);
        ProcessRun run = meter.run(command, environment, text);
        String answer = text.text();
        List<String> missing = groups.stream().filter(g -> !answer.contains(g)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(who + "'s answer does not name " + missing.size() + " of the "
                    + groups.size() + " groups, " + missing.getFirst() + " among them");
        }
        return run;
    }

    /** 20 groups committed at 1/21, 2/21 … 20/21 of each partition, so each has its own lag on every partition. */
    private static List<String> commitGroups(String bootstrap) throws Exception {
        List<String> groups = new ArrayList<>();
        try (Admin admin = Admin.create(ClientSettings.of(bootstrap).admin("bench-setup"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < TransactionTopic.PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(60, TimeUnit.SECONDS);
            for (int g = 0; g < GROUPS; g++) {
                String group = String.format(Locale.ROOT, "bench-cli-group-%02d", g);
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                    offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue().offset() * (g + 1) / (GROUPS + 1)));
                }
                admin.alterConsumerGroupOffsets(group, offsets).all().get(60, TimeUnit.SECONDS);
                groups.add(group);
            }
        }
        return groups;
    }

    /** highwater.jar, where this code runs from (or, running from the build's classes, the jar beside them). */
    static Path ourJar() throws Exception {
        Path source = Path.of(CliBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = source.toString().endsWith(".jar") ? source : source.resolveSibling("highwater.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the cli suite starts highwater.jar as a user does, and there is none"
                    + " beside " + source + ": ./mvnw package, then java -jar target/highwater.jar bench cli");
        }
        return jar;
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Each run of ours over the peer's run that followed it. */
    static double[] ratios(double[] ours, double[] peer) {
        double[] r = new double[ours.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ours[i] / peer[i];
        }
        return r;
    }

    /**
     * "every record printed: tail 5.10 s, kcat 6.60 s (medians of 5 runs each); tail / kcat 0.77x (0.70-0.81x
     * over the pairs): goal <= 1x met".
     */
    static String comparison(String what, String ours, double[] oursSeconds, String peer, double[] peerSeconds) {
        double[] r = ratios(oursSeconds, peerSeconds);
        double ratio = median(r);
        return String.format(Locale.ROOT, "%s: %s %.2f s, %s %.2f s (medians of %d runs each); %s / %s %.2fx"
                        + " (%.2f-%.2fx over the pairs): goal <= 1x %s", what, ours, median(oursSeconds), peer,
                median(peerSeconds), r.length, ours, peer, ratio, Arrays.stream(r).min().orElseThrow(),
                Arrays.stream(r).max().orElseThrow(), ratio <= 1 ? "met" : "not met");
    }

    /** "tail's peak resident set: 180 MB median, 190 MB highest of 5 runs: goal < 256 MB met", on the highest. */
    static String ceiling(String what, double[] values, String unit, double limit) {
        double highest = Arrays.stream(values).max().orElseThrow();
        return String.format(Locale.ROOT, "%s: %.0f %s median, %.0f %s highest of %d runs: goal < %.0f %s %s", what,
                median(values), unit, highest, unit, values.length, limit, unit, highest < limit ? "met" : "not met");
    }

    /** How each command is started. */
    private static final class Commands {
        final Path jar;
        final Path launcher;
        final String bootstrap;
        final Map<String, String> environment;
        private final String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

        Commands(Path jar, Path launcher, String bootstrap, Path home) {
            this.jar = jar;
            this.launcher = launcher;
            this.bootstrap = bootstrap;
            // profiles, history and logs of their own, not the user's
            this.environment = Map.of("HIGHWATER_HOME", home.toString());
        }

        /** The JVM options ours runs with for that command, as the README gives them for java -jar. */
        List<String> ourOptions(String command) {
            List<String> options = new ArrayList<>(command.equals("tail") ? MemoryLimits.TAIL_OPTIONS
                    : MemoryLimits.SHORT_COMMAND_OPTIONS);
            options.addAll(QUIET);
            return options;
        }

        String ourJava() {
            return "java " + String.join(" ", ourOptions("tail")) + " (tail; lag and --version: "
                    + String.join(" ", MemoryLimits.SHORT_COMMAND_OPTIONS) + ")";
        }

        List<String> ours(String... args) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(ourOptions(args.length == 0 ? "" : args[0]));
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(List.of(args));
            return command;
        }

        List<String> launched(String... args) {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(List.of(args));
            return command;
        }

        /** Kafka's ConsumerGroupCommand from the lib folder beside the jar, as kafka-consumer-groups.sh runs it. */
        List<String> groupCommand(String... args) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(KAFKA_TOOL_OPTIONS);
            command.addAll(List.of("-cp", jar.resolveSibling("lib") + File.separator + "*", GROUP_COMMAND));
            command.addAll(List.of(args));
            return command;
        }
    }

    /** Ours and the peer's in turn, after one warm-up of each (page cache, the broker's caches) that is not counted. */
    private static final class Turns {
        interface Run {
            ProcessRun run() throws Exception;
        }

        private final ProcessRun[] ours;
        private final ProcessRun[] peers;

        private Turns(int runs) {
            ours = new ProcessRun[runs];
            peers = new ProcessRun[runs];
        }

        static Turns take(int runs, Run ours, Run peer) throws Exception {
            Turns t = new Turns(runs);
            ours.run();
            peer.run();
            for (int i = 0; i < runs; i++) {
                t.ours[i] = ours.run();
                t.peers[i] = peer.run();
            }
            return t;
        }

        double[] ours(ToDoubleFunction<ProcessRun> figure) {
            return Arrays.stream(ours).mapToDouble(figure).toArray();
        }

        double[] peer(ToDoubleFunction<ProcessRun> figure) {
            return Arrays.stream(peers).mapToDouble(figure).toArray();
        }

        double[] ratios(ToDoubleFunction<ProcessRun> figure) {
            return CliBench.ratios(ours(figure), peer(figure));
        }
    }
}
