package dev.highwater.core.table;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A keyed topic read up to {@code positions} (the next offset per partition): the winning record of every key
 * among those stamped at or before {@code cut}, and the records stamped after it kept apart. It answers exactly
 * for any instant at or after the cut, which is what a snapshot of it is good for.
 */
final class TableState {

    private static final int MAGIC = 0x48575431; // "HWT1"
    private static final int CHUNK = 1 << 20;
    private static final byte KEY = 0;
    private static final byte LATE = 1;

    final long[] positions;
    long cut;
    long records;
    final KeyState keys;
    final LateRecords late = new LateRecords();

    TableState(int partitions, int expectedKeys) {
        this.positions = new long[partitions];
        this.cut = Long.MIN_VALUE;
        this.keys = new KeyState(expectedKeys);
    }

    /**
     * The state as chunks of about a megabyte, each holding whole entries, made as they are taken: the first
     * holds the positions, the cut and the count of records; an entry is a key's winning record or a late one.
     */
    Iterator<byte[]> encode() {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 + positions.length * 8 + 16);
        head.putInt(MAGIC).putInt(positions.length);
        for (long p : positions) {
            head.putLong(p);
        }
        head.putLong(cut).putLong(records);
        // the entries are gathered in one pass over the arrays, a chunk at a time
        byte[][] keyArr = new byte[keys.size()][];
        byte[][] valArr = new byte[keys.size()][];
        int[] parts = new int[keys.size()];
        long[] offs = new long[keys.size()];
        long[] stamps = new long[keys.size()];
        byte[][] types = new byte[keys.size()][];
        int[] n = {0};
        keys.forEach((k, p, o, t, v, c) -> {
            int i = n[0]++;
            types[i] = c;
            keyArr[i] = k;
            valArr[i] = v;
            parts[i] = p;
            offs[i] = o;
            stamps[i] = t;
        });
        int total = keys.size() + late.size;
        return new Iterator<>() {
            private boolean headDone;
            private int next;

            @Override
            public boolean hasNext() {
                return !headDone || next < total;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (!headDone) {
                    headDone = true;
                    return head.array();
                }
                ByteBuffer b = ByteBuffer.allocate(CHUNK);
                while (next < total) {
                    boolean isLate = next >= keyArr.length;
                    int i = isLate ? next - keyArr.length : next;
                    byte[] k = isLate ? late.keys[i] : keyArr[i];
                    byte[] v = isLate ? late.values[i] : valArr[i];
                    byte[] c = isLate ? late.contentTypes[i] : types[i];
                    int size = 1 + 4 + 8 + 8 + 4 + k.length + 4 + (v == null ? 0 : v.length) + 4
                            + (c == null ? 0 : c.length);
                    if (b.position() > 0 && b.remaining() < size) {
                        break;
                    }
                    if (b.remaining() < size) {
                        b = ByteBuffer.allocate(size);
                    }
                    b.put(isLate ? LATE : KEY);
                    b.putInt(isLate ? late.partitions[i] : parts[i]);
                    b.putLong(isLate ? late.offsets[i] : offs[i]);
                    b.putLong(isLate ? late.timestamps[i] : stamps[i]);
                    b.putInt(k.length).put(k);
                    b.putInt(v == null ? -1 : v.length);
                    if (v != null) {
                        b.put(v);
                    }
                    b.putInt(c == null ? -1 : c.length);
                    if (c != null) {
                        b.put(c);
                    }
                    next++;
                }
                byte[] out = new byte[b.position()];
                b.flip().get(out);
                return out;
            }
        };
    }

    /** Rebuilds a state from its chunks, fed in order; the last call to {@link #chunk} leaves it whole. */
    static final class Decoder {
        private final ContentTypes contentTypes = new ContentTypes();
        private TableState state;

        void chunk(byte[] chunk) {
            ByteBuffer b = ByteBuffer.wrap(chunk);
            if (state == null) {
                if (b.getInt() != MAGIC) {
                    throw new IllegalArgumentException("it is not a saved table state");
                }
                int partitions = b.getInt();
                state = new TableState(partitions, 16);
                for (int p = 0; p < partitions; p++) {
                    state.positions[p] = b.getLong();
                }
                state.cut = b.getLong();
                state.records = b.getLong();
                return;
            }
            while (b.hasRemaining()) {
                byte kind = b.get();
                int partition = b.getInt();
                long offset = b.getLong();
                long timestamp = b.getLong();
                byte[] key = new byte[b.getInt()];
                b.get(key);
                byte[] value = bytesOrNull(b);
                byte[] contentType = contentTypes.intern(bytesOrNull(b));
                if (kind == LATE) {
                    state.late.add(key, partition, offset, timestamp, value, contentType);
                } else {
                    state.keys.offer(key, partition, offset, timestamp, value, contentType);
                }
            }
        }

        private static byte[] bytesOrNull(ByteBuffer b) {
            int len = b.getInt();
            if (len < 0) {
                return null;
            }
            byte[] out = new byte[len];
            b.get(out);
            return out;
        }

        TableState state() {
            if (state == null) {
                throw new IllegalArgumentException("the saved table state is empty");
            }
            return state;
        }
    }
}
