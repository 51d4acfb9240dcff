package dev.highwater.core.table;

import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.ledger.ReplayStats;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A keyed topic's state at an instant: every key's latest value (tombstoned keys left out), sorted by the key's
 * bytes (unsigned), in parallel arrays that share the bytes read from the topic. Values stay bytes: they are decoded
 * only when shown, and stay where the fold put them (the state's shared chunks) until they are read.
 */
public final class TableAt {

    private final String topic;
    private final Instant at;
    private final byte[][] keys;
    private final KeyState.Values values;
    private final long[] valueWords;
    private final int[] partitions;
    private final long[] offsets;
    private final long[] timestamps;
    private final byte[][] contentTypes;
    private final ReplayStats stats;
    private final List<String> notes;

    private TableAt(String topic, Instant at, int size, KeyState.Values values, ReplayStats stats,
            List<String> notes) {
        this.topic = topic;
        this.at = at;
        this.keys = new byte[size][];
        this.values = values;
        this.valueWords = new long[size];
        this.partitions = new int[size];
        this.offsets = new long[size];
        this.timestamps = new long[size];
        this.contentTypes = new byte[size][];
        this.stats = stats;
        this.notes = List.copyOf(notes);
    }

    /**
     * The live keys of {@code state}, sorted. The keys' arrays are sorted as objects (no index boxed per key) and
     * each found again in the state: a million keys need little more than the answer's own arrays.
     */
    static TableAt of(String topic, Instant at, KeyState state, ReplayStats stats, List<String> notes) {
        int live = state.size() - state.tombstones();
        byte[][] sorted = new byte[live][];
        int n = 0;
        for (int slot = 0; slot < state.slots(); slot++) {
            if (state.held(slot) && state.hasValue(slot)) {
                sorted[n++] = state.key(slot);
            }
        }
        Arrays.sort(sorted, Arrays::compareUnsigned);
        TableAt table = new TableAt(topic, at, live, state.values(), stats, notes);
        for (int i = 0; i < live; i++) {
            int slot = state.slotOf(sorted[i]);
            table.keys[i] = sorted[i];
            table.valueWords[i] = state.valueWord(slot);
            table.partitions[i] = state.partition(slot);
            table.offsets[i] = state.offset(slot);
            table.timestamps[i] = state.timestamp(slot);
            table.contentTypes[i] = state.contentType(slot);
        }
        return table;
    }

    public String topic() {
        return topic;
    }

    public Instant at() {
        return at;
    }

    /** Keys with a value at the instant. */
    public int size() {
        return keys.length;
    }

    /** The key's bytes; not a copy, not to be changed. */
    public byte[] key(int i) {
        return keys[i];
    }

    /** The value's bytes, copied out of the chunk that holds them (a large value: not a copy, not to be changed). */
    public byte[] value(int i) {
        return values.value(valueWords[i]);
    }

    public int partition(int i) {
        return partitions[i];
    }

    public long offset(int i) {
        return offsets[i];
    }

    /** The record's timestamp, epoch milliseconds. */
    public long timestamp(int i) {
        return timestamps[i];
    }

    /** The value of the record's content-type header, or null when it had none. */
    public byte[] contentType(int i) {
        return contentTypes[i];
    }

    /** The key's record as a decoder takes it, its content-type header included. */
    public RawRecord record(int i) {
        byte[] c = contentTypes[i];
        return new RawRecord(topic, partitions[i], offsets[i], timestamps[i], keys[i], value(i),
                c == null ? List.of() : List.of(new RawRecord.Header("content-type", c)));
    }

    /** Where the key is, or a negative number when it has no value at the instant. */
    public int indexOf(byte[] key) {
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(keys[mid], key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Where the key given as text (UTF-8) is, or a negative number. */
    public int indexOf(String key) {
        return indexOf(key.getBytes(StandardCharsets.UTF_8));
    }

    /** How the question was answered: records read, the snapshot it started from, snapshots saved, time. */
    public ReplayStats stats() {
        return stats;
    }

    /** What the reader should know (snapshots set aside, records without a key left out). */
    public List<String> notes() {
        return notes;
    }
}
