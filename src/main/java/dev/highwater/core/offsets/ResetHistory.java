package dev.highwater.core.offsets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The resets executed from this app, kept in its data folder so that each can be undone and an incident report
 * can list them. Every reset that executes first saves the group's previous offsets ({@link #keepBefore}), then
 * applies the plan. Implementations must not be called on the UI thread; failures are a {@link ResetException}
 * whose message says what to do.
 */
public interface ResetHistory {

    /**
     * Saves the offsets the plan's group has now (its {@code current} offsets; partitions it never committed on
     * are left out, as the CSV cannot say "no offset") to a new undo file and records the reset as applied at
     * {@code at} on {@code cluster} (its bootstrap servers). Called just before the plan is applied.
     */
    ResetRecord keepBefore(ResetPlan plan, String cluster, Instant at);

    /** The resets of a group from {@code from} to {@code to} (both inclusive), oldest first. */
    List<ResetRecord> between(String group, Instant from, Instant to);

    /** The newest reset of a group, if any. */
    Optional<ResetRecord> last(String group);
}
