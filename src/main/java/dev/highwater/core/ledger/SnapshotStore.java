package dev.highwater.core.ledger;

import java.util.List;
import java.util.Map;

/**
 * Where replay snapshots outlive the process. Implementations keep each {@link #save} all or nothing, and are
 * not called on the UI thread.
 */
public interface SnapshotStore extends AutoCloseable {

    /** A store that keeps nothing: every query is a full replay. */
    SnapshotStore NONE = new SnapshotStore() {
        @Override
        public boolean keeps() {
            return false;
        }

        public List<SnapshotInfo> list(String topic) {
            return List.of();
        }

        public byte[] state(String topic, long seq) {
            throw new IllegalStateException("no snapshots are kept");
        }

        public void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket) {
        }

        public List<byte[]> keys(String topic, long uptoSeq, long bucket) {
            return List.of();
        }

        public void deleteAll(String topic) {
        }

        public String openingNotice() {
            return null;
        }

        public void close() {
        }
    };

    /** False for a store that keeps nothing, so a replay does not even cut snapshots. */
    default boolean keeps() {
        return true;
    }

    /** The topic's snapshots, oldest first. */
    List<SnapshotInfo> list(String topic);

    /** The encoded state of one snapshot. */
    byte[] state(String topic, long seq);

    /** Keeps a snapshot with its state and the keys of the events first seen since the previous one, atomically. */
    void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket);

    /** The encoded keys of one time bucket, saved with snapshots 1..uptoSeq. */
    List<byte[]> keys(String topic, long uptoSeq, long bucket);

    void deleteAll(String topic);

    /**
     * What happened to the store, while opening or since (an unreadable file set aside, say), or null; a replay
     * reports each notice once, and one that appears during a query as what went wrong with it.
     */
    String openingNotice();

    @Override
    void close();
}
