package dev.highwater.core.lag;

/**
 * A chart series of fixed capacity: (time, value) points, the oldest overwritten once full. A NaN value marks a
 * gap (the cluster was unreachable, or the value unknown), so that a chart breaks its line there instead of
 * drawing a fake zero. One thread writes; any thread copies the points out with {@link #snapshot()} and draws
 * from the copy. {@link #written()} changes on every write, so a reader can skip a redraw when it has not.
 */
public final class SeriesRing {

    /** Points oldest first; times in epoch millis as doubles, as chart libraries take them. */
    public record Points(double[] times, double[] values) {

        public int size() {
            return times.length;
        }
    }

    private final double[] times;
    private final double[] values;
    private int next; // where the next point goes
    private int size;
    private long written;

    public SeriesRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        times = new double[capacity];
        values = new double[capacity];
    }

    public synchronized void add(long timeMillis, double value) {
        times[next] = timeMillis;
        values[next] = value;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
        written++;
    }

    /** Adds a value, or a gap when it is unknown. */
    public void add(long timeMillis, Double value) {
        add(timeMillis, value == null ? Double.NaN : value.doubleValue());
    }

    public void addGap(long timeMillis) {
        add(timeMillis, Double.NaN);
    }

    public synchronized Points snapshot() {
        double[] t = new double[size];
        double[] v = new double[size];
        int start = (next - size + times.length) % times.length;
        int firstRun = Math.min(size, times.length - start);
        System.arraycopy(times, start, t, 0, firstRun);
        System.arraycopy(values, start, v, 0, firstRun);
        System.arraycopy(times, 0, t, firstRun, size - firstRun);
        System.arraycopy(values, 0, v, firstRun, size - firstRun);
        return new Points(t, v);
    }

    public int capacity() {
        return times.length;
    }

    public synchronized int size() {
        return size;
    }

    /** Points ever written; those beyond {@link #capacity()} were overwritten. */
    public synchronized long written() {
        return written;
    }

    /** Points overwritten to make room. */
    public synchronized long dropped() {
        return written - size;
    }
}
