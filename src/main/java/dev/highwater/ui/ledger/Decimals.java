package dev.highwater.ui.ledger;

import dev.highwater.ui.GroupedDecimal;

import java.math.BigDecimal;
import java.util.Locale;

/** Exact decimals for reading: thousands grouped, every digit kept (never rounded for display). */
final class Decimals {

    private Decimals() {
    }

    static String grouped(BigDecimal value) {
        return GroupedDecimal.of(value);
    }

    /** For chart axes only: "1.2 M" reads faster than "1.2E6". */
    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        }
        if (a >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
