package dev.highwater.packaging;

import dev.highwater.net.LocalPorts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    private static final Path INSTALLERS = Path.of(System.getProperty("highwater.installer.dir", "target/installer"));
    private static final String VERSION = System.getProperty("highwater.version", "").replaceFirst("-.*", "");
    private static final Path LAUNCHER = INSTALLERS.resolve("Highwater/bin/Highwater");

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

    @Test
    void appImageRunsTheDemoAndStopsOnSigterm() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "demo", "--kafka-port", "0", "--grpc-port", "0",
                "--rate", "50").redirectError(temp.resolve("demo.err").toFile());
        pb.environment().put("HIGHWATER_HOME", temp.toString());
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            Matcher m = READY.matcher(line == null ? "" : line);
            assertTrue(m.matches(), "ready line: " + line + "; stderr: " + Files.readString(temp.resolve("demo.err")));
            int kafka = Integer.parseInt(m.group(1));
            int grpc = Integer.parseInt(m.group(2));
            assertTrue(LocalPorts.accepts(kafka) && LocalPorts.accepts(grpc), "both ports accept");
            p.toHandle().destroy(); // SIGTERM: the jpackage launcher runs the JVM in its own process
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops within 20 s of SIGTERM");
            assertFalse(LocalPorts.accepts(kafka) || LocalPorts.accepts(grpc), "ports closed after the stop");
        } finally {
            p.destroyForcibly();
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

        Result remove = dpkg(root, "--remove", "highwater");
        assertEquals(0, remove.exit(), remove.output());
        assertFalse(Files.exists(root.resolve("opt/highwater/bin/Highwater")), remove.output());
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
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
