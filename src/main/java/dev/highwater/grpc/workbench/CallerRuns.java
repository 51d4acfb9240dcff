package dev.highwater.grpc.workbench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An executor whose tasks run on the thread that waits for a result, as gRPC's blocking stubs do: a lock-free
 * queue, and the waiting thread parked until a task or the result comes.
 */
final class CallerRuns implements Executor {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Thread waiter;

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Runs the queued tasks on this thread until {@code done} is complete. */
    void runUntil(Future<?> done) throws InterruptedException {
        waiter = Thread.currentThread();
        try {
            while (!done.isDone()) {
                Runnable task = tasks.poll();
                if (task != null) {
                    task.run();
                    continue;
                }
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            for (Runnable left = tasks.poll(); left != null; left = tasks.poll()) {
                left.run();
            }
        } finally {
            waiter = null;
        }
    }
}
