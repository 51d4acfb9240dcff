package dev.highwater.core.serve;

import java.math.BigDecimal;
import java.time.Duration;

/** How the lag service words durations and reasons in its lines. */
final class ServeText {

    private ServeText() {
    }

    /** "10 s", "0.5 s". */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    static String withoutPeriod(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
