package dev.highwater.core.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A replay's state after reading each partition p up to {@code positions[p]}, from which a snapshot is cut.
 *
 * <p><b>Invariant</b> (what makes a snapshot-assisted answer equal the full replay's): with D = the distinct
 * events (by account, event id and timestamp) among the records read,
 * <ul>
 *   <li>{@code seen} holds the key of every event of D (in memory, or for a restored state in the store, loaded
 *       per time bucket on demand; a redelivery has its event's timestamp, so its key is in that bucket);</li>
 *   <li>{@code base[a]} = the sum of the signed amounts of a's events of D with timestamp &lt;= {@code cut}, and
 *       {@code baseEvents}/{@code baseDuplicates} count D's events and the redeliveries at or before the cut;</li>
 *   <li>{@code tail} holds exactly D's events with timestamp &gt; cut, {@code tailDuplicates} the timestamps of
 *       redeliveries after it.</li>
 * </ul>
 * So for any T &gt;= cut, balance(a, T) = base[a] + the tail events of a at or before T. Reading on adds each
 * new event to base or tail by its own timestamp (late events included) and its key to {@code seen}; a key
 * already there is a redelivery and changes no balance. Moving the cut forward moves tail events into base.
 * A snapshot is never used for T &lt; cut: it cannot take back what base already holds.
 */
final class LedgerState {

    private static final int MAGIC = 0x48574C53; // "HWLS"
    private static final int VERSION = 1;
    /**
     * Keys are kept by the second of their event's timestamp: a query from a snapshot loads only the seconds
     * the records after it fall in (mostly the last few, plus one per late event).
     */
    static final long BUCKET_MILLIS = 1_000;

    final AccountTable accounts = new AccountTable();
    long[] positions;
    long cut = Long.MIN_VALUE;
    long minTimestamp = Long.MAX_VALUE;
    long maxTimestamp = Long.MIN_VALUE;
    Balances base = new Balances();
    long baseEvents;
    long baseDuplicates;
    final TailEvents tail = new TailEvents();
    final LongList tailDuplicates = new LongList();
    final EventKeys seen = new EventKeys();
    long records;
    long undecodable;
    long unknownType;
    final List<Problem> problems = new ArrayList<>();
    /** Keys first seen since the last snapshot, by bucket: what the next snapshot saves. */
    final Map<Long, LongList> newKeys = new HashMap<>();

    LedgerState(int partitions) {
        positions = new long[partitions];
    }

    static long bucket(long timestamp) {
        return Math.floorDiv(timestamp, BUCKET_MILLIS);
    }

    /** Moves the cut so that about {@code keep} of the newest events stay in the tail. */
    void advanceCut(int keep) {
        if (tail.size <= keep) {
            return;
        }
        long newCut = tail.cutKeeping(keep);
        if (newCut <= cut) {
            return;
        }
        baseEvents += tail.moveAtOrBefore(newCut, base);
        baseDuplicates += tailDuplicates.removeAtOrBelow(newCut);
        cut = newCut;
    }

    // ---------------------------------------------------------------- encoding

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + accounts.size() * 32 + tail.size * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(positions.length);
            for (long p : positions) {
                out.writeLong(p);
            }
            out.writeLong(cut);
            out.writeLong(minTimestamp);
            out.writeLong(maxTimestamp);
            out.writeLong(baseEvents);
            out.writeLong(baseDuplicates);
            out.writeLong(records);
            out.writeLong(undecodable);
            out.writeLong(unknownType);
            out.writeInt(accounts.size());
            for (int a = 0; a < accounts.size(); a++) {
                byte[] id = accounts.idBytes(a);
                out.writeShort(id.length);
                out.write(id);
                writeDecimal(out, base.get(a));
            }
            out.writeInt(tail.size);
            for (int i = 0; i < tail.size; i++) {
                out.writeInt(tail.accounts[i]);
                out.writeLong(tail.timestamps[i]);
                writeDecimal(out, tail.amount(i));
            }
            out.writeInt(tailDuplicates.size);
            for (int i = 0; i < tailDuplicates.size; i++) {
                out.writeLong(tailDuplicates.values[i]);
            }
            out.writeInt(problems.size());
            for (Problem p : problems) {
                out.writeInt(p.partition());
                out.writeLong(p.offset());
                out.writeUTF(p.reason());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeDecimal(DataOutputStream out, BigDecimal d) throws IOException {
        byte[] unscaled = d.unscaledValue().toByteArray();
        out.writeByte(unscaled.length);
        out.write(unscaled);
        out.writeInt(d.scale());
    }

    private static BigDecimal readDecimal(DataInputStream in) throws IOException {
        byte[] unscaled = new byte[in.readUnsignedByte()];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }

    /** @throws IllegalArgumentException when the bytes are not an intact state of this format */
    static LedgerState decode(byte[] data) {
        if (data.length < 16) {
            throw new IllegalArgumentException("the snapshot is cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(data, data.length - 8, 8).getLong()) {
            throw new IllegalArgumentException("the snapshot's checksum does not match its contents");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, data.length - 8))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a ledger snapshot of this version");
            }
            LedgerState s = new LedgerState(in.readInt());
            for (int p = 0; p < s.positions.length; p++) {
                s.positions[p] = in.readLong();
            }
            s.cut = in.readLong();
            s.minTimestamp = in.readLong();
            s.maxTimestamp = in.readLong();
            s.baseEvents = in.readLong();
            s.baseDuplicates = in.readLong();
            s.records = in.readLong();
            s.undecodable = in.readLong();
            s.unknownType = in.readLong();
            int accounts = in.readInt();
            for (int a = 0; a < accounts; a++) {
                byte[] id = new byte[in.readUnsignedShort()];
                in.readFully(id);
                int index = s.accounts.indexOf(id, 0, id.length);
                BigDecimal balance = readDecimal(in);
                if (balance.signum() != 0 || balance.scale() != 0) {
                    s.base.add(index, balance);
                }
            }
            int tail = in.readInt();
            for (int i = 0; i < tail; i++) {
                int account = in.readInt();
                long ts = in.readLong();
                BigDecimal amount = readDecimal(in);
                if (Balances.fitsLong(amount)) {
                    s.tail.add(account, ts, amount.unscaledValue().longValue(), amount.scale(), null);
                } else {
                    s.tail.add(account, ts, 0, 0, amount);
                }
            }
            int dups = in.readInt();
            for (int i = 0; i < dups; i++) {
                s.tailDuplicates.add(in.readLong());
            }
            int problems = in.readInt();
            for (int i = 0; i < problems; i++) {
                s.problems.add(new Problem(in.readInt(), in.readLong(), in.readUTF()));
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the snapshot cannot be read: " + e.getMessage(), e);
        }
    }

    /** The keys first seen since the last snapshot, encoded per bucket; clears them. */
    Map<Long, byte[]> takeNewKeys() {
        Map<Long, byte[]> out = new HashMap<>();
        newKeys.forEach((bucket, list) -> {
            ByteBuffer buf = ByteBuffer.allocate(list.size * 8);
            for (int i = 0; i < list.size; i++) {
                buf.putLong(list.values[i]);
            }
            out.put(bucket, buf.array());
        });
        newKeys.clear();
        return out;
    }

    /** Adds stored keys (pairs of longs) to the seen set. */
    void addStoredKeys(byte[] encoded) {
        ByteBuffer buf = ByteBuffer.wrap(encoded);
        while (buf.remaining() >= 16) {
            seen.add(buf.getLong(), buf.getLong());
        }
    }
}
