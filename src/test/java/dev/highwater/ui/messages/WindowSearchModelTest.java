package dev.highwater.ui.messages;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.tail.PartitionSpan;
import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailReading;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailSource;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.ui.UiThread;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.highwater.ui.messages.MessagesModelTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Messages screen's window search: over a real broker it finds a record the live table no longer holds, by
 * its key or its header; over a plain source it shows its progress and stops when cancelled.
 */
class WindowSearchModelTest {

    /** Records on the topic, one a second; the marker is one of them. */
    private static final int RECORDS = 1_401;
    private static final int MARKER = 200;
    private static final Instant BASE = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static EmbeddedKafka kafka;
    private MessagesModel model;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("busy", 2, (short) 1))).all().get();
            for (int i = 0; i < RECORDS; i++) {
                RecordHeaders h = new RecordHeaders();
                h.add("trace-id", (i == MARKER ? "needle" : "hay-" + i).getBytes(StandardCharsets.UTF_8));
                String key = i == MARKER ? "marker" : "k" + i;
                p.send(new ProducerRecord<>("busy", i % 2, BASE.plusSeconds(i).toEpochMilli(),
                        key.getBytes(StandardCharsets.UTF_8), ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                        h));
            }
            p.flush();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @AfterEach
    void dispose() {
        if (model != null) {
            model.dispose();
        }
    }

    private static boolean holdsMarker(List<DecodedRecord> rows) {
        return rows.stream().anyMatch(r -> "marker".equals(r.keyText()));
    }

    @Test
    void findsInKafkaARecordTheLiveTableNoLongerHolds() throws Exception {
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), UiThread.direct(), false);
        model.setCapacity(1_000);
        // the model opens the first topic from the end by itself: the tail asked for here comes after that one
        waitFor(() -> "busy".equals(model.topicProperty().get()));
        model.start(TailForm.of("busy", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.readSoFar() == RECORDS && model.rows().size() == 1_000);
        assertFalse(holdsMarker(List.copyOf(model.rows())), "the newer records pushed the marker out of the table");

        WindowSearchModel search = model.windowSearch();
        Instant marker = BASE.plusSeconds(MARKER);
        // a window of 11 s around the marker: 11 records, at both ends included
        search.search(TailForm.of("busy", MessagesModel.StartAt.END).withCondition("key == \"marker\""),
                marker.minusSeconds(5).toString(), marker.plusSeconds(5).toString());
        waitFor(() -> !search.runningProperty().get());
        assertEquals(1, search.rows().size(), search.summaryProperty().get());
        DecodedRecord found = search.rows().getFirst();
        assertEquals("marker", found.keyText());
        assertEquals(marker.toEpochMilli(), found.raw().timestamp());
        String summary = search.summaryProperty().get();
        assertTrue(summary.startsWith("Searched 11 records from ") && summary.endsWith(": 1 match."), summary);

        // the whole topic, more records than the table keeps, searched by a header on one partition
        search.search(TailForm.of("busy", MessagesModel.StartAt.END).withPartition(0)
                        .withCondition("header[\"trace-id\"] == \"needle\""),
                BASE.toString(), BASE.plusSeconds(RECORDS).toString());
        waitFor(() -> !search.runningProperty().get() && !search.summaryProperty().get().isEmpty());
        summary = search.summaryProperty().get();
        assertTrue(summary.startsWith("Searched 701 records ") && summary.endsWith(": 1 match."), summary);
        assertTrue(holdsMarker(List.copyOf(search.rows())), summary);
        assertEquals(1, search.rows().size());
    }

    @Test
    void theLastHourEndsAfterTheSecondItIsOpenedIn() {
        WindowSearchModel search = new WindowSearchModel(new StuckReading(), null,
                () -> dev.highwater.core.decode.TypeSet.of(SchemaCatalog.withBuiltIn()), () -> 1_000, ZoneOffset.UTC,
                UiThread.direct());
        try {
            // a record written at 09:00:00.400 must be in the window a form opened at 09:00:00.600 offers
            assertArrayEquals(new String[] {"2026-03-15 08:00:01", "2026-03-15 09:00:01"},
                    search.lastHour(Instant.parse("2026-03-15T09:00:00.600Z")));
        } finally {
            search.dispose();
        }
    }

    @Test
    void showsItsProgressAndStopsWhenCancelled() throws Exception {
        StuckReading stuck = new StuckReading();
        WindowSearchModel search = new WindowSearchModel(stuck, null,
                () -> dev.highwater.core.decode.TypeSet.of(SchemaCatalog.withBuiltIn()), () -> 1_000, ZoneOffset.UTC,
                UiThread.direct());
        try {
            search.search(TailForm.of("t", MessagesModel.StartAt.END), "2026-03-15 09:00", "2026-03-15 10:00");
            waitFor(() -> search.progressProperty().get().startsWith("100 read · 100 matches"));
            assertEquals(0.1, search.fractionProperty().get(), 1e-9, "100 of the window's 1,000 offsets");
            TailRequest asked = stuck.asked.getFirst();
            assertEquals(Instant.parse("2026-03-15T09:00:00Z"), asked.start().instant());
            assertEquals(Instant.parse("2026-03-15T10:00:00Z"), asked.until());
            assertTrue(search.runningProperty().get());

            search.cancel();
            waitFor(() -> !search.runningProperty().get());
            assertTrue(stuck.closed.getCount() == 0, "the read was closed");
            assertEquals("Search cancelled after 100 records from 2026-03-15 09:00:00 to 10:00:00 (UTC): "
                    + "100 matches so far.", search.summaryProperty().get());
            assertEquals(100, search.rows().size(), "what was found stays");
        } finally {
            search.dispose();
        }
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsOneSentenceAndReadsNothing() {
        StuckReading stuck = new StuckReading();
        WindowSearchModel search = new WindowSearchModel(stuck, null,
                () -> dev.highwater.core.decode.TypeSet.of(SchemaCatalog.withBuiltIn()), () -> 1_000, ZoneOffset.UTC,
                UiThread.direct());
        try {
            search.search(TailForm.of("t", MessagesModel.StartAt.END), "2026-03-15 10:00", "2026-03-15 09:00");
            assertEquals("The window ends before it starts: 'to' (2026-03-15 09:00:00) is before 'from' "
                    + "(2026-03-15 10:00:00).", search.problemProperty().get());
            assertFalse(search.runningProperty().get());
            assertTrue(stuck.asked.isEmpty());
        } finally {
            search.dispose();
        }
    }

    /** A source whose read covers 100 offsets of a 1,000-offset window, then waits until it is closed. */
    private static final class StuckReading implements TailSource {
        final List<TailRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public List<String> topics() {
            return List.of("t");
        }

        @Override
        public int partitions(String topic) {
            return 1;
        }

        @Override
        public TailReading open(TailRequest request, TailListener listener) {
            asked.add(request);
            return new TailReading() {
                @Override
                public void start() {
                    Thread t = new Thread(() -> {
                        try {
                            run();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                }

                @Override
                public void run() throws InterruptedException {
                    listener.spans(List.of(new PartitionSpan(0, 0, 1_000)));
                    List<RawRecord> batch = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        batch.add(new RawRecord("t", 0, i, 1_773_565_200_000L + i, null,
                                "text".getBytes(StandardCharsets.UTF_8), List.of()));
                    }
                    listener.records(batch);
                    closed.await();
                }

                @Override
                public void pause() {
                }

                @Override
                public void resume() {
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }
}
