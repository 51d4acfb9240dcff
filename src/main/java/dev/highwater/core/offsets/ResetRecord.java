package dev.highwater.core.offsets;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One executed offset reset, as the reset history keeps it: when, which group, where its offsets went, and the
 * file that holds the offsets it had before, which puts them back.
 *
 * @param at       when the reset was applied
 * @param group    the consumer group
 * @param target   where the offsets went, in words ({@link ResetTarget#describe()})
 * @param moved    how many partitions' offsets changed
 * @param undoFile the group's previous offsets, in the CSV {@code kafka-consumer-groups --reset-offsets
 *                 --from-file} reads ({@link UndoCsv})
 * @param cluster  the bootstrap servers the reset went to, for the command that undoes it; null in a history
 *                 written before they were kept
 */
public record ResetRecord(Instant at, String group, String target, long moved, Path undoFile, String cluster) {
}
