package dev.highwater.core.decode;

import java.util.List;

/** Conditions nested far deeper than anyone writes, as pasted or generated input may be: each must be refused. */
public final class TooDeepFilters {

    public static final List<String> ALL = List.of(
            "(".repeat(5_000) + "amount > 1" + ")".repeat(5_000),
            "(".repeat(10_000),
            "!".repeat(100_000) + "sender");

    private TooDeepFilters() {
    }
}
