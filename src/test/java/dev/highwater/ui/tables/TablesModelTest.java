package dev.highwater.ui.tables;

import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerTopic;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.ui.PumpedUiThread;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tables screen's model over a fake source: a state, a search, a difference, a bad instant, a cancel. */
class TablesModelTest {

    private final PumpedUiThread ui = new PumpedUiThread();

    /** A one-partition topic in memory, read with its timestamps; may cancel the model after its first record. */
    static final class FakeTopic implements LedgerSource {
        record Rec(long timestamp, String key, String value) {
        }

        final List<Rec> records = new ArrayList<>();
        Runnable afterFirst = () -> { };

        @Override
        public List<String> topics() {
            return List.of("accounts");
        }

        @Override
        public LedgerTopic describe(String topic) {
            if (!topic.equals("accounts")) {
                throw new IllegalArgumentException("topic " + topic + " does not exist");
            }
            return new LedgerTopic(topic, "id-1", new long[] {0}, new long[] {records.size()});
        }

        @Override
        public void read(LedgerTopic topic, long[] from, RecordSink sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void readTimed(LedgerTopic topic, long[] from, TimedRecordSink sink) {
            for (int i = (int) from[0]; i < records.size(); i++) {
                Rec r = records.get(i);
                sink.record(0, i, r.timestamp(), r.key().getBytes(StandardCharsets.UTF_8),
                        r.value() == null ? null : r.value().getBytes(StandardCharsets.UTF_8), null);
                if (i == 0) {
                    afterFirst.run();
                }
            }
        }

        @Override
        public void close() {
        }
    }

    private TablesModel model(FakeTopic topic) {
        TypeSet types = TypeSet.of(SchemaCatalog.withBuiltIn());
        return new TablesModel(() -> topic, () -> TableSnapshotStore.NONE, () -> new FilteredDecoder(types,
                DecoderChoice.AUTO, DecoderChoice.AUTO, Map.of()), ui,
                Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC), "accounts");
    }

    @Test
    void showsTheStateSearchesItAndShowsWhatChanged() throws Exception {
        FakeTopic topic = new FakeTopic();
        topic.records.add(new FakeTopic.Rec(1_000, "k1", "{\"balance\":\"1.00\"}"));
        topic.records.add(new FakeTopic.Rec(2_000, "k2", "{\"balance\":\"2.00\"}"));
        topic.records.add(new FakeTopic.Rec(3_000, "k1", "{\"balance\":\"3.00\"}"));
        topic.records.add(new FakeTopic.Rec(4_000, "k2", null));
        topic.records.add(new FakeTopic.Rec(5_000, "k3", "hello"));
        TablesModel model = model(topic);
        ui.until("the topics", () -> model.topics().equals(List.of("accounts")));

        model.atProperty().set(Instant.ofEpochMilli(3_500).toString());
        model.run();
        ui.until("the state at 3.5 s", () -> !model.runningProperty().get() && model.rows().size() == 2);
        assertEquals(List.of("k1", "k2"), model.rows().stream().map(KeyRow::key).toList());
        KeyRow k1 = model.rows().getFirst();
        assertEquals(2, k1.offset());
        assertEquals("1970-01-01T00:00:03Z", k1.timestamp());
        assertTrue(k1.value().contains("3.00"), k1.value());
        assertTrue(model.summaryProperty().get().contains("2 keys"), model.summaryProperty().get());

        model.searchProperty().set("2.00");
        ui.until("the search", () -> model.rows().size() == 1);
        assertEquals("k2", model.rows().getFirst().key());
        assertEquals("1 matching of 2 shown", model.shownProperty().get());
        model.searchProperty().set("");

        model.compareProperty().set(true);
        model.compareAtProperty().set(Instant.ofEpochMilli(2_500).toString());
        model.atProperty().set("now");
        model.run();
        ui.until("the difference", () -> !model.runningProperty().get() && model.changes().size() == 3);
        assertTrue(model.showingDiffProperty().get());
        assertEquals(List.of("changed k1 balance=1.00 -> balance=3.00", "removed k2 balance=2.00 -> ",
                "added k3  -> hello"), model.changes().stream().map(c -> c.change() + " " + c.key() + " " + c.before()
                + " -> " + c.after()).toList());
        assertTrue(model.summaryProperty().get().contains("1 added, 1 removed, 1 changed"),
                model.summaryProperty().get());
        model.dispose();
    }

    @Test
    void aBadInstantIsOneSentenceAndACancelKeepsThePreviousAnswer() throws Exception {
        FakeTopic topic = new FakeTopic();
        for (int i = 0; i < 5_000; i++) {
            topic.records.add(new FakeTopic.Rec(i, "k" + (i % 10), "v" + i));
        }
        TablesModel model = model(topic);
        model.atProperty().set("yesterday");
        model.run();
        assertTrue(model.messageProperty().get().startsWith("The instant: cannot read 'yesterday'"),
                model.messageProperty().get());
        assertTrue(!model.runningProperty().get());

        model.atProperty().set("now");
        model.run();
        ui.until("the state", () -> !model.runningProperty().get() && model.rows().size() == 10);
        topic.afterFirst = model::cancel;
        model.run();
        ui.until("the cancel", () -> !model.runningProperty().get()
                && model.progressTextProperty().get().startsWith("Cancelled"));
        assertEquals(10, model.rows().size(), "the previous answer stays");
        model.dispose();
    }
}
