package dev.highwater.app;

import dev.highwater.store.OwnerOnlyFiles;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the app's logs go, set up before anything logs: our own messages on the terminal, everything the
 * libraries say (Kafka's broker and clients, gRPC, H2, JavaFX) in a rolling file, {@code logs/highwater.log} in
 * the data folder (see {@code log4j2.xml}). gRPC and JavaFX log through {@code java.util.logging}, which would
 * print to the terminal on its own: it is routed into the same file.
 */
public final class AppLogging {

    /** A system property naming the log folder; set here unless given. */
    public static final String LOG_DIR = "highwater.log.dir";

    private AppLogging() {
    }

    /** Call first in {@code main}: no class with a logger may be loaded before. */
    public static void start() {
        if (System.getProperty(LOG_DIR) == null) {
            Path logs = dataFolder().resolve("logs");
            try {
                OwnerOnlyFiles.dataFolder(dataFolder()); // the log must not create it readable by all
                OwnerOnlyFiles.createFolders(logs);
            } catch (IOException | RuntimeException e) {
                // the first line logged says what the file appender cannot write
            }
            System.setProperty(LOG_DIR, logs.toString());
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** ~/.highwater (or HIGHWATER_HOME): history, settings and logs live here. */
    static Path dataFolder() {
        String home = System.getenv("HIGHWATER_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".highwater");
    }
}
