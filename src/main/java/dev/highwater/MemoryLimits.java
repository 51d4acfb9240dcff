package dev.highwater;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The console and the demo run in a JVM whose memory is bounded: a heap limit, and a collector that gives
 * unused heap back to the system. Without a limit the JVM takes a quarter of the machine's memory as its heap
 * and keeps what it touched, so the console on the demo grew to several GB resident.
 * <p>
 * {@code javafx:run} (pom.xml) and the installed launcher (packaging/app.args) pass {@link #OPTIONS} themselves.
 * {@code java -jar} cannot: a jar's manifest carries no heap or collector options. So when the console or
 * {@code demo} starts in a JVM whose heap limit nobody chose, it runs itself again in a JVM with these options
 * and passes on its exit code. A limit given on the command line ({@code java -Xmx2g -jar …}) is respected.
 * <p>
 * The installers have a second launcher for the terminal, {@code highwater-cli} ({@code highwater} on the PATH),
 * whose JVM suits a command that answers and ends: a smaller heap and the serial collector
 * (packaging/cli.properties). The console and {@link #CONSOLE_HEAP_COMMANDS} started through it run through
 * the app's own launcher beside it, with these options.
 */
public final class MemoryLimits {

    /**
     * The same in pom.xml and packaging/app.args (a test keeps them equal). 512 MB of heap is twice what the
     * console on the demo keeps live; G1 returns free heap after its collections and, when idle, every 30 s;
     * the JDK's per-thread cache of temporary direct buffers (Kafka reads fetch responses into heap buffers)
     * keeps no buffer over 1 MB.
     */
    public static final List<String> OPTIONS = List.of("-Xmx512m", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Djdk.nio.maxCachedBufferSize=1048576");

    /**
     * What the README gives {@code java -jar} users for a command that answers and ends ({@code lag}, {@code grpc},
     * {@code reset-offsets}, {@code schemas}): the heap and collector of the installed {@code highwater-cli}.
     */
    public static final List<String> SHORT_COMMAND_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    /**
     * What the README gives {@code java -jar} users for {@code tail}, which streams and holds a few batches: a heap
     * of 128 MB keeps its whole process under 256 MB resident (the serial collector lets a larger heap fill with
     * fetch buffers it promoted before it collects them).
     */
    public static final List<String> TAIL_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    /**
     * Also for the JVM it starts, when the command did not give them: Kafka's broker unmaps its index files through
     * sun.misc.Unsafe and JavaFX loads its native libraries, and the JVM warns of both on the terminal in words a
     * user cannot act on. (javafx:run and the launcher pass them themselves.)
     */
    static final List<String> QUIET = List.of("--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED");

    private static final String RELAUNCHED = "highwater.relaunched";
    /** Set to {@value #CLI} by the command-line launcher's options (packaging/cli.properties). */
    static final String LAUNCHER = "highwater.launcher";
    static final String CLI = "cli";
    /** What jpackage's launchers set to their own path. */
    private static final String APP_PATH = "jpackage.app-path";
    private static final String JPACKAGE_LAUNCHER_STAGE = "_JPACKAGE_LAUNCHER";
    /** The app's own launcher, beside the command-line one. */
    private static final String APP_LAUNCHER = "Highwater";
    /**
     * Besides the console, the commands that need the console's heap: the demo and the benchmarks run brokers and
     * clients for as long as they run, the lag service ({@code serve}) watches clusters until stopped, and an audit replays a whole ledger (a million accounts keep over 400 MB live),
     * as a table holds every key of a topic.
     */
    static final Set<String> CONSOLE_HEAP_COMMANDS = Set.of("demo", "serve", "bench", "audit", "table");
    private static final List<String> HEAP_LIMITS = List.of("MaxHeapSize", "MaxRAM", "MaxRAMPercentage");

    private MemoryLimits() {
    }

    /**
     * For the console (no arguments), {@code demo} and {@code serve} in a JVM without a chosen heap limit: runs the same command
     * in a JVM with {@link #OPTIONS}, waits for it and returns its exit code. Started by the command-line launcher,
     * the console and {@link #CONSOLE_HEAP_COMMANDS} run through the app's launcher beside it. Empty when this JVM
     * should go on.
     */
    static OptionalInt runBoundedIfUnbounded(Class<?> mainClass, String[] args) throws InterruptedException {
        boolean longRunning = args.length == 0 || args[0].equals("demo") || args[0].equals("serve");
        if (CLI.equals(System.getProperty(LAUNCHER))) {
            Optional<Path> app = appLauncher();
            return (args.length == 0 || CONSOLE_HEAP_COMMANDS.contains(args[0])) && app.isPresent()
                    ? runAndWait(Stream.concat(Stream.of(app.get().toString()), Stream.of(args)).toList())
                    : OptionalInt.empty();
        }
        if (!longRunning || Boolean.getBoolean(RELAUNCHED) || heapLimitChosen()) {
            return OptionalInt.empty();
        }
        return runAndWait(boundedCommand(mainClass, args));
    }

    /** The app's launcher beside the command-line launcher this JVM was started by, if there is one. */
    static Optional<Path> appLauncher() {
        String self = System.getProperty(APP_PATH);
        if (self == null) {
            return Optional.empty();
        }
        String suffix = self.toLowerCase(Locale.ROOT).endsWith(".exe") ? ".exe" : "";
        Path app = Path.of(self).resolveSibling(APP_LAUNCHER + suffix);
        return Files.isExecutable(app) ? Optional.of(app) : Optional.empty();
    }

    /** Runs the command with this terminal, waits for it and returns its exit code; empty if it cannot start. */
    private static OptionalInt runAndWait(List<String> command) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        // set by a jpackage launcher for the JVM it starts; a launcher started with it set takes itself for that
        // JVM's side and fails ("Could not find or load main class demo")
        builder.environment().remove(JPACKAGE_LAUNCHER_STAGE);
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            return OptionalInt.empty(); // cannot start a second JVM: run here rather than not at all
        }
        Thread stopChild = new Thread(() -> stop(child), "stop-bounded-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild); // SIGTERM or Ctrl-C here reaches the JVM doing the work
        return OptionalInt.of(child.waitFor());
    }

    private static boolean heapLimitChosen() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String name : HEAP_LIMITS) {
            VMOption.Origin origin = vm.getVMOption(name).getOrigin();
            if (origin != VMOption.Origin.DEFAULT && origin != VMOption.Origin.ERGONOMIC) {
                return true;
            }
        }
        return false;
    }

    /** This JVM's own command (its options, then -jar or the class path) with {@link #OPTIONS} added. */
    static List<String> boundedCommand(Class<?> mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(given);
        for (String option : QUIET) {
            String name = option.substring(0, option.indexOf('=') + 1);
            if (given.stream().noneMatch(g -> g.startsWith(name))) {
                command.add(option);
            }
        }
        command.addAll(OPTIONS);
        command.add("-D" + RELAUNCHED + "=true");
        String classPath = System.getProperty("java.class.path", "");
        String started = System.getProperty("sun.java.command", "");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator) && started.startsWith(classPath)) {
            // java -jar: the manifest's class path and native access apply again
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, mainClass.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(25, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
