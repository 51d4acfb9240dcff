package dev.highwater.core.offsets;

import dev.highwater.core.lag.PartitionId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where an offset reset moves a group's committed offsets, as kafka-consumer-groups offers it. */
public sealed interface ResetTarget {

    /** In words, for previews and confirmations. */
    String describe();

    /** The first offset still in the log. */
    record Earliest() implements ResetTarget {
        public String describe() {
            return "to the earliest offset";
        }
    }

    /** The end of the log: the group skips everything not yet consumed. */
    record Latest() implements ResetTarget {
        public String describe() {
            return "to the latest offset";
        }
    }

    /** One offset for every partition (clamped to what the log holds). */
    record ToOffset(long offset) implements ResetTarget {
        public String describe() {
            return "to offset " + offset;
        }
    }

    /** The first record at or after an instant; the end of the log where there is none. */
    record ToInstant(Instant at) implements ResetTarget {
        public String describe() {
            return "to the first record at or after " + at;
        }
    }

    /** The current committed offset moved by a signed amount (clamped to what the log holds). */
    record ShiftBy(long delta) implements ResetTarget {
        public String describe() {
            return "shifted by " + (delta >= 0 ? "+" : "") + delta;
        }
    }

    /**
     * Each listed partition to its own offset (clamped to what the log holds), as an undo file or
     * {@code kafka-consumer-groups --from-file} lists them; only these partitions are reset.
     *
     * @param offsets the offset per partition, in the file's order
     * @param source  where the offsets come from, for {@link #describe()}: "in undo.csv"
     */
    record ToOffsets(Map<PartitionId, Long> offsets, String source) implements ResetTarget {
        public ToOffsets {
            offsets = Collections.unmodifiableMap(new LinkedHashMap<>(offsets));
        }

        public String describe() {
            return "to the offsets " + source;
        }
    }
}
