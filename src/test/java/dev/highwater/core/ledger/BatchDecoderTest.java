package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fold sees what one thread would: every record, decoded, in the order read; the threads never outlive it. */
class BatchDecoderTest {

    private static final int RECORDS = 7 * DecodedBatch.CAPACITY + 17;

    /** Record i: an event at timestamp i (JSON for every third), garbage for every hundredth. */
    private static byte[] value(int i) {
        if (i % 100 == 99) {
            return ("not an event " + i).getBytes(StandardCharsets.UTF_8);
        }
        LedgerEvent e = new LedgerEvent("e-" + i, "acct-" + (i % 13), LedgerEvent.Type.ACCOUNT_CREDITED,
                new BigDecimal("1.25"), "ref", i);
        return i % 3 == 0 ? LedgerEventCodec.toJson(e) : LedgerEventCodec.toProtobuf(e);
    }

    @Test
    void everyRecordReachesTheFoldDecodedInReadingOrder() {
        List<String> folded = new ArrayList<>();
        try (BatchDecoder decoder = new BatchDecoder(b -> {
            for (int i = 0; i < b.size; i++) {
                folded.add(b.partitions[i] + "/" + b.offsets[i] + "/"
                        + (b.outcomes[i] == DecodedBatch.EVENT ? "t" + b.timestamps[i] : "not an event"));
            }
        }, LedgerSchemas.NONE)) {
            for (int i = 0; i < RECORDS; i++) {
                decoder.record(i % 12, i / 12, value(i));
            }
            decoder.drain();
        }
        assertEquals(RECORDS, folded.size());
        for (int i = 0; i < RECORDS; i++) {
            String outcome = i % 100 == 99 ? "not an event" : "t" + i;
            assertEquals(i % 12 + "/" + i / 12 + "/" + outcome, folded.get(i), "record " + i);
        }
    }

    @Test
    void aFailureInTheFoldStopsTheReadAndClosingEndsItsDaemonThreads() {
        RuntimeException stop = new ReplayCancelledException();
        List<Thread> decoding = new ArrayList<>();
        BatchDecoder decoder = new BatchDecoder(b -> {
            decoding.addAll(decodingThreads());
            throw stop;
        }, LedgerSchemas.NONE);
        RuntimeException thrown;
        try (decoder) {
            thrown = assertThrows(RuntimeException.class, () -> {
                for (int i = 0; i < RECORDS; i++) {
                    decoder.record(0, i, value(i));
                }
                decoder.drain();
            });
        }
        assertSame(stop, thrown);
        assertFalse(decoding.isEmpty());
        for (Thread t : decoding) {
            assertTrue(t.isDaemon(), t.getName());
            assertTrue(joined(t), t.getName() + " still runs after close");
        }
    }

    @Test
    void nothingReadFoldsNothing() {
        List<Integer> batches = new ArrayList<>();
        try (BatchDecoder decoder = new BatchDecoder(b -> batches.add(b.size), LedgerSchemas.NONE)) {
            decoder.drain();
        }
        assertEquals(List.of(), batches);
    }

    private static Set<Thread> decodingThreads() {
        Set<Thread> all = new HashSet<>(Thread.getAllStackTraces().keySet());
        all.removeIf(t -> !t.getName().equals("ledger-decode"));
        return all;
    }

    private static boolean joined(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
