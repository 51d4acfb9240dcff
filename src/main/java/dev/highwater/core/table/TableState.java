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
    /** Well under half of a G1 region, so that a chunk is never a humongous object in a small heap. */
    private static final int CHUNK = 256 * 1024;
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
     * The state as chunks of about 256 KB, each holding whole entries, made as they are taken from the state
     * itself (nothing copied): the first holds the positions, the cut, the count of records and of keys; an entry
     * is a key's winning record or a late one.
     */
    Iterator<byte[]> encode() {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 + positions.length * 8 + 16 + 4);
        head.putInt(MAGIC).putInt(positions.length);
        for (long p : positions) {
            head.putLong(p);
        }
        head.putLong(cut).putLong(records).putInt(keys.size());
        int slots = keys.slots();
        int total = slots + late.size;
        return new Iterator<>() {
            private boolean headDone;
            private int next = skipEmpty(0);

            private int skipEmpty(int from) {
                int i = from;
                while (i < slots && !keys.held(i)) {
                    i++;
                }
                return i;
            }

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
                    boolean isLate = next >= slots;
                    int i = isLate ? next - slots : next;
                    byte[] k = isLate ? late.keys[i] : keys.key(i);
                    byte[] v = isLate ? late.values[i] : keys.value(i);
                    byte[] c = isLate ? late.contentTypes[i] : keys.contentType(i);
                    int size = 1 + 4 + 8 + 8 + 4 + k.length + 4 + (v == null ? 0 : v.length) + 4
                            + (c == null ? 0 : c.length);
                    if (b.position() > 0 && b.remaining() < size) {
                        break;
                    }
                    if (b.remaining() < size) {
                        b = ByteBuffer.allocate(size);
                    }
                    b.put(isLate ? LATE : KEY);
                    b.putInt(isLate ? late.partitions[i] : keys.partition(i));
                    b.putLong(isLate ? late.offsets[i] : keys.offset(i));
                    b.putLong(isLate ? late.timestamps[i] : keys.timestamp(i));
                    b.putInt(k.length).put(k);
                    b.putInt(v == null ? -1 : v.length);
                    if (v != null) {
                        b.put(v);
                    }
                    b.putInt(c == null ? -1 : c.length);
                    if (c != null) {
                        b.put(c);
                    }
                    next = isLate ? next + 1 : skipEmpty(next + 1);
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
                long[] positions = new long[partitions];
                for (int p = 0; p < partitions; p++) {
                    positions[p] = b.getLong();
                }
                long cut = b.getLong();
                long records = b.getLong();
                state = new TableState(partitions, b.getInt());
                System.arraycopy(positions, 0, state.positions, 0, partitions);
                state.cut = cut;
                state.records = records;
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
