package dev.highwater.ui.partitions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the charts' axes step and label their ticks, apart from the chart library so it can be checked alone:
 * round steps (1, 2, 5 times a power of ten; whole seconds, minutes and hours on the time axis), and one number
 * format for every tick of an axis, so "5,000" never stands next to "10 k".
 */
final class AxisTicks {

    /** Time steps in seconds; beyond the last, whole multiples of it. */
    private static final double[] TIME_STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
            3600, 7200, 10800, 21600, 43200, 86400};

    private AxisTicks() {
    }

    /** The smallest round step of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double numberStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The smallest whole-clock step in seconds (0.1 s … 1 day) that is at least {@code rawSeconds}. */
    static double timeStep(double rawSeconds) {
        if (rawSeconds < TIME_STEPS[0]) {
            return numberStep(rawSeconds);
        }
        for (double step : TIME_STEPS) {
            if (step >= rawSeconds) {
                return step;
            }
        }
        double day = TIME_STEPS[TIME_STEPS.length - 1];
        return Math.ceil(rawSeconds / day) * day;
    }

    /** The largest whole-clock step in seconds that is at most {@code seconds}: a span that long holds a tick. */
    static double timeStepAtMost(double seconds) {
        if (seconds < TIME_STEPS[0]) {
            double power = Math.pow(10, Math.floor(Math.log10(seconds)));
            return seconds >= 5 * power ? 5 * power : seconds >= 2 * power ? 2 * power : power;
        }
        double day = TIME_STEPS[TIME_STEPS.length - 1];
        if (seconds >= day) {
            return Math.floor(seconds / day) * day;
        }
        double best = TIME_STEPS[0];
        for (double step : TIME_STEPS) {
            if (step <= seconds) {
                best = step;
            }
        }
        return best;
    }

    /** A time tick: "14:20:30", with tenths when ticks are under a second apart ("14:20:30.5"). */
    static String clock(double epochSeconds, double step, ZoneId zone) {
        String pattern = step < 1 ? "HH:mm:ss.S" : "HH:mm:ss";
        return DateTimeFormatter.ofPattern(pattern).withZone(zone)
                .format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000)));
    }

    /** The widest label {@link #clock} makes at this step, for spacing ticks so their labels never touch. */
    static String widestClock(double step) {
        return step < 1 ? "00:00:00.0" : "00:00:00";
    }

    /**
     * One format for all the ticks of a number axis: the same unit ("k" from 10,000 on, "M" from a million) and
     * the same decimals on every tick, chosen from the largest tick and the step between ticks.
     */
    record NumberFormat(double divisor, String suffix, int decimals) {

        static final NumberFormat PLAIN = new NumberFormat(1, "", 0);

        static NumberFormat forTicks(double step, double largest) {
            double top = Math.abs(largest);
            double divisor = top >= 1_000_000 ? 1_000_000 : top >= 10_000 ? 1_000 : 1;
            String suffix = divisor == 1_000_000 ? "M" : divisor == 1_000 ? "k" : "";
            int decimals = 0;
            double scaled = step > 0 && Double.isFinite(step) ? step / divisor : 1;
            while (decimals < 6 && Math.abs(scaled * Math.pow(10, decimals)
                    - Math.rint(scaled * Math.pow(10, decimals))) > 1e-6) {
                decimals++;
            }
            return new NumberFormat(divisor, suffix, decimals);
        }

        String format(double value) {
            if (value == 0) {
                return "0";
            }
            String number = String.format(Locale.ROOT, "%,." + decimals + "f", value / divisor);
            return suffix.isEmpty() ? number : number + " " + suffix;
        }
    }
}
