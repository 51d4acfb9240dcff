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

    /**
     * Starts JavaFX for a benchmark (or finds it started by an earlier suite); false, said in the report, when
     * there is no display to open a window on.
     */
    public static boolean startToolkit(dev.highwater.bench.BenchReport report) {
        try {
            javafx.application.Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // a toolkit from an earlier suite in this process
        } catch (UnsupportedOperationException noDisplay) {
            report.note("skipped: no display to open a window on (run under a desktop or Xvfb)");
            return false;
        }
        // a suite closing its window must not end the toolkit for the suites after it
        javafx.application.Platform.setImplicitExit(false);
        java.util.concurrent.CountDownLatch alive = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.runLater(alive::countDown);
        try {
            if (alive.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report.note("skipped: the UI toolkit of an earlier suite has ended");
        return false;
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
