package dev.highwater.ui.messages;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.lag.OffsetsSource;
import dev.highwater.core.lag.OffsetsSources;
import dev.highwater.core.lag.PartitionId;

import java.util.List;
import java.util.Set;

/**
 * Reads which consumer groups committed offsets on a partition's topic, for skipping a record; called off the UI
 * thread. A failure is a RuntimeException whose message is one sentence.
 */
@FunctionalInterface
public interface CommittedGroups {
    List<SkipChoice> on(PartitionId partition);

    /** From one read of every group's offsets on the topic, through the cluster's offsets source. */
    static CommittedGroups of(OffsetsSources offsets, ClientSettings cluster) {
        return partition -> {
            try (OffsetsSource source = offsets.on(cluster)) {
                return SkipChoice.from(source.read(Set.of(), Set.of(partition.topic())), partition);
            }
        };
    }
}
