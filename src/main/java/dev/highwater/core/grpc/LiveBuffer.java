package dev.highwater.core.grpc;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} items of a stream, with the count of everything received and a rate, so that a
 * screen shows a bounded list and says how many it does not show. Writers (a stream's thread) and readers (a
 * screen's drain) may differ: all methods are synchronized, each short.
 */
public final class LiveBuffer<T> {

    /** What a reader sees: the kept items oldest first, how many came in all, and the recent rate per second. */
    public record View<T>(List<T> items, long received, long notShown, double perSecond) {
    }

    private final Object[] ring;
    private final RateMeter rate = new RateMeter();
    private long received;

    public LiveBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        ring = new Object[capacity];
    }

    public synchronized void add(T item) {
        ring[(int) (received % ring.length)] = item;
        received++;
    }

    public synchronized long received() {
        return received;
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        received = 0;
        rate.reset();
    }

    /** The kept items and counts; the rate is measured between reads at least a second apart. */
    @SuppressWarnings("unchecked")
    public synchronized View<T> view(long nowNanos) {
        double perSecond = rate.update(received, nowNanos);
        int kept = (int) Math.min(received, ring.length);
        List<T> items = new ArrayList<>(kept);
        for (long i = received - kept; i < received; i++) {
            items.add((T) ring[(int) (i % ring.length)]);
        }
        return new View<>(items, received, received - kept, perSecond);
    }
}
