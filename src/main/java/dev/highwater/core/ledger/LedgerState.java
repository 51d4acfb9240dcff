package dev.highwater.core.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A replay's state after reading each partition p up to {@code positions[p]}, from which a snapshot is cut.
 *
 * <p><b>Invariant</b> (what makes a snapshot-assisted answer equal the full replay's): with D = the events used,
 * one per event id (the id's earliest record, see {@link EventTable.Variant#precedes}), among the records read,
 * <ul>
 *   <li>{@code seen} holds every id with the content of its event in D, and {@code conflicts} the other distinct
 *       contents read for an id (each with where it was read);</li>
 *   <li>{@code base[a]} = the sum of the signed amounts of a's events of D with timestamp &lt;= {@code cut}, and
 *       {@code baseEvents}/{@code baseDuplicates} count D's events and the redeliveries at or before the cut;</li>
 *   <li>{@code tail} holds exactly D's events with timestamp &gt; cut, {@code tailDuplicates} the timestamps of
 *       redeliveries after it;</li>
 *   <li>{@code maxScales[a]} is the largest scale of any amount of account a read: balances are shown at it, so
 *       the same balance reads the same whichever records were read first.</li>
 * </ul>
 * So for any T &gt;= cut, balance(a, T) = base[a] + the tail events of a at or before T. A record with a known id
 * and the same content is a redelivery and changes no balance; with other content it is a conflict, and if it
 * precedes the id's event it takes its place (the old one taken out of base or tail, exactly). A snapshot is
 * never used for T &lt; cut: it cannot take back what base already holds.
 */
final class LedgerState {

    private static final int MAGIC = 0x48574C53; // "HWLS"
    private static final int VERSION = 2;

    /** An event id's other records: contents that differ from the one the balances use. */
    static final class Conflict {
        final String eventId;
        final List<EventTable.Variant> others = new ArrayList<>();

        Conflict(String eventId) {
            this.eventId = eventId;
        }
    }

    /** An event id's 128-bit hash. */
    record IdKey(long k1, long k2) {
    }

    final AccountTable accounts = new AccountTable();
    byte[] maxScales = new byte[1024];
    long[] positions;
    long cut = Long.MIN_VALUE;
    long minTimestamp = Long.MAX_VALUE;
    long maxTimestamp = Long.MIN_VALUE;
    Balances base = new Balances();
    long baseEvents;
    long baseDuplicates;
    final TailEvents tail = new TailEvents();
    final LongList tailDuplicates = new LongList();
    final EventTable seen = new EventTable();
    final Map<IdKey, Conflict> conflicts = new LinkedHashMap<>();
    long conflictRecords;
    long records;
    long undecodable;
    long unknownType;
    final List<Problem> problems = new ArrayList<>();

    LedgerState(int partitions) {
        positions = new long[partitions];
    }

    void noteScale(int account, int scale) {
        if (account >= maxScales.length) {
            maxScales = Arrays.copyOf(maxScales, Math.max(account + 1, maxScales.length * 2));
        }
        if (scale > maxScales[account]) {
            maxScales[account] = (byte) scale;
        }
    }

    int maxScale(int account) {
        return account < maxScales.length ? maxScales[account] : 0;
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

    /**
     * The state as bytes. Every length is written whole (an int), so any value the replay holds is written as
     * it is; the reader checks that each part ends where the next begins, that the bytes end where the state
     * does, and that the balances add up to the sum written beside them, so a misread is caught even where a
     * checksum over the bytes would pass.
     */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + accounts.size() * 32 + tail.size * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(positions.length);
            for (long p : positions) {
                out.writeLong(p);
            }
            for (long v : new long[] {cut, minTimestamp, maxTimestamp, baseEvents, baseDuplicates, records,
                    undecodable, unknownType, conflictRecords}) {
                out.writeLong(v);
            }
            BigDecimal sum = BigDecimal.ZERO;
            out.writeInt(accounts.size());
            for (int a = 0; a < accounts.size(); a++) {
                writeBytes(out, accounts.idBytes(a));
                BigDecimal balance = base.get(a);
                writeDecimal(out, balance);
                out.writeByte(maxScale(a));
                sum = sum.add(balance);
            }
            writeDecimal(out, sum);
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
                writeBytes(out, p.reason().getBytes(StandardCharsets.UTF_8));
            }
            out.writeInt(conflicts.size());
            for (Map.Entry<IdKey, Conflict> c : conflicts.entrySet()) {
                out.writeLong(c.getKey().k1());
                out.writeLong(c.getKey().k2());
                writeBytes(out, c.getValue().eventId.getBytes(StandardCharsets.UTF_8));
                out.writeInt(c.getValue().others.size());
                for (EventTable.Variant v : c.getValue().others) {
                    out.writeInt(v.account());
                    out.writeLong(v.timestamp());
                    writeDecimal(out, v.amount());
                    out.writeBoolean(v.credit());
                    out.writeInt(v.partition());
                    out.writeLong(v.offset());
                }
            }
            out.writeInt(MAGIC);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a length of " + n + " runs past the end");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static void writeDecimal(DataOutputStream out, BigDecimal d) throws IOException {
        out.writeInt(d.scale());
        writeBytes(out, d.unscaledValue().toByteArray());
    }

    static BigDecimal readDecimal(DataInputStream in) throws IOException {
        int scale = in.readInt();
        if (scale < 0 || scale > Amount.MAX_SCALE) {
            throw new IOException("an amount's scale of " + scale + " is beyond any ledger amount's");
        }
        byte[] unscaled = readBytes(in);
        if (unscaled.length == 0) {
            throw new IOException("an amount has no digits");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
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
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a ledger snapshot");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("a snapshot of format " + version + ", not " + VERSION);
            }
            int partitions = in.readInt();
            if (partitions < 0 || partitions > in.available() / 8) {
                throw new IOException("a partition count of " + partitions);
            }
            LedgerState s = new LedgerState(partitions);
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
            s.conflictRecords = in.readLong();
            int accounts = count(in);
            BigDecimal sum = BigDecimal.ZERO;
            for (int a = 0; a < accounts; a++) {
                byte[] id = readBytes(in);
                int index = s.accounts.indexOf(id, 0, id.length);
                if (index != a) {
                    throw new IOException("account " + a + " appears twice");
                }
                BigDecimal balance = readDecimal(in);
                s.noteScale(a, in.readUnsignedByte());
                sum = sum.add(balance);
                if (balance.signum() != 0 || balance.scale() != 0) {
                    s.base.add(index, balance);
                }
            }
            if (readDecimal(in).compareTo(sum) != 0) {
                throw new IOException("the balances do not add up to the sum saved with them");
            }
            int tail = count(in);
            for (int i = 0; i < tail; i++) {
                int account = account(in, accounts);
                long ts = in.readLong();
                BigDecimal amount = readDecimal(in);
                if (Balances.fitsLong(amount)) {
                    s.tail.add(account, ts, amount.unscaledValue().longValue(), amount.scale(), null);
                } else {
                    s.tail.add(account, ts, 0, 0, amount);
                }
            }
            int dups = count(in);
            for (int i = 0; i < dups; i++) {
                s.tailDuplicates.add(in.readLong());
            }
            int problems = count(in);
            for (int i = 0; i < problems; i++) {
                s.problems.add(new Problem(in.readInt(), in.readLong(),
                        new String(readBytes(in), StandardCharsets.UTF_8)));
            }
            int conflicts = count(in);
            for (int i = 0; i < conflicts; i++) {
                IdKey key = new IdKey(in.readLong(), in.readLong());
                Conflict c = new Conflict(new String(readBytes(in), StandardCharsets.UTF_8));
                int others = count(in);
                for (int j = 0; j < others; j++) {
                    int account = account(in, accounts);
                    long ts = in.readLong();
                    BigDecimal amount = readDecimal(in);
                    boolean credit = in.readBoolean();
                    int partition = in.readInt();
                    long offset = in.readLong();
                    c.others.add(Balances.fitsLong(amount)
                            ? new EventTable.Variant(account, ts, amount.unscaledValue().longValue(), amount.scale(),
                            credit, null, partition, offset)
                            : new EventTable.Variant(account, ts, 0, amount.scale(), credit, amount, partition, offset));
                }
                s.conflicts.put(key, c);
            }
            if (in.readInt() != MAGIC || in.available() != 0) {
                throw new IOException("the state does not end where its parts do");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the snapshot cannot be read: " + e.getMessage(), e);
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a count of " + n + " runs past the end");
        }
        return n;
    }

    private static int account(DataInputStream in, int accounts) throws IOException {
        int a = in.readInt();
        if (a < 0 || a >= accounts) {
            throw new IOException("account " + a + " is not among the snapshot's " + accounts);
        }
        return a;
    }
}
