package dev.highwater.ui.messages;

import dev.highwater.core.decode.RowBuffer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The line under the Messages table, short and plain: what was read, what the filter matched, what the table
 * holds and the stretch of record time it spans, and the undecodable records per partition:
 * {@code 376,471 read · table: newest 5,000 (2.5 s) · 3 undecodable (p2: 3)}.
 */
final class TableCounts {

    /** What the line's words mean, for its tooltip. */
    static final String EXPLAINED = """
            read: records read since the tail started
            match: records the filter let through (shown when a filter hides some)
            table: the rows it holds, newest record time first, and the stretch of record time they span
            undecodable: values no decoder could read, per partition; the Undecodable list keeps them""";

    private TableCounts() {
    }

    static String text(RowBuffer.Snapshot s) {
        int inTable = s.newestFirst().size();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%,d read", s.read()));
        if (s.kept() < s.read()) {
            sb.append(String.format(Locale.ROOT, " · %,d match", s.kept()));
        }
        sb.append(String.format(Locale.ROOT, " · table: %s %,d", s.notShown() > 0 ? "newest" : "all", inTable));
        if (inTable > 1) {
            sb.append(" (").append(span(Duration.ofMillis(s.newest() - s.oldest()))).append(')');
        }
        if (s.poison() > 0) {
            sb.append(String.format(Locale.ROOT, " · %,d undecodable (", s.poison()));
            sb.append(s.poisonByPartition().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> "p" + e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")));
            sb.append(')');
        }
        return sb.toString();
    }

    /** A stretch of time in one unit a person reads at a glance: 0.4 s, 25 s, 12 min, 3.5 h, 9 days. */
    static String span(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 120_000) {
            return ms / 1000 + " s";
        }
        if (ms < 120 * 60_000) {
            return ms / 60_000 + " min";
        }
        if (ms < 48 * 3_600_000L) {
            return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
        }
        return String.format(Locale.ROOT, "%,d days", ms / 86_400_000L);
    }
}
