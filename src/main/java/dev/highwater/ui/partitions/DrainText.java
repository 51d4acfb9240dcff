package dev.highwater.ui.partitions;

import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.PartitionLag;

/**
 * The "Time to drain" of a partition in words a reader does not have to decode: a time, "caught up", "keeping
 * up", "never" or "—", and for the tooltip the sentence saying what that means at the current rates.
 */
final class DrainText {

    static final String CAUGHT_UP = "caught up";
    static final String KEEPING_UP = "keeping up";

    private DrainText() {
    }

    static String cell(PartitionLag p) {
        if (p.lag() != null && p.lag() == 0) {
            return CAUGHT_UP;
        }
        if (p.secondsToDrain() != null) {
            return LagFormat.seconds(p.secondsToDrain());
        }
        if (p.lag() == null || p.produceRate() == null || p.consumeRate() == null) {
            return LagFormat.UNKNOWN;
        }
        return fallsBehind(p) ? "never" : KEEPING_UP;
    }

    /**
     * Lag that the current rates do not bring down: judged growing, or plainly read slower than it arrives
     * (under half; smaller differences are how commit-based rates jitter around a partition that keeps up).
     */
    private static boolean fallsBehind(PartitionLag p) {
        return LagFormat.neverDrains(p) || p.consumeRate() < p.produceRate() / 2;
    }

    static String explain(PartitionLag p) {
        if (p.lag() == null) {
            return "No time to drain: the group has not committed an offset here, so there is no lag to measure.";
        }
        String lag = "the lag of " + LagFormat.count(p.lag());
        if (p.lag() == 0) {
            return "Caught up: nothing is left to read.";
        }
        if (p.produceRate() == null || p.consumeRate() == null) {
            return "Not known yet: it needs the rates, which take a few refreshes (and are not shown while the"
                    + " values are stale).";
        }
        String rates = " (" + LagFormat.rate(p.consumeRate()) + " read, " + LagFormat.rate(p.produceRate())
                + " arriving)";
        if (p.secondsToDrain() != null) {
            return "At the current rates" + rates + ", " + lag + " is read in "
                    + LagFormat.seconds(p.secondsToDrain()) + ".";
        }
        if (fallsBehind(p)) {
            return "Never at the current rates" + rates + ": records arrive at least as fast as the group reads"
                    + " them, so " + lag + " does not shrink.";
        }
        return "Keeping up" + rates + ": the group reads as fast as records arrive; " + lag
                + " is what arrives between two commits, not a backlog.";
    }
}
