package dev.highwater.core.grpc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A session's calls, newest first, bounded; latency percentiles over the calls kept. Thread-safe: calls end on
 * gRPC threads, the screen reads.
 */
public final class CallHistory {

    /** p50, p90 and p99 latency in nanoseconds over {@code calls} calls (0 when there are none). */
    public record Percentiles(int calls, long p50, long p90, long p99) {
    }

    private final int capacity;
    private final Deque<CallRecord> calls = new ArrayDeque<>();

    public CallHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    public synchronized void add(CallRecord call) {
        calls.addFirst(call);
        if (calls.size() > capacity) {
            calls.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<CallRecord> calls() {
        return new ArrayList<>(calls);
    }

    public Percentiles percentiles() {
        long[] latencies;
        synchronized (this) {
            latencies = calls.stream().mapToLong(CallRecord::latencyNanos).toArray();
        }
        return percentiles(latencies);
    }

    /** Nearest-rank percentiles of {@code latencies} (which it sorts). */
    public static Percentiles percentiles(long[] latencies) {
        if (latencies.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        Arrays.sort(latencies);
        return new Percentiles(latencies.length, rank(latencies, 50), rank(latencies, 90), rank(latencies, 99));
    }

    private static long rank(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
