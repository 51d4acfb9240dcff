package dev.highwater.core.ledger;

/** How far a replay is: records read of those to read, the rate, and the time left at that rate. */
public record ReplayProgress(long done, long total, double perSecond, double secondsLeft) {

    /**
     * Progress after {@code records} records in {@code elapsedNanos}, {@code done} of {@code total} offsets
     * behind (a transaction marker takes an offset but is no record).
     */
    static ReplayProgress after(long done, long total, long records, long elapsedNanos) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = records / seconds;
        double left = rate <= 0 ? Double.NaN : Math.max(0, total - done) / (done / seconds);
        return new ReplayProgress(Math.min(done, total), total, rate, left);
    }

    public double fraction() {
        return total <= 0 ? 1 : Math.min(1, (double) done / total);
    }
}
