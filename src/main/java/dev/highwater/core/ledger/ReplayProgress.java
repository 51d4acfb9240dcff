package dev.highwater.core.ledger;

/** How far a replay is: records read of those to read, the rate, and the time left at that rate. */
public record ReplayProgress(long done, long total, double perSecond, double secondsLeft) {

    public double fraction() {
        return total <= 0 ? 1 : Math.min(1, (double) done / total);
    }
}
