package dev.highwater.ui.messages;

import dev.highwater.core.lag.OffsetsSnapshot;
import dev.highwater.core.lag.PartitionId;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A consumer group a record may be skipped for: one that committed offsets on the record's topic, with where it
 * stands on the record's partition, so the user sees which group the record holds up.
 *
 * @param committed the group's committed offset on the record's partition, or null when it has none there
 */
public record SkipChoice(String group, String state, int members, Long committed) {

    /**
     * The groups of a snapshot that committed on the topic, by name. A snapshot the cluster did not answer is an
     * IllegalStateException with its sentence.
     */
    public static List<SkipChoice> from(OffsetsSnapshot snapshot, PartitionId partition) {
        if (!snapshot.connected()) {
            throw new IllegalStateException(snapshot.error());
        }
        return snapshot.groups().stream()
                .filter(g -> g.committed().keySet().stream().anyMatch(p -> p.topic().equals(partition.topic())))
                .map(g -> new SkipChoice(g.groupId(), g.state(), g.members().size(), g.committed().get(partition)))
                .sorted(Comparator.comparing(SkipChoice::group))
                .toList();
    }

    /** "billing: committed at 41, this record · Empty", for the list the user picks from. */
    public String label(PartitionId partition, long offset) {
        String where;
        if (committed == null) {
            where = "no committed offset on partition " + partition.partition();
        } else if (committed == offset) {
            where = "committed at " + committed + ", this record: it stops here";
        } else if (committed > offset) {
            where = "committed at " + committed + ", past this record";
        } else {
            where = String.format(Locale.ROOT, "committed at %d, %,d record%s before this one", committed,
                    offset - committed, offset - committed == 1 ? "" : "s");
        }
        return group + ": " + where + " · " + state + (members == 0 ? ""
                : members == 1 ? ", 1 active member" : ", " + members + " active members");
    }
}
