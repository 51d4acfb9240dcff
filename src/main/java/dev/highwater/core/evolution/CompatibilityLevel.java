package dev.highwater.core.evolution;

import java.util.Locale;

/**
 * A subject's compatibility level as a registry states it. BACKWARD: the new schema reads data written with the
 * registered one; FORWARD: the registered schema reads data written with the new one; FULL: both. The plain levels
 * compare with the latest version, the _TRANSITIVE ones with every version. NONE checks nothing.
 */
public enum CompatibilityLevel {
    BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE;

    /** The level of a registry's answer; IllegalArgumentException names the levels when it is none of them. */
    public static CompatibilityLevel of(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (CompatibilityLevel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a compatibility level (BACKWARD, FORWARD, FULL, "
                + "their _TRANSITIVE forms, or NONE)");
    }

    /** Whether every registered version counts, not only the latest. */
    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Whether the new schema must read the registered versions' data. */
    public boolean backward() {
        return this == NONE || name().startsWith("BACKWARD") || name().startsWith("FULL");
    }

    /** Whether the registered versions must read the new schema's data. */
    public boolean forward() {
        return this == NONE || name().startsWith("FORWARD") || name().startsWith("FULL");
    }
}
