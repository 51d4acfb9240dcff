package dev.highwater.kafka.ledger;

import dev.highwater.core.ledger.LedgerReplay;
import dev.highwater.core.table.TableAt;
import dev.highwater.core.table.TableDiff;
import dev.highwater.core.table.TableReplay;
import dev.highwater.kafka.TestBroker;
import dev.highwater.store.H2TableSnapshotStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed topic's state at an instant on a real broker with a real H2 file, checked against a plain fold of what
 * the test wrote: keys overwritten and tombstoned, one key in two partitions, timestamps out of order, an aborted
 * transaction; a later question read from the saved state; the difference between two instants.
 */
class TableReplayTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final long BASE = Instant.parse("2024-03-15T08:00:00Z").toEpochMilli();
    private static final String TOPIC = "accounts";

    @TempDir
    Path dir;

    /** A record as written: where it landed and what it holds. */
    record Written(String key, int partition, long offset, long timestamp, String value) {
    }

    /** A key's record in the state: what the test expects to see. */
    record Entry(int partition, long offset, long timestamp, String value) {
    }

    private final List<Written> written = new ArrayList<>();

    @Test
    void theStateAtAnInstantIsThePlainFoldAndALaterQuestionReadsOnlyWhatCameAfter() throws Exception {
        try (Admin admin = Admin.create(broker.client().admin("test"))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.initTransactions();
            write(p, 0, 400, true);
            write(p, 400, 10, false); // aborted: read_committed never shows them
        }
        // small limits, so that the cut moves, snapshots are cut while reading and old ones dropped
        TableReplay.Settings settings = new TableReplay.Settings(100, 20, 5, 3);
        Path file = H2TableSnapshotStore.fileFor(dir.resolve("table-snapshots"));
        Instant t1 = Instant.ofEpochMilli(BASE + 390_000);
        try (KafkaLedgerSource source = new KafkaLedgerSource(broker.client());
             H2TableSnapshotStore store = H2TableSnapshotStore.open(file)) {
            TableAt first = new TableReplay(source, store, settings).at(TOPIC, t1, LedgerReplay.Listener.NONE,
                    () -> false);
            assertMatches(fold(t1.toEpochMilli()), first);
            assertEquals(400, first.stats().recordsRead());
            assertEquals(0, first.stats().fromSnapshot());
            assertTrue(first.stats().snapshotsWritten() >= 2, first.stats().toString());
            assertTrue(store.list(TOPIC).size() <= 3, store.list(TOPIC).toString());
        }

        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.initTransactions();
            write(p, 410, 50, true);
        }
        Instant t2 = Instant.ofEpochMilli(BASE + 500_000);
        try (KafkaLedgerSource source = new KafkaLedgerSource(broker.client());
             H2TableSnapshotStore store = H2TableSnapshotStore.open(file)) {
            TableReplay replay = new TableReplay(source, store, settings);
            TableAt second = replay.at(TOPIC, t2, LedgerReplay.Listener.NONE, () -> false);
            assertMatches(fold(t2.toEpochMilli()), second);
            assertTrue(second.stats().fromSnapshot() > 0, second.stats().toString());
            assertEquals(50, second.stats().recordsRead(), "only the records written after the first question");

            Instant early = Instant.ofEpochMilli(BASE + 100_000);
            assertMatches(fold(early.toEpochMilli()), replay.at(TOPIC, early, LedgerReplay.Listener.NONE,
                    () -> false));

            TableDiff diff = replay.diff(TOPIC, t1, t2, LedgerReplay.Listener.NONE, () -> false);
            Map<String, Entry> before = fold(t1.toEpochMilli());
            Map<String, Entry> after = fold(t2.toEpochMilli());
            Map<String, String> expected = new TreeMap<>();
            for (String k : before.keySet()) {
                if (!after.containsKey(k)) {
                    expected.put(k, "REMOVED " + before.get(k).value() + " -> null");
                } else if (!before.get(k).value().equals(after.get(k).value())) {
                    expected.put(k, "CHANGED " + before.get(k).value() + " -> " + after.get(k).value());
                }
            }
            for (String k : after.keySet()) {
                if (!before.containsKey(k)) {
                    expected.put(k, "ADDED null -> " + after.get(k).value());
                }
            }
            Map<String, String> actual = new TreeMap<>();
            for (int i = 0; i < diff.size(); i++) {
                int b = diff.indexBefore(i);
                int a = diff.indexAfter(i);
                actual.put(text(diff.key(i)), diff.change(i) + " " + (b < 0 ? "null" : text(diff.before().value(b)))
                        + " -> " + (a < 0 ? "null" : text(diff.after().value(a))));
            }
            assertEquals(expected, actual);
            assertTrue(diff.added() > 0 && diff.removed() > 0 && diff.changed() > 0, actual.toString());
        }
    }

    /**
     * Writes {@code count} records from number {@code from} in one transaction: key k(i*7 mod 40) in its partition
     * (every 50th in the next one), stamped one second apart with every 17th five seconds early, every 11th a
     * tombstone.
     */
    private void write(KafkaProducer<byte[], byte[]> p, int from, int count, boolean commit) throws Exception {
        p.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String key = "k" + (i * 7 % 40);
            int partition = Math.floorMod(key.hashCode(), 3);
            if (i % 50 == 0) {
                partition = (partition + 1) % 3;
            }
            long ts = BASE + i * 1_000L - (i % 17 == 0 ? 5_000 : 0);
            byte[] value = i % 11 == 0 ? null : ("v" + i).getBytes(StandardCharsets.UTF_8);
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(TOPIC, partition, ts,
                    key.getBytes(StandardCharsets.UTF_8), value);
            records.add(r);
            sent.add(p.send(r));
        }
        p.flush();
        if (!commit) {
            p.abortTransaction();
            return;
        }
        p.commitTransaction();
        for (int i = 0; i < records.size(); i++) {
            ProducerRecord<byte[], byte[]> r = records.get(i);
            RecordMetadata m = sent.get(i).get();
            written.add(new Written(text(r.key()), m.partition(), m.offset(), r.timestamp(),
                    r.value() == null ? null : text(r.value())));
        }
    }

    /** The state at {@code at}, by a plain loop: per key the latest stamp, then partition, then offset. */
    private Map<String, Entry> fold(long at) {
        Map<String, Written> latest = new HashMap<>();
        for (Written w : written) {
            if (w.timestamp() > at) {
                continue;
            }
            Written held = latest.get(w.key());
            if (held == null || w.timestamp() > held.timestamp()
                    || w.timestamp() == held.timestamp() && (w.partition() > held.partition()
                    || w.partition() == held.partition() && w.offset() > held.offset())) {
                latest.put(w.key(), w);
            }
        }
        Map<String, Entry> state = new TreeMap<>();
        latest.forEach((k, w) -> {
            if (w.value() != null) {
                state.put(k, new Entry(w.partition(), w.offset(), w.timestamp(), w.value()));
            }
        });
        return state;
    }

    private static void assertMatches(Map<String, Entry> expected, TableAt table) {
        Map<String, Entry> actual = new TreeMap<>();
        for (int i = 0; i < table.size(); i++) {
            actual.put(text(table.key(i)), new Entry(table.partition(i), table.offset(i), table.timestamp(i),
                    text(table.value(i))));
        }
        assertEquals(expected, actual);
        assertTrue(expected.size() > 10, "a state worth comparing: " + expected.size() + " keys");
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "table-test"), new ByteArraySerializer(),
                new ByteArraySerializer());
    }
}
