package dev.highwater.core.ledger;

/**
 * How a query was answered.
 *
 * @param recordsRead      records read from the topic by this query
 * @param fromSnapshot     the snapshot it started from (its seq), or 0 for a replay from the beginning
 * @param snapshotsWritten snapshots cut while reading
 * @param seconds          wall time of the query
 */
public record ReplayStats(long recordsRead, long fromSnapshot, int snapshotsWritten, double seconds) {
}
