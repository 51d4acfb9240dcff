package dev.highwater.ui;

import java.math.BigDecimal;

/** An exact decimal for reading: thousands grouped, every digit kept (never rounded for display). */
public final class GroupedDecimal {

    private GroupedDecimal() {
    }

    public static String of(BigDecimal value) {
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
}
