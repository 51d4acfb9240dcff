package dev.highwater.cli;

import dev.highwater.net.LocalPorts;
import dev.highwater.Launcher;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a user runs it: a separate JVM, its stdout, stderr, exit code and signals. */
class CommandLineTest {

    private static final Pattern READY = Pattern.compile("kafka=127\\.0\\.0\\.1:(\\d+) grpc=127\\.0\\.0\\.1:(\\d+)");

    @Test
    void demoPrintsOneReadyLineOnceBothPortsAcceptAndStopsCleanlyOnSigterm() throws Exception {
        Process p = highwater("demo", "--kafka-port", "0", "--grpc-port", "0", "--rate", "100");
        try (BufferedReader out = reader(p)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(out));
            String line = first.get(60, TimeUnit.SECONDS);
            Matcher m = READY.matcher(line == null ? "" : line);
            assertTrue(m.matches(), "ready line: " + line);
            assertTrue(LocalPorts.accepts(Integer.parseInt(m.group(1))), "Kafka accepts");
            assertTrue(LocalPorts.accepts(Integer.parseInt(m.group(2))), "gRPC accepts");
            p.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open to read what follows
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops within a few seconds of SIGTERM");
            assertEquals(null, out.readLine(), "nothing else on stdout");
            assertTrue(!LocalPorts.accepts(Integer.parseInt(m.group(1))) && !LocalPorts.accepts(Integer.parseInt(m.group(2))));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPortInUseIsOneLineOnStderrAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("demo", "--kafka-port", String.valueOf(taken.getLocalPort()), "--grpc-port", "0");
            assertEquals(1, r.exit(), r.toString());
            assertEquals(1, r.stderr().size(), "one line: " + r.stderr());
            assertTrue(r.stderr().getFirst().startsWith("highwater: port " + taken.getLocalPort()), r.toString());
            assertTrue(r.stdout().isEmpty(), r.toString());
        }
    }

    @Test
    void badUsageIsExitCode2() throws Exception {
        assertEquals(2, run("demo", "--rate", "lots").exit());
        assertEquals(2, run("demo", "--hot-key-share", "1.5").exit());
        assertEquals(2, run("no-such-command").exit());
    }

    @Test
    void versionAndHelpExitZero() throws Exception {
        Result version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.stdout().getFirst().matches("Highwater \\d+\\.\\d+\\.\\d+.*"), version.toString());
        Result help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(String.join("\n", help.stdout()).contains("demo"), help.toString());
    }

    record Result(int exit, List<String> stdout, List<String> stderr) {
    }

    private static Result run(String... args) throws Exception {
        Process p = highwater(args);
        CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> lines(p.inputReader()));
        CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(() -> lines(p.errorReader()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes");
        // JDK warnings about native access are not ours to count
        List<String> stderr = err.get().stream().filter(l -> !l.startsWith("WARNING:")).toList();
        return new Result(p.exitValue(), out.get(), stderr);
    }

    private static Process highwater(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> lines(BufferedReader r) {
        return r.lines().toList();
    }

}
