package dev.highwater.core.ledger;

import java.math.BigDecimal;

/**
 * Parses a decimal amount's text without making a BigDecimal when it fits a long: {@code units} at
 * {@code scale} (so "100.50" is 10050 at scale 2). Longer or exotic forms ("1E+3") fall back to an exact
 * BigDecimal; anything else is not a number.
 */
final class Amount {

    static final int MAX_SCALE = 18;

    long units;
    int scale;
    /** Set instead of units/scale when the amount does not fit a long or has an exponent. */
    BigDecimal big;

    /** @return true when the bytes are a decimal number */
    boolean parse(byte[] b, int off, int len) {
        big = null;
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        long value = 0;
        int significant = 0;
        int fraction = -1;
        boolean sawDigit = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (value != 0 || c != '0') {
                    significant++;
                }
                if (fraction >= 0) {
                    fraction++;
                }
                if (significant > 18 || fraction > MAX_SCALE) {
                    return slow(b, off, len);
                }
                value = value * 10 + (c - '0');
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return slow(b, off, len);
            }
        }
        if (!sawDigit || fraction == 0) {
            return slow(b, off, len);
        }
        units = negative ? -value : value;
        scale = Math.max(fraction, 0);
        return true;
    }

    private boolean slow(byte[] b, int off, int len) {
        String text = new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8);
        try {
            BigDecimal d = new BigDecimal(text);
            if (d.scale() < 0) {
                d = d.setScale(0);
            }
            big = d;
            return true;
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }

    BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(units, scale);
    }
}
