package dev.highwater.ui;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands one-off tasks (a topic list, a notice, a detail) to the UI thread: every task runs, in the order given,
 * and at most one drain is posted at a time. Unlike a {@link Coalescer}, which keeps only the newest value of one
 * stream, nothing offered here is dropped: two unrelated tasks are not two versions of one value.
 */
public final class UiTasks {

    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private final UiThread ui;

    public UiTasks(UiThread ui) {
        this.ui = ui;
    }

    /** From any thread. */
    public void offer(Runnable task) {
        pending.add(task);
        if (posted.compareAndSet(false, true)) {
            ui.post(this::drain);
        }
    }

    private void drain() {
        posted.set(false); // first, so that a task offered from here on posts another drain
        for (Runnable task; (task = pending.poll()) != null; ) {
            task.run();
        }
    }
}
