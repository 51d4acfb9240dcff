package dev.highwater.ui;

import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;

/** Counts the UI thread's pulses in whole seconds, for the benchmarks' frame rates. */
public final class FrameCounter extends AnimationTimer {

    private final List<Integer> perSecond = new ArrayList<>(); // whole seconds' counts, under its own lock
    private long secondStart = -1;
    private int frames;

    @Override
    public void handle(long now) {
        if (secondStart < 0) {
            secondStart = now;
        }
        frames++;
        if (now - secondStart >= 1_000_000_000L) {
            synchronized (perSecond) {
                perSecond.add(frames);
            }
            frames = 0;
            secondStart = now;
        }
    }

    /** What {@link #startToolkit()} found: the toolkit running, or why no window can be opened. */
    public enum Toolkit {
        /** Started now, or by an earlier suite in this process and still running. */
        RUNNING,
        /** No display to open a window on (a headless machine without Xvfb). */
        NO_DISPLAY,
        /** Started earlier in this process and ended since: JavaFX cannot be started twice. */
        ENDED
    }

    /**
     * Starts JavaFX for a benchmark (or finds it started by an earlier one); the caller says what it means for
     * its own figures, so this class knows nothing of how they are reported.
     */
    public static Toolkit startToolkit() {
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // a toolkit from an earlier suite in this process
        } catch (UnsupportedOperationException noDisplay) {
            return Toolkit.NO_DISPLAY;
        }
        // a suite closing its window must not end the toolkit for the suites after it
        javafx.application.Platform.setImplicitExit(false);
        java.util.concurrent.CountDownLatch alive = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.runLater(alive::countDown);
        try {
            if (alive.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                return Toolkit.RUNNING;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Toolkit.ENDED;
    }

    /** Forgets the seconds counted so far (after a warm-up); from any thread. */
    public void clear() {
        synchronized (perSecond) {
            perSecond.clear();
        }
    }

    /** The frames of each whole second counted so far; from any thread. */
    public double[] perSecond() {
        synchronized (perSecond) {
            return perSecond.stream().mapToDouble(Integer::doubleValue).toArray();
        }
    }
}
