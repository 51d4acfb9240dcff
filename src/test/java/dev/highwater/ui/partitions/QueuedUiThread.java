package dev.highwater.ui.partitions;

import dev.highwater.ui.UiThread;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A UI thread for tests without a toolkit: work waits until the test thread runs it. */
final class QueuedUiThread implements UiThread {

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void post(Runnable work) {
        queue.add(work);
    }

    /** Runs what was posted, on the caller's thread; returns how many. */
    int runPending() {
        int n = 0;
        for (Runnable r; (r = queue.poll()) != null; n++) {
            r.run();
        }
        return n;
    }

    int waiting() {
        return queue.size();
    }
}
