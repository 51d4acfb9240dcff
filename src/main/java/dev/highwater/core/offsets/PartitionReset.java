package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;

/**
 * One partition's line in a reset preview.
 *
 * @param partition the partition
 * @param current   the committed offset now, or null when the group never committed on it
 * @param earliest  the log's first offset
 * @param latest    the log's end offset
 * @param target    the offset the reset commits
 * @param clamped   whether the offset asked for lay outside the log and the target is the log's edge instead
 * @param note      why the target differs from what was asked (clamped, no record after an instant), or empty
 */
public record PartitionReset(PartitionId partition, Long current, long earliest, long latest, long target,
                             Clamp clamped, String note) {

    /** Where an offset outside the log was moved to. */
    public enum Clamp {
        /** The offset asked for is in the log. */
        NONE,
        /** It was before the earliest offset: the earliest offset instead. */
        START,
        /** It was past the end of the log: the end instead. */
        END
    }

    /** Records the group will read again (positive) or skip (negative); null with no current offset. */
    public Long change() {
        return current == null ? null : current - target;
    }

    /** The lag the group will have after the reset. */
    public long lagAfter() {
        return latest - target;
    }
}
