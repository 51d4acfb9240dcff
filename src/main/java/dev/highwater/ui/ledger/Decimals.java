package dev.highwater.ui.ledger;

import java.math.BigDecimal;
import java.util.Locale;

/** Exact decimals for reading: thousands grouped, every digit kept (never rounded for display). */
final class Decimals {

    private Decimals() {
    }

    static String grouped(BigDecimal value) {
        String plain = value.toPlainString();
        int start = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + 8).append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
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
