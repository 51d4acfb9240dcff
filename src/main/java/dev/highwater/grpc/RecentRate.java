package dev.highwater.grpc;

import java.util.ArrayDeque;

/**
 * Events per second over the last few seconds, from samples of a growing total. Falls towards zero once
 * samples stop arriving. Thread-safe.
 */
final class RecentRate {

    private record Sample(long nanos, long total) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    RecentRate(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    synchronized void record(long total, long nowNanos) {
        samples.addLast(new Sample(nowNanos, total));
        prune(nowNanos);
    }

    synchronized double perSecond(long nowNanos) {
        prune(nowNanos);
        if (samples.size() < 2) {
            return 0;
        }
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        // samples may come a second apart (one per result): up to the last one unless they have stopped coming
        boolean stale = nowNanos - last.nanos() > windowNanos / 2;
        long elapsed = (stale ? nowNanos : last.nanos()) - first.nanos();
        return elapsed <= 0 ? 0 : (last.total() - first.total()) * 1e9 / elapsed;
    }

    // keeps the newest sample older than the window as the baseline, drops the rest of the old ones
    private void prune(long nowNanos) {
        while (samples.size() > 1) {
            Sample oldest = samples.pollFirst();
            if (nowNanos - samples.getFirst().nanos() < windowNanos) {
                samples.addFirst(oldest);
                return;
            }
        }
    }
}
