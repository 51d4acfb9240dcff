package dev.highwater.ui.partitions;

import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;

import java.util.List;

/**
 * Short partition labels: "p10" under the topic's name when a group reads one topic, "p10 · transactions"
 * otherwise, so the partition number is what stays readable in a narrow column.
 */
final class PartitionLabels {

    private PartitionLabels() {
    }

    /** The one topic all these partitions belong to, or null for none or several. */
    static String topic(List<PartitionLag> rows) {
        String topic = null;
        for (PartitionLag p : rows) {
            if (topic == null) {
                topic = p.id().topic();
            } else if (!topic.equals(p.id().topic())) {
                return null;
            }
        }
        return topic;
    }

    /** @param oneTopic the heading already names the topic */
    static String label(PartitionId id, boolean oneTopic) {
        return oneTopic ? "p" + id.partition() : "p" + id.partition() + " · " + id.topic();
    }
}
