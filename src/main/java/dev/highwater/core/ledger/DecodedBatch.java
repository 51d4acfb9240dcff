package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A run of records decoded and hashed on a decoding thread, folded afterwards in the order they were read:
 * decoding is most of a replay's work per record and needs no shared state, so it runs on every core ahead of
 * the single-threaded fold, which then only looks events up and adds them. Reused from run to run.
 */
final class DecodedBatch {

    static final int CAPACITY = 2048;

    static final byte EVENT = 0;
    static final byte UNDECODABLE = 1;
    static final byte UNKNOWN_TYPE = 2;

    int size;
    final int[] partitions = new int[CAPACITY];
    final long[] offsets = new long[CAPACITY];
    private final byte[][] values = new byte[CAPACITY][];

    // ---- results of decode(), per record ----
    final byte[] outcomes = new byte[CAPACITY];
    /** Why a record is not an event (null for events). */
    final String[] reasons = new String[CAPACITY];
    final long[] k1 = new long[CAPACITY];
    final long[] k2 = new long[CAPACITY];
    final long[] timestamps = new long[CAPACITY];
    /** Signed: a debit is negative. */
    final long[] units = new long[CAPACITY];
    final int[] scales = new int[CAPACITY];
    final BigDecimal[] bigs = new BigDecimal[CAPACITY];
    final boolean[] credits = new boolean[CAPACITY];
    /** The event id's bytes, copied: named when the id turns out to be reused for another event. */
    byte[] idBytes = new byte[CAPACITY * 16];
    final int[] idOffs = new int[CAPACITY];
    final int[] idLens = new int[CAPACITY];
    /** The account id's bytes, copied (a JSON decoder reuses its buffers), and their {@link AccountTable} hash. */
    byte[] accountBytes = new byte[CAPACITY * 16];
    final int[] accountOffs = new int[CAPACITY];
    final int[] accountLens = new int[CAPACITY];
    final int[] accountHashes = new int[CAPACITY];

    /** @return true when the batch is full */
    boolean add(int partition, long offset, byte[] value) {
        partitions[size] = partition;
        offsets[size] = offset;
        values[size] = value;
        return ++size == CAPACITY;
    }

    void clear() {
        Arrays.fill(reasons, 0, size, null);
        Arrays.fill(bigs, 0, size, null);
        size = 0;
    }

    /** Decodes every record added; each record's value is let go once decoded. */
    void decode(LedgerDecoder d, EventHash hash) {
        int used = 0;
        int idUsed = 0;
        for (int i = 0; i < size; i++) {
            byte[] value = values[i];
            values[i] = null;
            switch (d.decode(value)) {
                case UNDECODABLE -> {
                    outcomes[i] = UNDECODABLE;
                    reasons[i] = d.reason();
                    continue;
                }
                case UNKNOWN_TYPE -> {
                    outcomes[i] = UNKNOWN_TYPE;
                    reasons[i] = d.reason();
                    continue;
                }
                case EVENT -> outcomes[i] = EVENT;
            }
            long ts = d.timestamp;
            hash.hash(d);
            k1[i] = hash.h1;
            k2[i] = hash.h2;
            timestamps[i] = ts;
            units[i] = d.signedUnits();
            scales[i] = d.amount.scale;
            bigs[i] = d.signedBig();
            credits[i] = d.credit;
            if (idUsed + d.idLen > idBytes.length) {
                idBytes = Arrays.copyOf(idBytes, Math.max(idUsed + d.idLen, idBytes.length * 2));
            }
            System.arraycopy(d.idBytes, d.idOff, idBytes, idUsed, d.idLen);
            idOffs[i] = idUsed;
            idLens[i] = d.idLen;
            idUsed += d.idLen;
            int len = d.accountLen;
            if (used + len > accountBytes.length) {
                accountBytes = Arrays.copyOf(accountBytes, Math.max(used + len, accountBytes.length * 2));
            }
            System.arraycopy(d.accountBytes, d.accountOff, accountBytes, used, len);
            accountOffs[i] = used;
            accountLens[i] = len;
            accountHashes[i] = AccountTable.hash(accountBytes, used, len);
            used += len;
        }
    }
}
