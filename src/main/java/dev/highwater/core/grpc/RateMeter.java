package dev.highwater.core.grpc;

/**
 * A rate from a running total read now and then: per second over windows of at least a second, so that reads
 * every frame do not make it jump. Not thread-safe: one reader.
 */
public final class RateMeter {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private boolean started;
    private long since;
    private long countSince;
    private double perSecond;

    /** Takes the total at {@code nowNanos}; returns the latest rate (0 until a window has passed). */
    public double update(long total, long nowNanos) {
        if (!started) {
            started = true;
            since = nowNanos;
            countSince = total;
        } else if (nowNanos - since >= WINDOW_NANOS) {
            perSecond = (total - countSince) * 1e9 / (nowNanos - since);
            since = nowNanos;
            countSince = total;
        }
        return perSecond;
    }

    public void reset() {
        started = false;
        perSecond = 0;
    }
}
