package dev.highwater.ui.messages;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.ui.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.highwater.ui.messages.MessagesModelTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Messages screen's model over a plain tail source: what it asks the source for, what it shows of the records
 * and states the source delivers, and what it says when the source fails.
 */
class MessagesModelPortTest {

    /** Two topics; each read delivers the records given for its topic, then says it caught up. */
    private static final class FakeTails implements TailSource {
        final List<String> topics;
        final List<RawRecord> records = new ArrayList<>();
        final List<TailRequest> asked = new CopyOnWriteArrayList<>();
        final List<FakeReading> readings = new CopyOnWriteArrayList<>();
        TailStatus then = new TailStatus(TailStatus.State.CAUGHT_UP, "caught up: waiting for new records");

        FakeTails(List<String> topics) {
            this.topics = topics;
        }

        @Override
        public List<String> topics() {
            if (topics == null) {
                throw new TailException("the cluster at 127.0.0.1:9092 did not list its topics within 10 s");
            }
            return topics;
        }

        @Override
        public int partitions(String topic) {
            return 3;
        }

        @Override
        public TailReading open(TailRequest request, TailListener listener) {
            asked.add(request);
            FakeReading r = new FakeReading(request, listener);
            readings.add(r);
            return r;
        }

        private final class FakeReading implements TailReading {
            final TailRequest request;
            final TailListener listener;
            volatile boolean paused;
            volatile boolean closed;

            FakeReading(TailRequest request, TailListener listener) {
                this.request = request;
                this.listener = listener;
            }

            @Override
            public void start() {
                try {
                    listener.records(records.stream().filter(r -> r.topic().equals(request.topic())).toList());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                listener.status(then);
            }

            @Override
            public void run() {
                start();
            }

            @Override
            public void pause() {
                paused = true;
            }

            @Override
            public void resume() {
                paused = false;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    private MessagesModel model;

    @AfterEach
    void dispose() {
        if (model != null) {
            model.dispose();
        }
    }

    private static RawRecord json(String topic, int partition, long offset, String value) {
        return new RawRecord(topic, partition, offset, 1_710_492_000_000L + offset,
                ("k" + offset).getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    private MessagesModel open(FakeTails tails, boolean demo) {
        model = new MessagesModel(tails, null, SchemaCatalog.withBuiltIn(), UiThread.direct(), demo);
        return model;
    }

    @Test
    void theDemoOpensOnTransactionsAtTheEndAndShowsWhatTheSourceDelivers() throws Exception {
        FakeTails tails = new FakeTails(List.of("audit", "transactions"));
        tails.records.add(json("transactions", 0, 7, "{\"amount\":\"100.50\"}"));
        tails.records.add(json("transactions", 2, 9, "{\"amount\":\"0.25\"}"));
        open(tails, true);
        waitFor(() -> model.rows().size() == 2);
        assertEquals(List.of(new TailRequest("transactions", null, TailStart.end(), true, 0)), tails.asked);
        assertEquals(List.of("audit", "transactions"), model.topics());
        assertEquals("transactions", model.topicProperty().get());
        waitFor(() -> model.partitionCountProperty().get() == 3);
        waitFor(() -> model.stateProperty().get().equals("caught up: waiting for new records"));
        assertTrue(model.countsProperty().get().startsWith("2 read"), model.countsProperty().get());
    }

    @Test
    void theFormBecomesOneRequestAndPauseResumeAndDisposeReachTheReading() throws Exception {
        FakeTails tails = new FakeTails(List.of("audit"));
        open(tails, false);
        waitFor(() -> tails.asked.size() == 1); // the first topic, opened at the end
        model.start(TailForm.of("audit", MessagesModel.StartAt.OFFSET).withPartition(1).withStartText("5"));
        waitFor(() -> tails.asked.size() == 2);
        assertEquals(new TailRequest("audit", 1, TailStart.offset(5), true, 0), tails.asked.get(1));
        waitFor(() -> tails.readings.getFirst().closed); // a new start ends the read before it
        waitFor(() -> {
            model.pause(); // the model holds the new read once the source has started it
            return tails.readings.get(1).paused;
        });
        assertTrue(model.pausedProperty().get());
        model.resume();
        assertFalse(tails.readings.get(1).paused);
        model.dispose();
        waitFor(() -> tails.readings.get(1).closed);
        model = null;
    }

    @Test
    void badInputChangesNothingAndAsksTheSourceForNothing() throws Exception {
        FakeTails tails = new FakeTails(List.of());
        open(tails, false);
        waitFor(() -> "The cluster has no topics yet.".equals(model.noticeProperty().get()));
        model.start(TailForm.of("audit", MessagesModel.StartAt.OFFSET).withStartText("twelve"));
        assertTrue(model.noticeProperty().get() != null && !model.noticeProperty().get().isBlank());
        assertTrue(tails.asked.isEmpty());
    }

    @Test
    void whatTheSourceCannotDoIsSaidInItsOwnSentence() throws Exception {
        open(new FakeTails(null), false);
        waitFor(() -> "the cluster at 127.0.0.1:9092 did not list its topics within 10 s"
                .equals(model.noticeProperty().get()));
        model.dispose();

        FakeTails failing = new FakeTails(List.of("audit"));
        failing.then = new TailStatus(TailStatus.State.FAILED, "topic audit does not exist");
        open(failing, false);
        waitFor(() -> "topic audit does not exist".equals(model.noticeProperty().get()));
    }

    @Test
    void rowsComeByTimeUndecodableOnesStayApartAndTheDetailSaysWhenItsRecordLeft() throws Exception {
        FakeTails tails = new FakeTails(List.of("transactions"));
        long t = 1_710_492_000_000L;
        long[] times = {t + 3_000, t + 1_000, t + 4_000, t, t + 2_000}; // read in this order, offsets 0..4
        for (int i = 0; i < times.length; i++) {
            byte[] value = i == 2 ? new byte[] {(byte) 0xff, (byte) 0xfe, 0x07, 0x01, (byte) 0x80}
                    : ("{\"amount\":\"" + i + ".00\"}").getBytes(StandardCharsets.UTF_8);
            tails.records.add(new RawRecord("transactions", 0, i, times[i], null, value, List.of()));
        }
        open(tails, true);
        waitFor(() -> model.rows().size() == 5);
        assertEquals(List.of(2L, 0L, 4L, 1L, 3L), model.rows().stream().map(r -> r.raw().offset()).toList(),
                "newest record time first");
        waitFor(() -> model.countsProperty().get().equals("5 read · table: all 5 (4.0 s) · 1 undecodable (p0: 1)"));

        DecodedRecord first = model.rows().stream().filter(r -> r.raw().offset() == 0).findFirst().orElseThrow();
        model.select(first);
        waitFor(() -> model.detailProperty().get() != null);
        assertTrue(model.detailInTableProperty().get());

        model.setCapacity(2); // offsets 3 and 4 stay: the selected record and the undecodable one leave the rows
        waitFor(() -> model.rows().size() == 2);
        assertFalse(model.detailInTableProperty().get(), "the pane says its record left the table");
        assertEquals(first, model.detailProperty().get().record(), "and keeps it");
        assertTrue(model.countsProperty().get().startsWith("5 read · table: newest 2 (2.0 s)"),
                model.countsProperty().get());
        assertEquals(1, model.undecodableKeptProperty().get(), "the undecodable record is still kept apart");

        model.showUndecodableProperty().set(true);
        assertEquals(List.of(2L), model.rows().stream().map(r -> r.raw().offset()).toList());
        model.select(model.rows().getFirst());
        waitFor(() -> model.detailProperty().get().record().raw().offset() == 2);
        assertTrue(model.detailInTableProperty().get());
        model.showUndecodableProperty().set(false);
        assertFalse(model.detailInTableProperty().get(), "the live rows no longer hold it");
    }
}
