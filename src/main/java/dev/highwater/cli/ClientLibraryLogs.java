package dev.highwater.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka and gRPC client libraries' own log lines while a command runs. A command explains a failure in its
 * one line, so the libraries' ERROR and WARN lines about the same failure (each reconnect attempt, a resolver
 * warning with a stack trace) are noise on a terminal: they are off unless {@code --verbose} asks for them, in
 * which case Kafka's and gRPC's warnings are shown on the terminal too (otherwise they go to the log file only).
 * Closing restores the levels and appenders as they were.
 */
final class ClientLibraryLogs implements AutoCloseable {

    private static final String KAFKA = "org.apache.kafka";
    private static final String GRPC = "io.grpc";

    /** The appender of log4j2.xml that writes to the terminal (stderr). */
    private static final String TERMINAL = "stderr";

    private final LoggerContext context;
    /** Library loggers given the terminal's appender for a verbose command, taken off again when it ends. */
    private final List<LoggerConfig> shownOnTerminal = new ArrayList<>();
    /** The library logger configurations changed, with their levels before; null: made here, to be removed. */
    private final Map<String, Level> levelsBefore = new HashMap<>();
    /** Held while in use: java.util.logging keeps its loggers only weakly, and a new one would lose the level. */
    private final java.util.logging.Logger grpc = java.util.logging.Logger.getLogger(GRPC);
    private final java.util.logging.Level grpcBefore = grpc.getLevel();

    private ClientLibraryLogs(boolean verbose) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Level level = verbose ? Level.WARN : Level.OFF;
        if (!config.getLoggers().containsKey(KAFKA)) {
            LoggerConfig made = new LoggerConfig(KAFKA, level, true);
            config.addLogger(KAFKA, made);
            levelsBefore.put(KAFKA, null);
        }
        // the shipped configuration quiets some Kafka loggers on their own (the network client at ERROR): each
        // of them is set too, or it would keep its own level whatever its parent says
        for (LoggerConfig c : config.getLoggers().values()) {
            String name = c.getName();
            if (name.equals(KAFKA) || name.startsWith(KAFKA + ".")) {
                levelsBefore.putIfAbsent(name, c.getLevel());
                c.setLevel(level);
            }
        }
        if (verbose) {
            // the libraries log to the file only: for this command their lines come to the terminal as well
            Appender terminal = config.getAppender(TERMINAL);
            for (String name : List.of(KAFKA, GRPC)) {
                LoggerConfig c = config.getLoggers().get(name);
                if (c == null) {
                    c = new LoggerConfig(name, Level.WARN, true);
                    config.addLogger(name, c);
                    levelsBefore.put(name, null);
                }
                if (terminal != null) {
                    c.addAppender(terminal, null, null);
                    shownOnTerminal.add(c);
                }
            }
        }
        context.updateLoggers();
        if (!verbose) {
            grpc.setLevel(java.util.logging.Level.OFF);
        }
    }

    /** Turns the client libraries' log lines off, or with {@code verbose} shows their warnings and errors. */
    static ClientLibraryLogs quietUnless(boolean verbose) {
        return new ClientLibraryLogs(verbose);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        shownOnTerminal.forEach(c -> c.removeAppender(TERMINAL));
        levelsBefore.forEach((name, level) -> {
            if (level == null) {
                config.removeLogger(name);
            } else {
                LoggerConfig c = config.getLoggers().get(name);
                if (c != null) {
                    c.setLevel(level);
                }
            }
        });
        context.updateLoggers();
        grpc.setLevel(grpcBefore);
    }
}
