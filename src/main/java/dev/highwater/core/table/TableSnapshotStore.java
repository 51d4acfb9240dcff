package dev.highwater.core.table;

import dev.highwater.core.ledger.SnapshotInfo;

import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the states of keyed topics at a cut outlive the process. Unlike a ledger's snapshots, which form a chain
 * (each keeps only the event ids first seen since the one before), each of these is whole: a key's state replaces
 * the one before it, so a snapshot never needs its elders, and any one of them can be dropped. A state is stored
 * as a run of chunks so that neither saving nor restoring a million keys needs them in one array. Implementations
 * keep each {@link #save} all or nothing and are not called on the UI thread.
 */
public interface TableSnapshotStore extends AutoCloseable {

    /** A store that keeps nothing: every question reads the topic from its first record. */
    TableSnapshotStore NONE = new TableSnapshotStore() {
        @Override
        public boolean keeps() {
            return false;
        }

        @Override
        public List<SnapshotInfo> list(String topic) {
            return List.of();
        }

        @Override
        public void save(SnapshotInfo info, Iterator<byte[]> chunks) {
        }

        @Override
        public void read(String topic, long seq, Consumer<byte[]> chunks) {
            throw new IllegalStateException("no snapshots are kept");
        }

        @Override
        public void delete(String topic, long seq) {
        }

        @Override
        public void deleteAll(String topic) {
        }

        @Override
        public String openingNotice() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    /** False for a store that keeps nothing, so a question does not even encode its state. */
    default boolean keeps() {
        return true;
    }

    /** The topic's snapshots, by sequence number. */
    List<SnapshotInfo> list(String topic);

    /** Keeps a snapshot and its chunks, taken from the iterator as they are written, atomically. */
    void save(SnapshotInfo info, Iterator<byte[]> chunks);

    /** Hands the chunks of one snapshot over in the order they were saved. */
    void read(String topic, long seq, Consumer<byte[]> chunks);

    void delete(String topic, long seq);

    void deleteAll(String topic);

    /** What happened to the store, while opening or since (an unreadable file set aside, say), or null. */
    String openingNotice();

    @Override
    void close();
}
