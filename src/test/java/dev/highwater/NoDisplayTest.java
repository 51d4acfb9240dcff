package dev.highwater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a display the console says so in one line and names the commands that need none. */
@EnabledOnOs(OS.LINUX)
class NoDisplayTest {

    @TempDir
    Path home;

    @Test
    void noDisplayIsOneLineNamingTheHeadlessCommands() throws Exception {
        List<String> stderr = console(null);
        assertEquals(1, stderr.size(), "one line: " + stderr);
        assertTrue(stderr.getFirst().startsWith("highwater: there is no display"), stderr.getFirst());
        assertTrue(stderr.getFirst().contains("(demo, lag, tail, audit, grpc)"), stderr.getFirst());
    }

    @Test
    void aDisplayThatCannotBeOpenedIsOneLineToo() throws Exception {
        List<String> stderr = console(":87");
        assertEquals(1, stderr.size(), "one line: " + stderr);
        assertTrue(stderr.getFirst().startsWith("highwater: the display :87 cannot be opened"), stderr.getFirst());
    }

    /** The console started as {@code java -jar} does, with this DISPLAY (null: none); its stderr lines. */
    private List<String> console(String display) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName());
        Map<String, String> env = pb.environment();
        env.remove("WAYLAND_DISPLAY");
        if (display == null) {
            env.remove("DISPLAY");
        } else {
            env.put("DISPLAY", display);
        }
        env.put("HIGHWATER_HOME", home.toString());
        Process p = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes());
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ends by itself");
        assertEquals(1, p.exitValue(), out + err.get());
        return (out + err.get()).lines().filter(l -> !l.startsWith("WARNING:")).toList();
    }
}
