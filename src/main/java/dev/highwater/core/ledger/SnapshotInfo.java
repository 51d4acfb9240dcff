package dev.highwater.core.ledger;

/**
 * What a stored snapshot is a cut of: a topic (by name and Kafka topic id) read up to {@code positions} (the
 * next offset per partition), folded exactly for any instant at or after {@code cut} (epoch millis).
 *
 * @param seq its place in the topic's chain of snapshots, 1 first; a snapshot's seen-event keys are stored as
 *            the keys first seen since the one before, so snapshot n needs 1..n
 */
public record SnapshotInfo(String topic, long seq, String topicId, long[] positions, long cut, long records,
                           long createdAtMillis) {

    public SnapshotInfo {
        positions = positions.clone();
    }

    @Override
    public long[] positions() {
        return positions.clone();
    }

    /** Why this snapshot does not fit the topic as it is now, or null when it does. */
    public String misfit(LedgerTopic now) {
        if (!topic.equals(now.name())) {
            return "it was taken of topic " + topic;
        }
        if (!topicId.equals(now.topicId())) {
            return "the topic was deleted and created again since";
        }
        if (positions.length != now.partitions()) {
            return "the topic had " + positions.length + " partitions and now has " + now.partitions();
        }
        for (int p = 0; p < positions.length; p++) {
            if (positions[p] > now.endOffsets()[p]) {
                return "partition " + p + " ends at offset " + now.endOffsets()[p] + " but the snapshot read up to "
                        + positions[p];
            }
            if (positions[p] < now.startOffsets()[p]) {
                return "partition " + p + " no longer holds the records after offset " + positions[p];
            }
        }
        return null;
    }
}
