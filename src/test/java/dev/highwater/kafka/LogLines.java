package dev.highwater.kafka;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;
import java.util.List;

/** The log lines at WARN and above while it is open, each as "epoch-millis LEVEL logger message", as a terminal gets them. */
public final class LogLines implements AutoCloseable {

    private final StringWriter captured = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    public LogLines() {
        appender = WriterAppender.newBuilder().setName("log-lines").setTarget(captured)
                .setLayout(PatternLayout.newBuilder().withPattern("%d{UNIX_MILLIS} %p %c %m%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    /** The lines logged so far by loggers under {@code prefix}. */
    public synchronized List<String> from(String prefix) {
        return captured.toString().lines().filter(l -> l.split(" ", 4).length == 4 && l.split(" ", 4)[2]
                .startsWith(prefix)).toList();
    }

    /** The lines by loggers under {@code prefix} logged at or after {@code millis}. */
    public List<String> since(String prefix, long millis) {
        return from(prefix).stream().filter(l -> Long.parseLong(l.substring(0, l.indexOf(' '))) >= millis).toList();
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
