package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses a ledger amount: an ASCII decimal string, digits with at most one point and digits after it ("100",
 * "100.50"), with at most {@link #MAX_INTEGER_DIGITS} digits before the point and {@link #MAX_SCALE} after it.
 * Nothing else is an amount: no sign (the event type says which way money moves, so "-50.00" on a credit is a
 * problem, not a debit), no exponent, no blanks, no digits of other scripts. The bounds keep every amount a
 * ledger can mean while refusing forms like {@code 1e-50000000} whose arithmetic would never end. Made into
 * {@code units} at {@code scale} without a BigDecimal when it fits a long ("100.50" is 10050 at scale 2).
 */
final class Amount {

    static final int MAX_SCALE = 18;
    static final int MAX_INTEGER_DIGITS = 30;
    /** What the README and problem reasons say is accepted. */
    static final String ACCEPTED = "an ASCII decimal such as 100.50: digits, at most " + MAX_INTEGER_DIGITS
            + " before the point and " + MAX_SCALE + " after it, no sign or exponent";

    long units;
    int scale;
    /** Set instead of units/scale when the amount does not fit a long. */
    BigDecimal big;

    /** @return null when the bytes are an amount, else why not, in a few words */
    String parse(byte[] b, int off, int len) {
        big = null;
        int end = off + len;
        if (len == 0) {
            return "is empty";
        }
        if (b[off] == '-') {
            return "is negative: a credit or debit carries a positive amount and its type says which way it moves";
        }
        long value = 0;
        int digits = 0;
        int integerDigits = 0;
        int fraction = -1;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (fraction >= 0) {
                    fraction++;
                } else if (integerDigits > 0 || c != '0') {
                    integerDigits++;
                }
                if (digits <= 18) {
                    value = value * 10 + (c - '0');
                }
            } else if (c == '.' && fraction < 0 && digits > 0) {
                fraction = 0;
            } else {
                return "is not " + ACCEPTED;
            }
        }
        if (fraction == 0) {
            return "is not " + ACCEPTED;
        }
        if (integerDigits > MAX_INTEGER_DIGITS || fraction > MAX_SCALE) {
            return "has more digits than a ledger amount may have (" + ACCEPTED + ")";
        }
        scale = Math.max(fraction, 0);
        if (digits <= 18) {
            units = value;
        } else {
            StringBuilder unscaled = new StringBuilder(digits);
            for (int i = off; i < end; i++) {
                if (b[i] != '.') {
                    unscaled.append((char) b[i]);
                }
            }
            BigDecimal exact = new BigDecimal(new BigInteger(unscaled.toString()), scale);
            // one form per value (a long when it fits), so equal amounts compare equal wherever they were read
            if (Balances.fitsLong(exact)) {
                units = exact.unscaledValue().longValueExact();
            } else {
                big = exact;
                units = 0;
            }
        }
        return null;
    }

    BigDecimal toBigDecimal() {
        return big != null ? big : BigDecimal.valueOf(units, scale);
    }

    static String text(byte[] b, int off, int len) {
        String s = new String(b, off, Math.min(len, 60), StandardCharsets.UTF_8);
        return len > 60 ? s + "…" : s;
    }
}
