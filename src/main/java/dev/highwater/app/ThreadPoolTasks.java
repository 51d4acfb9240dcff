package dev.highwater.app;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Background work on a few daemon threads; a task's failure is logged once and never kills the pool. */
public final class ThreadPoolTasks implements BackgroundTasks {

    private static final Logger log = LoggerFactory.getLogger(ThreadPoolTasks.class);

    private final ScheduledExecutorService pool;

    public ThreadPoolTasks(int threads) {
        this.pool = Executors.newScheduledThreadPool(threads, DaemonThreads.numbered("background-"));
    }

    @Override
    public void run(Runnable task) {
        pool.execute(guarded(task));
    }

    @Override
    public Subscription every(Duration period, Runnable task) {
        ScheduledFuture<?> f = pool.scheduleWithFixedDelay(guarded(task), period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // a scheduled pool keeps what a task threw in its future, where nobody would see it
                log.error("A background task failed", e);
            }
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
