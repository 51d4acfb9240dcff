package dev.highwater;

import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console and the demo get a bounded heap however they are started. */
class MemoryLimitsTest {

    private static final Pattern READY = Pattern.compile("kafka=127\\.0\\.0\\.1:(\\d+) grpc=127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path temp;

    @Test
    void javafxRunAndTheInstalledLauncherPassTheSameOptions() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String javaOptions = Files.readAllLines(Path.of("packaging/app.args")).stream()
                .filter(l -> l.startsWith("--java-options")).findFirst().orElseThrow();
        for (String option : MemoryLimits.OPTIONS) {
            assertTrue(pom.contains("<option>" + option + "</option>"), "pom.xml's javafx options lack " + option);
            assertTrue(List.of(javaOptions.replace("\"", "").split(" ")).contains(option), javaOptions);
        }
    }

    @Test
    void theTerminalsLauncherHasTheSameOptionsOnEveryPlatform() throws IOException {
        String linux = javaOptions(Path.of("packaging/cli.properties"));
        assertEquals(linux, javaOptions(Path.of("packaging/windows-cli.properties")));
        List<String> options = List.of(linux.split(" "));
        assertTrue(options.contains("-D" + MemoryLimits.LAUNCHER + "=" + MemoryLimits.CLI), linux);
        assertTrue(options.contains("-XX:+UseSerialGC") && options.stream().anyMatch(o -> o.startsWith("-Xmx")), linux);
        for (String quiet : MemoryLimits.QUIET) {
            assertTrue(options.contains(quiet), linux);
        }
    }

    /** The terminal's launcher hands the console's commands to the app's launcher beside it. */
    @Test
    void theAppLauncherIsFoundBesideTheTerminalsLauncher() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path cli = Files.createFile(bin.resolve("highwater-cli"));
        String before = System.getProperty("jpackage.app-path");
        try {
            System.setProperty("jpackage.app-path", cli.toString());
            assertEquals(Optional.empty(), MemoryLimits.appLauncher(), "no app launcher yet");
            Path app = Files.createFile(bin.resolve("Highwater"));
            assertTrue(app.toFile().setExecutable(true));
            assertEquals(Optional.of(app), MemoryLimits.appLauncher());
        } finally {
            if (before == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", before);
            }
        }
    }

    private static String javaOptions(Path properties) throws IOException {
        return Files.readAllLines(properties).stream().filter(l -> l.startsWith("java-options="))
                .map(l -> l.substring("java-options=".length())).findFirst().orElseThrow();
    }

    @Test
    void theDemoStartedWithoutAHeapLimitRunsInAJvmWithOneAndStopsOnSigterm() throws Exception {
        Process p = demo(List.of());
        try {
            int[] ports = awaitReady(p);
            Optional<ProcessHandle> bounded = p.descendants().filter(MemoryLimitsTest::hasTheOptions).findFirst();
            assertTrue(bounded.isPresent(), "no JVM with " + MemoryLimits.OPTIONS + " under " + p.pid());
            p.toHandle().destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
            assertTrue(bounded.get().onExit().get(5, TimeUnit.SECONDS) != null);
            assertFalse(LocalPorts.accepts(ports[0]) || LocalPorts.accepts(ports[1]), "ports closed after the stop");
            // started as a user starts it, with no options: no JVM warning a user cannot act on (Kafka's broker
            // unmaps its index files through sun.misc.Unsafe)
            String err = Files.readString(temp.resolve("demo.err"));
            assertFalse(err.contains("WARNING"), err);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void aHeapLimitGivenOnTheCommandLineIsKept() throws Exception {
        Process p = demo(List.of("-Xmx300m"));
        try {
            awaitReady(p);
            assertEquals(0, p.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).count(),
                    "no second JVM when -Xmx is given");
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private Process demo(List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "demo", "--kafka-port", "0", "--grpc-port", "0", "--rate", "50"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(temp.resolve("demo.err").toFile());
        pb.environment().put("HIGHWATER_HOME", temp.toString());
        return pb.start();
    }

    private int[] awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(90, TimeUnit.SECONDS);
        Matcher m = READY.matcher(line == null ? "" : line);
        assertTrue(m.matches(), "ready line: " + line + "; stderr: " + Files.readString(temp.resolve("demo.err")));
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    /** From /proc: ProcessHandle.Info leaves out the arguments of a command line as long as the tests' one. */
    private static boolean hasTheOptions(ProcessHandle h) {
        try {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
            return List.of(commandLine.split("\0")).containsAll(MemoryLimits.OPTIONS);
        } catch (IOException e) {
            return false; // it ended
        }
    }
}
