package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Exact balances of accounts by index: a long of minor units at the account's own scale (the largest scale of
 * its amounts), moving to a BigDecimal for an account only when a sum no longer fits a long. Long arithmetic
 * keeps the fold fast; the fallback keeps it exact.
 */
final class Balances {

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private long[] units = new long[1024];
    private byte[] scales = new byte[1024];
    private BigDecimal[] big; // only once some account overflows

    Balances() {
    }

    private Balances(long[] units, byte[] scales, BigDecimal[] big) {
        this.units = units;
        this.scales = scales;
        this.big = big;
    }

    Balances copy() {
        return new Balances(units.clone(), scales.clone(), big == null ? null : big.clone());
    }

    private void ensure(int account) {
        if (account >= units.length) {
            int n = Math.max(account + 1, units.length * 2);
            units = Arrays.copyOf(units, n);
            scales = Arrays.copyOf(scales, n);
            if (big != null) {
                big = Arrays.copyOf(big, n);
            }
        }
    }

    /** Adds a signed amount of {@code amountUnits} at {@code amountScale}, or {@code exact} when not null. */
    void add(int account, long amountUnits, int amountScale, BigDecimal exact) {
        ensure(account);
        if (exact == null && (big == null || big[account] == null)) {
            int s = scales[account];
            try {
                if (amountScale == s) {
                    units[account] = Math.addExact(units[account], amountUnits);
                    return;
                }
                if (amountScale < s) {
                    units[account] = Math.addExact(units[account],
                            Math.multiplyExact(amountUnits, POW10[s - amountScale]));
                    return;
                }
                long rescaled = Math.multiplyExact(units[account], POW10[amountScale - s]);
                units[account] = Math.addExact(rescaled, amountUnits);
                scales[account] = (byte) amountScale;
                return;
            } catch (ArithmeticException overflow) {
                // falls through to the exact path
            }
        }
        if (big == null) {
            big = new BigDecimal[units.length];
        }
        BigDecimal current = big[account] != null ? big[account] : BigDecimal.valueOf(units[account], scales[account]);
        big[account] = current.add(exact != null ? exact : BigDecimal.valueOf(amountUnits, amountScale));
    }

    void add(int account, BigDecimal amount) {
        if (fitsLong(amount)) {
            add(account, amount.unscaledValue().longValue(), amount.scale(), null);
        } else {
            add(account, 0, 0, amount);
        }
    }

    static boolean fitsLong(BigDecimal d) {
        return d.scale() >= 0 && d.scale() <= 18 && d.unscaledValue().bitLength() < 63;
    }

    BigDecimal get(int account) {
        if (account >= units.length) {
            return BigDecimal.ZERO;
        }
        if (big != null && big[account] != null) {
            return big[account];
        }
        return BigDecimal.valueOf(units[account], scales[account]);
    }

    /** Every balance of accounts 0..count-1 added into {@code target}. */
    void addAllTo(Balances target, int count) {
        for (int a = 0; a < count; a++) {
            if (big != null && big[a] != null) {
                target.add(a, big[a]);
            } else if (a < units.length && units[a] != 0) {
                target.add(a, units[a], scales[a], null);
            }
        }
    }
}
