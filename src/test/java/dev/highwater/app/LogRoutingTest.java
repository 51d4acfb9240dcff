package dev.highwater.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terminal shows our own messages only: what Kafka, gRPC (java.util.logging), H2 and JavaFX say goes to the
 * rolling file in the data folder, readable by its owner only. Run in a process of its own, as the app starts.
 */
class LogRoutingTest {

    @TempDir
    Path home;

    /** What the app's libraries and the app itself log, after the app's logging start. */
    public static void main(String[] args) {
        AppLogging.start();
        LoggerFactory.getLogger("kafka.server.ReplicaManager").error("broker says: append failed",
                new IllegalStateException("a library's stack trace"));
        LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("client says: connection lost");
        LoggerFactory.getLogger("h2database").error("h2 says: file locked");
        java.util.logging.Logger.getLogger("io.grpc.internal.ManagedChannelImpl").warning("grpc says: channel failed");
        java.util.logging.Logger.getLogger("javafx").warning("javafx says: unsupported configuration");
        LoggerFactory.getLogger("dev.highwater.app.Wiring").warn("highwater says: history is off");
    }

    @Test
    void librariesLogToTheDataFolderAndOnlyOurMessagesReachTheTerminal() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogRoutingTest.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HIGHWATER_HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);

        List<String> terminal = (out + err).lines().filter(l -> !l.startsWith("WARNING:")).toList();
        assertEquals(1, terminal.size(), "only our own message: " + terminal);
        assertTrue(terminal.getFirst().endsWith("Wiring - highwater says: history is off"), terminal.getFirst());

        Path file = home.resolve("logs").resolve("highwater.log");
        String log = Files.readString(file);
        for (String said : List.of("broker says", "a library's stack trace", "client says", "h2 says", "grpc says",
                "javafx says", "highwater says")) {
            assertTrue(log.contains(said), "the log file has \"" + said + "\":\n" + log);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("logs"))));
        assertFalse(log.isBlank());
    }
}
