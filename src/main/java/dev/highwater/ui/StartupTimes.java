package dev.highwater.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start-up figures for measuring (README): with the environment variable {@code HIGHWATER_STARTUP_TIMES} set, the
 * console prints when its window was shown, counted from the JVM's start, and when the first lag figures were on
 * screen, counted from the window. Otherwise it says nothing.
 */
final class StartupTimes {

    private final boolean on;
    private final Instant jvmStart;
    private volatile Instant window;
    private final AtomicBoolean figuresSaid = new AtomicBoolean();

    StartupTimes(boolean on) {
        this.on = on;
        this.jvmStart = ProcessHandle.current().info().startInstant().orElse(Instant.now());
    }

    static StartupTimes fromEnvironment() {
        return new StartupTimes(System.getenv("HIGHWATER_STARTUP_TIMES") != null);
    }

    void windowShown() {
        window = Instant.now();
        if (on) {
            System.out.println("startup: window shown " + seconds(Duration.between(jvmStart, window))
                    + " s after the JVM started");
        }
    }

    void firstLagFigures() {
        if (on && window != null && figuresSaid.compareAndSet(false, true)) {
            System.out.println("startup: first lag figures on screen " + seconds(Duration.between(window, Instant.now()))
                    + " s after the window");
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
