package dev.highwater.cli;

import dev.highwater.Launcher;
import dev.highwater.kafka.TestBroker;
import dev.highwater.metrics.Scrape;
import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.highwater.metrics.LagMetricNames.CLUSTER;
import static dev.highwater.metrics.LagMetricNames.CLUSTER_UP;
import static dev.highwater.metrics.LagMetricNames.REFRESHES;
import static dev.highwater.metrics.LagMetricNames.REFRESH_ERRORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** `highwater serve` as a shell runs it: its one start line, its usage errors and failures, and its stop. */
class ServeCommandTest {

    private static final Pattern STARTED = Pattern.compile("Serving lag of (.+) on (http://127\\.0\\.0\\.1:\\d+/metrics)"
            + " \\(refresh every ([0-9.]+) s\\); stop with Ctrl\\+C");
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    @TempDir
    Path dir;

    private static void assertUsage(String expected, String... args) {
        CommandRun r = CommandRun.of(args);
        assertEquals(2, r.exit(), r.toString());
        assertEquals("highwater: " + expected + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        assertUsage("say which clusters: --bootstrap B for one, or --clusters FILE for several", "serve");
        assertUsage("say which clusters: --bootstrap B for one, or --clusters FILE for several",
                "serve", "--bootstrap", "a:1", "--clusters", "c.properties");
        assertUsage("--config goes with --bootstrap; in a clusters file each cluster has NAME.config=FILE",
                "serve", "--clusters", "c.properties", "--config", "client.properties");
        assertUsage("--interval must be 0.1 to 3600 seconds", "serve", "--bootstrap", "a:1", "--interval", "0");
        assertUsage("--port must be 0 to 65535", "serve", "--bootstrap", "a:1", "--port", "70000");
        assertUsage("--include 'pay(' is not a regular expression: Unclosed group",
                "serve", "--bootstrap", "a:1", "--include", "pay(");
    }

    @Test
    void aClustersFileThatCannotBeUsedIsOneLineAndExitOne() throws Exception {
        Path missing = dir.resolve("clusters.properties");
        CommandRun r = CommandRun.of("serve", "--clusters", missing.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("highwater: the clusters file " + missing + " does not exist\n", r.err());
        Path noBootstrap = Files.writeString(dir.resolve("c.properties"), "prod.security.protocol=SSL\n");
        r = CommandRun.of("serve", "--clusters", noBootstrap.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("highwater: the cluster 'prod' in the clusters file " + noBootstrap
                + " has no prod.bootstrap=HOST:PORT[,HOST:PORT…]\n", r.err());
        r = CommandRun.of("serve", "--bootstrap", "a:1", "--config", dir.resolve("client.properties").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("highwater: the client properties file " + dir.resolve("client.properties")
                + " does not exist\n", r.err());
    }

    @Test
    void aPortInUseIsOneLineAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CommandRun r = CommandRun.of("serve", "--bootstrap", broker.bootstrapServers(), "--port",
                    Integer.toString(port));
            assertEquals(1, r.exit(), r.toString());
            assertEquals("highwater: port " + port + " on 127.0.0.1 is already in use; stop what holds it or choose"
                    + " another --port\n", r.err());
            assertEquals("", r.out());
        }
    }

    /** The command on a thread of its own, as a shell runs it; interrupting it stops it as a signal would. */
    private record Running(Thread thread, StringWriter out, StringWriter err, AtomicInteger exit) {
        static Running start(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            CommandLine cl = HighwaterCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            Thread t = Thread.ofPlatform().name("serve-command").start(() -> exit.set(cl.execute(args)));
            return new Running(t, out, err, exit);
        }

        Matcher started() throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline && thread.isAlive() && out.toString().isEmpty()) {
                Thread.sleep(50);
            }
            Matcher m = STARTED.matcher(out.toString().strip());
            if (!m.matches()) {
                fail("no start line: " + out + " / " + err);
            }
            return m;
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(20_000);
            return exit.get();
        }
    }

    @Test
    void severalClustersFromAFileAreServedTheOneThatDoesNotAnswerSaidOnceOnStderr() throws Exception {
        String nowhere = "127.0.0.1:" + LocalPorts.free();
        Path clusters = Files.writeString(dir.resolve("clusters.properties"), String.join("\n",
                "live.bootstrap=" + broker.bootstrapServers(), "gone.bootstrap=" + nowhere, ""));
        Running serve = Running.start("serve", "--clusters", clusters.toString(), "--port", "0", "--interval", "0.5");
        try {
            Matcher started = serve.started();
            assertEquals("2 clusters", started.group(1));
            assertEquals("0.5", started.group(3));
            URI metrics = URI.create(started.group(2));
            Scrape s = Scrape.until(metrics, x -> x.value(CLUSTER_UP, CLUSTER, "live").orElse(0.0) == 1
                    && x.value(REFRESH_ERRORS + "_total", CLUSTER, "gone").orElse(0.0) >= 2, PATIENCE,
                    "live up, gone failing twice");
            assertEquals(0.0, s.value(CLUSTER_UP, CLUSTER, "gone").orElseThrow());
            List<String> errLines = serve.err().toString().lines().toList();
            assertEquals(1, errLines.size(), "said once, not at each refresh: " + errLines);
            assertTrue(errLines.getFirst().startsWith("highwater: cluster gone does not answer: ")
                    && errLines.getFirst().endsWith("; trying again every 0.5 s"), errLines.getFirst());
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(metrics.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } finally {
            assertEquals(0, serve.stop());
        }
        List<String> out = serve.out().toString().lines().toList();
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(1).startsWith("Stopped serving lag on http://127.0.0.1:"), out.toString());
    }

    /**
     * In a JVM of its own, as `java -jar` starts it (which runs it again with the service's bounded heap): one line
     * at start, /metrics answered, and SIGTERM stops it with its one line; the JVM's exit code for SIGTERM is 143.
     */
    @Test
    void sigtermStopsItCleanlyWithOneLine() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "serve", "--bootstrap", broker.bootstrapServers(), "--port", "0", "--interval", "1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("HIGHWATER_HOME", dir.toString());
        Process p = pb.start();
        try (BufferedReader out = p.inputReader()) {
            String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(90, TimeUnit.SECONDS);
            Matcher m = STARTED.matcher(first == null ? "" : first);
            assertTrue(m.matches(), "start line: " + first + "; stderr: " + Files.readString(dir.resolve("err.txt")));
            assertEquals("1 cluster (" + broker.bootstrapServers() + ")", m.group(1));
            URI metrics = URI.create(m.group(2));
            Scrape.until(metrics, x -> x.value(REFRESHES + "_total", CLUSTER, broker.bootstrapServers()).orElse(0.0) >= 1
                    && x.value(CLUSTER_UP, CLUSTER, broker.bootstrapServers()).orElse(0.0) == 1, PATIENCE, "a refresh");
            p.toHandle().destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
            assertEquals(143, p.exitValue());
            assertEquals("Stopped serving lag on " + metrics, readLine(out));
            assertEquals(null, readLine(out));
            assertEquals("", Files.readString(dir.resolve("err.txt")), "quiet otherwise");
            assertTrue(!LocalPorts.accepts(metrics.getPort()), "the port is closed");
        } finally {
            p.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
