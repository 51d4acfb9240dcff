package dev.highwater.ui.messages;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a window search is, as of one moment: records read, matches, and the offsets covered out of the
 * window's total, from which the time left is estimated at the rate offsets were covered so far.
 *
 * @param read    records read and filtered
 * @param matches records the filter kept
 * @param covered offsets of the window passed so far, over all its partitions
 * @param total   offsets in the window, over all its partitions (0 while unknown or for an empty window)
 * @param elapsed since the search started
 */
record SearchProgress(long read, long matches, long covered, long total, Duration elapsed) {

    /** Too early for a rate worth extrapolating: the first fetches are slower than the rest. */
    static final Duration SETTLING = Duration.ofMillis(500);

    /** The part of the window done, 0 to 1; -1 while the window's size is not known yet. */
    double fraction() {
        if (total <= 0) {
            return -1;
        }
        return Math.min(1.0, (double) covered / total);
    }

    /** The time left at the rate so far, or null while there is no rate to go by. */
    Duration left() {
        if (total <= 0 || covered <= 0 || elapsed.compareTo(SETTLING) < 0) {
            return null;
        }
        long remaining = Math.max(0, total - covered);
        double nanosPerOffset = (double) elapsed.toNanos() / covered;
        return Duration.ofNanos((long) (remaining * nanosPerOffset));
    }

    /** {@code 12,345 read · 3 matches · about 40 s left}. */
    String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d read · %,d %s", read, matches,
                matches == 1 ? "match" : "matches"));
        Duration left = left();
        if (left != null) {
            sb.append(" · about ").append(TableCounts.span(left)).append(" left");
        } else if (total > 0) {
            sb.append(" · estimating the time left");
        }
        return sb.toString();
    }
}
