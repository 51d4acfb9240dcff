package dev.highwater.ui;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.Subscription;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A UI thread for model tests: the test thread runs what was posted while it waits for a condition. */
public final class PumpedUiThread implements UiThread {

    private final LinkedBlockingQueue<Runnable> posted = new LinkedBlockingQueue<>();

    @Override
    public void post(Runnable task) {
        posted.add(task);
    }

    /** Runs what was posted so far, as the UI thread would meanwhile. */
    public void runPosted() {
        for (Runnable r = posted.poll(); r != null; r = posted.poll()) {
            r.run();
        }
    }

    /** Runs posted work until {@code condition} holds, failing after ten seconds. */
    public void until(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Runnable r = posted.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Background tasks that run at once on the caller's thread; nothing is repeated. */
    public static BackgroundTasks sameThreadTasks() {
        return new BackgroundTasks() {
            @Override
            public void run(Runnable task) {
                task.run();
            }

            @Override
            public Subscription every(Duration period, Runnable task) {
                return () -> { };
            }

            @Override
            public void close() {
            }
        };
    }
}
