package dev.highwater.packaging;

import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The installers as a user gets them: the jpackage app image and the .deb that {@code -Ppackage} builds in
 * target/installer. Skipped when they have not been built, so it never slows the ordinary test run.
 */
class PackagedAppIT {

    private static final Pattern READY = Pattern.compile("kafka=127\\.0\\.0\\.1:(\\d+) grpc=127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern SERVING = Pattern.compile("Serving lag of 1 cluster \\(.+\\) on"
            + " (http://127\\.0\\.0\\.1:\\d+/metrics) \\(refresh every 1 s\\); stop with Ctrl\\+C");
    private static final Path INSTALLERS = Path.of(System.getProperty("highwater.installer.dir", "target/installer"));
    private static final String VERSION = System.getProperty("highwater.version", "").replaceFirst("-.*", "");
    private static final Path LAUNCHER = INSTALLERS.resolve("Highwater/bin/Highwater");
    /** The terminal's launcher: a JVM for commands that answer and end (packaging/cli.properties). */
    private static final Path CLI_LAUNCHER = INSTALLERS.resolve("Highwater/bin/highwater-cli");
    /** What a class loaded from the ahead-of-time cache is logged with. */
    private static final String FROM_THE_CACHE = "source: shared objects file";

    @TempDir
    Path temp;

    @BeforeAll
    static void installersWereBuilt() {
        assumeTrue(Files.isExecutable(LAUNCHER), "no app image in " + INSTALLERS + ": build with -Ppackage");
    }

    @Test
    void appImagePrintsItsVersion() throws Exception {
        Result r = run(List.of(LAUNCHER.toString(), "--version"));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("Highwater " + VERSION + "\n"), r.output());
    }

    @Test
    void bothLaunchersStartFromTheAheadOfTimeCache() throws Exception {
        for (Path launcher : List.of(LAUNCHER, CLI_LAUNCHER)) {
            Path classes = temp.resolve(launcher.getFileName() + "-classes.log");
            Result r = runWithJvmOptions(List.of(launcher.toString(), "--version"),
                    "-Xlog:class+load:file=" + classes);
            assertEquals(0, r.exit(), r.output());
            assertTrue(Files.readString(classes).contains(FROM_THE_CACHE), launcher + ": no class from the cache");
        }
    }

    /** A jar that is not the one the cache was made from: the cache is skipped, and nothing is said about it. */
    @Test
    void aCacheThatDoesNotMatchTheJarsIsSkippedWithoutAWord() throws Exception {
        Path image = temp.resolve("Highwater");
        Result copy = run(List.of("cp", "-al", INSTALLERS.resolve("Highwater").toString(), image.toString()));
        assertEquals(0, copy.exit(), copy.output());
        Path jar = image.resolve("lib/app/highwater.jar");
        Path changed = temp.resolve("highwater.jar");
        Files.copy(jar, changed); // a file of its own, with a time of its own: the image's stays as it was
        Files.delete(jar);
        Files.move(changed, jar);
        Path classes = temp.resolve("classes.log");
        Result r = runWithJvmOptions(List.of(image.resolve("bin/highwater-cli").toString(), "--version"),
                "-Xlog:class+load:file=" + classes);
        assertEquals(0, r.exit(), r.output());
        assertEquals("Highwater " + VERSION, r.output().lines().filter(l -> !l.startsWith("Picked up"))
                .findFirst().orElse(""), r.output());
        assertEquals(3, r.output().lines().count(), "the version's two lines and the JVM's 'Picked up': " + r.output());
        assertFalse(Files.readString(classes).contains(FROM_THE_CACHE), "the cache was used");
    }

    @Test
    void appImageLeavesOutTheBenchmarkOnlyKafkaTools() throws Exception {
        List<String> jars;
        try (Stream<Path> files = Files.walk(INSTALLERS.resolve("Highwater"))) {
            jars = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        assertTrue(jars.contains("highwater.jar") && jars.stream().anyMatch(n -> n.startsWith("kafka-clients-")),
                jars.toString());
        assertTrue(jars.stream().noneMatch(n -> n.matches("kafka-tools-\\d.*\\.jar")), jars.toString());

        Result r = run(List.of(LAUNCHER.toString(), "bench", "kafka", "--json",
                temp.resolve("bench.json").toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("skipped: Kafka's performance tools (kafka-tools) are not on the class path"),
                r.output());
    }

    /** The Grafana dashboard and the Prometheus alerting rules for highwater serve, as they are in the repository. */
    @Test
    void appImageShipsTheDashboardAndTheAlertingRules() throws Exception {
        Path shipped = INSTALLERS.resolve("Highwater/lib/app/monitoring");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("monitoring"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("highwater-lag.json")), files.toString());
        try (JarFile jar = new JarFile(INSTALLERS.resolve("Highwater/lib/app/highwater.jar").toFile())) {
            for (Path file : files) {
                Path relative = Path.of("monitoring").relativize(file);
                assertEquals(Files.readString(file), Files.readString(shipped.resolve(relative)), relative.toString());
                assertTrue(jar.getEntry("dev/highwater/monitoring/" + relative.toString().replace('\\', '/')) != null,
                        relative + " is not in the jar");
            }
        }
    }

    /**
     * Started from the terminal's launcher, the demo runs through the app's launcher beside it, with the console's
     * heap, and a SIGTERM to the first stops both.
     */
    @Test
    void appImageRunsTheDemoAndStopsOnSigterm() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(CLI_LAUNCHER.toString(), "demo", "--kafka-port", "0", "--grpc-port",
                "0", "--rate", "50").redirectError(temp.resolve("demo.err").toFile());
        pb.environment().put("HIGHWATER_HOME", temp.toString());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            Matcher m = READY.matcher(line == null ? "" : line);
            assertTrue(m.matches(), "ready line: " + line + "; stderr: " + Files.readString(temp.resolve("demo.err")));
            int kafka = Integer.parseInt(m.group(1));
            int grpc = Integer.parseInt(m.group(2));
            assertTrue(LocalPorts.accepts(kafka) && LocalPorts.accepts(grpc), "both ports accept");
            assertTrue(p.descendants().anyMatch(h -> h.info().command().orElse("").equals(LAUNCHER.toString())),
                    "run by " + LAUNCHER);
            p.toHandle().destroy(); // SIGTERM: the jpackage launcher runs the JVM in its own process
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops within 20 s of SIGTERM");
            assertFalse(LocalPorts.accepts(kafka) || LocalPorts.accepts(grpc), "ports closed after the stop");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The lag service from the terminal's launcher: run through the app's launcher (the console's heap), it answers
     * /metrics with a real cluster's lag (the trimmed runtime has the JDK's HTTP server) and /healthz, and stops on
     * SIGTERM.
     */
    @Test
    void appImageServesLagForPrometheusAndStopsOnSigterm() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            String cluster = kafka.bootstrapServers();
            ProcessBuilder pb = new ProcessBuilder(CLI_LAUNCHER.toString(), "serve", "--bootstrap", cluster,
                    "--port", "0", "--interval", "1").redirectError(temp.resolve("serve.err").toFile());
            pb.environment().put("HIGHWATER_HOME", temp.toString());
            Process p = pb.start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
                Matcher m = SERVING.matcher(line == null ? "" : line);
                assertTrue(m.matches(), "start line: " + line + "; stderr: " + Files.readString(temp.resolve("serve.err")));
                URI metrics = URI.create(m.group(1));
                assertTrue(p.descendants().anyMatch(h -> h.info().command().orElse("").equals(LAUNCHER.toString())),
                        "run by " + LAUNCHER);
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(metrics.resolve("/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
                String up = "highwater_cluster_up{cluster=\"" + cluster + "\"} 1.0";
                String body = "";
                for (int i = 0; i < 300 && !body.contains(up); i++) {
                    Thread.sleep(100);
                    body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
                }
                assertTrue(body.contains(up), body);
                p.toHandle().destroy(); // SIGTERM
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops within 20 s of SIGTERM");
                assertEquals("Stopped serving lag on " + metrics, readLine(out));
                assertFalse(LocalPorts.accepts(metrics.getPort()), "the port is closed after the stop");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void debDependsOnGtk() throws Exception {
        Result info = run(List.of("dpkg-deb", "-I", deb().toString()));
        assertEquals(0, info.exit(), info.output());
        String depends = info.output().lines().filter(l -> l.trim().startsWith("Depends:")).findFirst().orElse("");
        assertTrue(depends.contains("libgtk-3-0"), info.output());
    }

    /**
     * A server, container or WSL: no menu folders. The real dpkg installs (unpack and configure, which runs the
     * post-install script) and removes (pre-removal script) the package in a throwaway root with a dpkg database
     * of its own; the scripts run outside it and are handed that root as {@code DPKG_ROOT}, as dpkg does for
     * chrootless installs. Dependencies are not in that root, hence {@code --force-depends}.
     */
    @Test
    void debInstallsAndRemovesWhereThereIsNoDesktopMenu() throws Exception {
        Path root = throwawayRoot();
        Result install = dpkg(root, "--install", deb().toString());
        assertEquals(0, install.exit(), install.output());
        assertTrue(install.output().contains("no desktop menu here"), install.output());
        assertTrue(dpkg(root, "--status", "highwater").output().contains("Status: install ok installed"));
        Result version = run(List.of(root.resolve("opt/highwater/bin/Highwater").toString(), "--version"));
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().startsWith("Highwater " + VERSION + "\n"), version.output());

        // the command on the PATH, starting from the cache (postinst gave the jars the times it recorded)
        Path onPath = root.resolve("usr/bin/highwater");
        assertEquals(root.resolve("opt/highwater/bin/highwater-cli").toRealPath(), onPath.toRealPath());
        Path classes = temp.resolve("installed-classes.log");
        Result command = runWithJvmOptions(List.of(onPath.toString(), "--version"), "-Xlog:class+load:file=" + classes);
        assertEquals(0, command.exit(), command.output());
        assertTrue(command.output().contains("Highwater " + VERSION + "\n"), command.output());
        assertTrue(Files.readString(classes).contains(FROM_THE_CACHE), "the installed launcher skipped the cache");

        // bash, with the completion file where bash-completion looks, completes the subcommand and its options
        Path bash = root.resolve("usr/share/bash-completion/completions/highwater");
        Path zsh = root.resolve("usr/share/zsh/vendor-completions/_highwater");
        assertTrue(Files.isRegularFile(bash) && Files.isRegularFile(zsh), install.output());
        assertTrue(Files.readString(zsh).startsWith("#compdef highwater\n"));
        assertEquals(List.of("tail"), bashCompletes(bash, "highwater", "tai"));
        assertEquals(List.of("--group"), bashCompletes(bash, "highwater", "lag", "--gr"));

        Result remove = dpkg(root, "--remove", "highwater");
        assertEquals(0, remove.exit(), remove.output());
        assertFalse(Files.exists(root.resolve("opt/highwater/bin/Highwater")), remove.output());
        for (Path link : List.of(onPath, bash, zsh)) {
            assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), link + " left behind");
        }
        assertFalse(dpkg(root, "--status", "highwater").output().contains("Status: install ok installed"));
    }

    /** A desktop: the menu folders exist, so installing adds the menu entry and removing takes it away. */
    @Test
    void debAddsItsMenuEntryOnADesktopAndRemovesIt() throws Exception {
        assumeTrue(run(List.of("sh", "-c", "command -v xdg-desktop-menu")).exit() == 0,
                "xdg-desktop-menu (xdg-utils) is not installed here");
        Path root = throwawayRoot();
        Files.createDirectories(root.resolve("usr/share/applications"));
        Files.createDirectories(root.resolve("usr/share/desktop-directories"));
        Files.createDirectories(root.resolve("etc/xdg/menus"));
        Path entry = root.resolve("usr/share/applications/highwater-Highwater.desktop");

        Result install = dpkg(root, "--install", deb().toString());
        assertEquals(0, install.exit(), install.output());
        assertTrue(Files.isRegularFile(entry), install.output());
        assertTrue(Files.readString(entry).contains("Exec=/opt/highwater/bin/Highwater"), Files.readString(entry));
        assertFalse(install.output().contains("no desktop menu here"), install.output());

        Result remove = dpkg(root, "--remove", "highwater");
        assertEquals(0, remove.exit(), remove.output());
        assertFalse(Files.exists(entry), remove.output());
    }

    /**
     * What bash offers for the last word: the completion file sourced, and its function called as bash calls it
     * on TAB (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT). Its calls of compopt, which works only while bash
     * is completing, say so on stderr, which is left out.
     */
    private static List<String> bashCompletes(Path completionFile, String... words) throws Exception {
        String line = String.join(" ", words);
        String script = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; _complete_highwater 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash", completionFile.toString()));
        command.addAll(List.of(words));
        Result r = run(command);
        assertEquals(0, r.exit(), line + ": " + r.output());
        return r.output().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** An empty root with a dpkg database of its own. */
    private Path throwawayRoot() throws IOException {
        Path root = Files.createTempDirectory(temp, "root");
        Path admin = root.resolve("var/lib/dpkg");
        for (String dir : List.of("info", "updates", "triggers")) {
            Files.createDirectories(admin.resolve(dir));
        }
        Files.createFile(admin.resolve("status"));
        Files.createFile(admin.resolve("available"));
        return root;
    }

    private static Result dpkg(Path root, String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-depends",
                "--force-script-chrootless", "--force-not-root"));
        command.addAll(List.of(action));
        return run(command);
    }

    private static Path deb() throws IOException {
        assumeTrue(Files.isDirectory(INSTALLERS), "no installers");
        try (Stream<Path> files = Files.list(INSTALLERS)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().endsWith(".deb")).toList();
            assumeTrue(!debs.isEmpty(), "no .deb in " + INSTALLERS + " (not a Debian-family build)");
            assertEquals(1, debs.size(), debs.toString());
            assertEquals("highwater_" + VERSION + "_amd64.deb", debs.getFirst().getFileName().toString());
            return debs.getFirst();
        }
    }

    private static Result run(List<String> command) throws Exception {
        return runWithJvmOptions(command, null);
    }

    /** With JVM options through JAVA_TOOL_OPTIONS, which the launchers' JVMs read too (and say so on stderr). */
    private static Result runWithJvmOptions(List<String> command, String jvmOptions) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (jvmOptions != null) {
            pb.environment().put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        Process p = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(p));
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finishes: " + command);
        return new Result(p.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private record Result(int exit, String output) {
    }
}
