package dev.highwater.cli;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.decode.RawRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decodes and prints a tail's records on a thread of its own, batch after batch in the order they were read, so
 * the reading thread only fetches: on two cores the fetch and the printing have one each. Decoding stays on one
 * thread, so a record is read exactly as it was before (a decoder remembers the type that fitted a topic). At most
 * {@link #WAITING} batches wait: memory stays bounded and a slow terminal slows the reading down.
 */
final class TailPrinter {

    /** Prints one batch (decoding it first); true to go on, false when nobody reads the output any more. */
    interface Batch {
        boolean print(List<RawRecord> batch) throws IOException;
    }

    static final int WAITING = 3;
    private static final List<RawRecord> END = new ArrayList<>(0);

    private final BlockingQueue<List<RawRecord>> queue = new ArrayBlockingQueue<>(WAITING);
    private final Batch batch;
    private final Runnable stopReading;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopped;

    /**
     * @param stopReading called (on the printing thread) when printing cannot go on: the output was closed (the
     *                    command read by {@code head}, say) or printing failed
     */
    TailPrinter(Batch batch, Runnable stopReading) {
        this.batch = batch;
        this.stopReading = stopReading;
        this.thread = DaemonThreads.start("tail-print", this::printLoop);
    }

    /** Hands a batch over, waiting while {@link #WAITING} others wait; dropped once printing has stopped. */
    void accept(List<RawRecord> records) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(records, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** Waits until every batch handed over is printed; a failure of the printing is thrown here. */
    void finish() throws InterruptedException {
        accept(END);
        thread.join();
        Throwable f = failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new CommandFailure("writing the output failed: " + f.getMessage());
        }
    }

    private void printLoop() {
        try {
            while (true) {
                List<RawRecord> next = queue.take();
                if (next == END) {
                    return;
                }
                if (!batch.print(next)) {
                    stop();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            stop();
        }
    }

    private void stop() {
        stopped = true;
        queue.clear();
        stopReading.run();
    }
}
