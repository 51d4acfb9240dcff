package dev.highwater.core.lag;

import java.util.Locale;

/**
 * How lag figures read, the same on the command line and in the GUI: "12,345", "1,234/s", "4.2 s",
 * "3 min 20 s", "2 h 5 min", "45 %", "4.8x", and "—" where a figure is unknown.
 */
public final class LagFormat {

    public static final String UNKNOWN = "—";

    private LagFormat() {
    }

    /** "1,234,567"; "—" for null. */
    public static String count(Long n) {
        return n == null ? UNKNOWN : String.format(Locale.ROOT, "%,d", n);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1,234/s"; under 10/s with one decimal ("2.5/s") so a slow topic does not read as 0; "—" for null. */
    public static String rate(Double perSecond) {
        if (perSecond == null || perSecond.isNaN()) {
            return UNKNOWN;
        }
        if (Math.abs(perSecond) < 9.95) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%,d/s", Math.round(perSecond));
    }

    /** "0 s", "4.2 s", "42 s", "3 min 20 s", "2 h 5 min", "3 d 4 h"; "—" for null. */
    public static String seconds(Double seconds) {
        if (seconds == null || seconds.isNaN()) {
            return UNKNOWN;
        }
        if (seconds.isInfinite()) {
            return "∞";
        }
        if (seconds == 0) {
            return "0 s";
        }
        String sign = seconds < 0 ? "-" : "";
        double abs = Math.abs(seconds);
        if (Math.round(abs * 10) < 100) {
            return sign + String.format(Locale.ROOT, "%.1f s", abs);
        }
        long s = Math.round(abs);
        if (s < 60) {
            return sign + s + " s";
        }
        if (s < 3_600) {
            return sign + (s / 60) + " min " + (s % 60) + " s";
        }
        long minutes = Math.round(abs / 60);
        if (minutes < 24 * 60) {
            return sign + (minutes / 60) + " h " + (minutes % 60) + " min";
        }
        long hours = Math.round(abs / 3_600);
        return sign + (hours / 24) + " d " + (hours % 24) + " h";
    }

    /** A share from 0 to 1 as "45 %" (one decimal under 10 %: "4.5 %"); "—" for NaN. */
    public static String share(double fraction) {
        if (Double.isNaN(fraction)) {
            return UNKNOWN;
        }
        double percent = fraction * 100;
        return percent < 9.95 ? String.format(Locale.ROOT, "%.1f %%", percent)
                : String.format(Locale.ROOT, "%d %%", Math.round(percent));
    }

    /** A multiple as "4.8x"; "—" for NaN or infinity. */
    public static String factor(double times) {
        return Double.isFinite(times) ? String.format(Locale.ROOT, "%.1fx", times) : UNKNOWN;
    }

    /**
     * Time to drain in words: "never" (at the current rates) only for a partition judged LAGGING or STALLED (a small
     * steady lag that rates cannot drain is commit-interval noise, shown as unknown), else the time.
     */
    public static String drain(PartitionLag p) {
        if (p.secondsToDrain() != null) {
            return seconds(p.secondsToDrain());
        }
        return neverDrains(p) ? "never" : UNKNOWN;
    }

    /** The partition's lag is judged to grow and rates do not bring it down. */
    public static boolean neverDrains(PartitionLag p) {
        return p.secondsToDrain() == null && p.lag() != null && p.lag() > 0 && p.status() != GroupStatus.OK;
    }
}
