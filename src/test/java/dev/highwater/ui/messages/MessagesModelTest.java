package dev.highwater.ui.messages;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.TooDeepFilters;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.kafka.tail.KafkaTailSource;
import dev.highwater.proto.blockchain.Transaction;
import dev.highwater.ui.UiThread;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Messages screen's model over a real broker: live rows, poison pills, filters, detail, export, bad input, and
 * its schema sources.
 */
class MessagesModelTest {

    private static EmbeddedKafka kafka;
    private MessagesModel model;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic("payments", 3, (short) 1), new NewTopic("registry", 1, (short) 1),
                    new NewTopic("keys", 1, (short) 1))).all().get();
            for (int i = 0; i < 30; i++) {
                byte[] v = Transaction.newBuilder().setSender(i % 10 == 0 ? "acme" : "acct-" + i)
                        .setAmount(i * 10 + ".50").setStatus(1).build().toByteArray();
                p.send(new ProducerRecord<>("payments", i % 3, ("k" + i).getBytes(), v)).get();
            }
            p.send(new ProducerRecord<>("payments", 2, "bad".getBytes(), new byte[] {(byte) 0xff, 0x07, 0x01})).get();
            byte[] payload = Transaction.newBuilder().setSender("framed").setAmount("1.00").build().toByteArray();
            byte[] framed = new byte[payload.length + 6];
            framed[4] = 7; // schema id 7, message indexes [0]
            System.arraycopy(payload, 0, framed, 6, payload.length);
            p.send(new ProducerRecord<>("registry", null, framed)).get();
            byte[] bin = Transaction.newBuilder().setSender("bin").setAmount("1.00").build().toByteArray();
            p.send(new ProducerRecord<>("keys", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01}, bin)).get();
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

    private MessagesModel open() {
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), UiThread.direct(), false);
        return model;
    }

    @Test
    void tailsFromTheBeginningWithThePoisonPillAsARowOfItsOwn() throws Exception {
        open().start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.rows().size() == 31);
        DecodedRecord pill = model.rows().stream().filter(DecodedRecord::poison).findFirst().orElseThrow();
        assertEquals(2, pill.raw().partition());
        assertTrue(pill.summary().startsWith("protobuf blockchain.Transaction (this topic's type so far): wire type 7"),
                pill.summary());
        assertTrue(model.countsProperty().get().contains("1 undecodable (p2: 1)"), model.countsProperty().get());
        assertEquals(30, model.rows().stream().filter(r -> "blockchain.Transaction".equals(r.typeLabel())).count());

        model.select(pill);
        waitFor(() -> model.detailProperty().get() != null);
        MessageDetail d = model.detailProperty().get();
        assertTrue(d.problem().contains("wire type 7 at byte 0 does not exist"), d.problem());
        assertTrue(d.hex().startsWith("00000000  ff 07 01"), d.hex());

        DecodedRecord tx = model.rows().stream().filter(r -> !r.poison()).findFirst().orElseThrow();
        model.select(tx);
        waitFor(() -> model.detailProperty().get() != null && model.detailProperty().get().problem() == null);
        MessageDetail ok = model.detailProperty().get();
        assertTrue(ok.sizes().startsWith("Protobuf " + tx.raw().value().length + " B"), ok.sizes());
        assertTrue(ok.json().contains("\"sender\""), ok.json());
        assertEquals("blockchain.Transaction {3}", ok.tree().label());
    }

    @Test
    void aFilterOnDecodedFieldsAppliesToTheRowsKeptAndKeepsPoisonPillsInView() throws Exception {
        open().start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.rows().size() == 31);
        model.applyFilter("", "", "sender == \"acme\" && amount > 50");
        waitFor(() -> model.rows().size() == 3);
        assertTrue(model.rows().stream().anyMatch(DecodedRecord::poison), "a pill is never hidden by a condition");
        waitFor(() -> model.countsProperty().get().startsWith("31 read · 3 match · table: all 3 ("));

        model.applyFilter("", "", "amount >");
        waitFor(() -> model.filterProblemProperty().get() != null);
    }

    @Test
    void exportsTheRowsAsJsonLinesOrCsv(@TempDir Path dir) throws Exception {
        open().start(TailForm.of("payments", MessagesModel.StartAt.OFFSET).withPartition(1).withStartText("5"));
        waitFor(() -> model.rows().size() == 5);
        Path jsonl = dir.resolve("out.jsonl");
        model.export(model.rows(), jsonl);
        waitFor(() -> Files.exists(jsonl) && model.noticeProperty().get() != null);
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(5, lines.size());
        assertTrue(lines.getFirst().startsWith("{\"topic\":\"payments\",\"partition\":1,\"offset\":"), lines.getFirst());
        Path csv = dir.resolve("out.csv");
        model.export(model.rows(), csv);
        waitFor(() -> Files.exists(csv) && Files.readAllLines(csv).size() == 6);
        assertTrue(Files.readAllLines(csv).getFirst().startsWith("topic,partition,offset,timestamp,key"));
    }

    @Test
    void registryFramedValuesDecodeWithTheTypeOfTheirSchemaId() throws Exception {
        open().start(TailForm.of("registry", MessagesModel.StartAt.BEGINNING)
                .withRegistryIds("7=blockchain.Transaction"));
        waitFor(() -> model.rows().size() == 1);
        DecodedRecord r = model.rows().getFirst();
        assertEquals("blockchain.Transaction", r.typeLabel());
        assertTrue(r.summary().startsWith("[schema 7] sender=framed"), r.summary());
        model.start(TailForm.of("registry", MessagesModel.StartAt.BEGINNING).withRegistryIds("seven"));
        assertTrue(model.noticeProperty().get().contains("is not a schema id and a type"));
    }

    @Test
    void badInputIsOneSentenceAndChangesNothing() throws Exception {
        open().start(TailForm.of("payments", MessagesModel.StartAt.OFFSET).withStartText("twelve"));
        assertTrue(model.noticeProperty().get().contains("is not an offset"));
        model.start(TailForm.of("payments", MessagesModel.StartAt.INSTANT).withStartText("yesterday"));
        assertTrue(model.noticeProperty().get().contains("is not an instant"));
        model.start(TailForm.of("nope", MessagesModel.StartAt.END));
        waitFor(() -> model.noticeProperty().get() != null && model.noticeProperty().get().contains("does not exist"));
        model.start(TailForm.of("payments", MessagesModel.StartAt.END).withValueDecoder("blockchain.Nope"));
        waitFor(() -> model.noticeProperty().get() != null
                && model.noticeProperty().get().contains("not among the loaded types"));
        assertNull(model.detailProperty().get());
    }

    @Test
    void schemaSourcesListTheirFilesAndProblemsAndSayWhatLoaded(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.proto"), "syntax = \"proto3\";\npackage ok;\nmessage Fine { string a = 1; }\n");
        Files.writeString(dir.resolve("bad.proto"), "syntax = \"proto3\";\npackage bad;\nmessage Broken {\n  string a = ;\n}\n");
        SchemaSourcesModel sources = open().schemaSources();
        sources.addProtoFolder(dir);
        waitFor(() -> sources.typeNames().contains("ok.Fine"));
        waitFor(() -> model.noticeProperty().get() != null);
        assertEquals("1 files loaded from " + dir + "; 1 did not (listed under the sources). Restart the tail to "
                + "decode with the new types.", model.noticeProperty().get());
        assertTrue(sources.sources().contains(dir + " — 1 files, 1 problems"), sources.sources().toString());
        assertTrue(sources.sources().stream().anyMatch(l -> l.startsWith("   ⚠ bad.proto:4:14")),
                sources.sources().toString());

        sources.addDescriptorSet(dir.resolve("types.desc"));
        waitFor(() -> model.noticeProperty().get().contains("does not exist"));
        sources.loadFromGrpc();
        assertFalse(sources.grpcAvailableProperty().get());
        assertEquals("There is no gRPC backend on this connection to load types from.", model.noticeProperty().get());
    }

    @Test
    void aFilterNestedTooDeepIsAFilterProblemAndTheRowsStayAsTheyWere() throws Exception {
        open().start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.rows().size() == 31);
        for (String deep : TooDeepFilters.ALL) {
            model.applyFilter("", "", "sender == \"acme\"");
            waitFor(() -> model.rows().size() == 4 && model.filterProblemProperty().get() == null);
            model.applyFilter("", "", deep);
            waitFor(() -> model.filterProblemProperty().get() != null);
            assertTrue(model.filterProblemProperty().get().contains("nested more than"),
                    model.filterProblemProperty().get());

            model.applyFilter("", "", "sender == \"acme\"");
            waitFor(() -> model.filterProblemProperty().get() == null);
            model.start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING).withCondition(deep));
            waitFor(() -> model.filterProblemProperty().get() != null);
            assertTrue(model.filterProblemProperty().get().contains("nested more than"),
                    model.filterProblemProperty().get());
            assertEquals(4, model.rows().size(), "the filter in force stays in force");
        }
        model.start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING).withCondition("amount > 200"));
        waitFor(() -> model.filterProblemProperty().get() == null && model.rows().size() == 11);
    }

    @Test
    void aBinaryKeyIsShownInHexWithAMarkerAndItsValueDecoded() throws Exception {
        open().start(TailForm.of("keys", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.rows().size() == 1);
        DecodedRecord r = model.rows().getFirst();
        assertFalse(r.poison(), r.summary());
        assertEquals("blockchain.Transaction", r.typeLabel());
        assertTrue(r.summary().contains("sender=bin"), r.summary());
        model.select(r);
        waitFor(() -> model.detailProperty().get() != null);
        MessageDetail d = model.detailProperty().get();
        assertNull(d.problem());
        assertTrue(d.facts().contains("Key   [hex] fffe0001  (hex: not UTF-8 text)"), d.facts().toString());
        assertTrue(d.json().contains("\"sender\": \"bin\""), d.json());
    }

    @Test
    void oneOffTasksForTheUiThreadOfferedCloseTogetherAllRun(@TempDir Path dir) throws Exception {
        HeldUiThread ui = new HeldUiThread();
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), ui, false);
        // the schema lists, then the topic list read from the broker, wait for the UI thread
        waitFor(() -> ui.waiting() == 2);
        Path file = dir.resolve("none.jsonl");
        model.export(List.of(), file); // its notice is offered while the topic list still waits
        model.applyFilter("", "", "amount >"); // the worker is one thread: this says when the export has offered
        waitFor(() -> ui.waiting() == 3);
        ui.runAll();

        assertTrue(model.topics().containsAll(List.of("payments", "registry", "keys")), model.topics().toString());
        assertEquals("Exported 0 records to " + file + " (JSON lines).", model.noticeProperty().get());
        assertNotNull(model.filterProblemProperty().get());
    }

    @Test
    void whatIsPublishedIsDecidedWithoutReadingTheUiThreadsProperties() throws Exception {
        HeldUiThread ui = new HeldUiThread();
        model = new MessagesModel(new KafkaTailSource(ClientSettings.of(kafka.bootstrapServers())), null,
                SchemaCatalog.withBuiltIn(), ui, false);
        model.start(TailForm.of("payments", MessagesModel.StartAt.BEGINNING));
        waitFor(() -> model.readSoFar() == 31);
        Thread.sleep(1_000); // caught up: nothing changes from here on
        long offered = model.updatesOffered();
        Thread.sleep(1_500); // six publishing rounds while the UI thread is busy and shows none of it yet

        assertEquals(offered, model.updatesOffered(), "nothing new, nothing offered, whatever the UI shows");
        ui.runAll();
        assertEquals(31, model.rows().size());
        assertTrue(model.stateProperty().get().startsWith("reading payments")
                || model.stateProperty().get().startsWith("caught up"), model.stateProperty().get());
    }

    /** A UI thread that is busy until the test lets it run what was posted. */
    private static final class HeldUiThread implements UiThread {
        private final Queue<Runnable> posted = new ConcurrentLinkedQueue<>();

        @Override
        public void post(Runnable task) {
            posted.add(task);
        }

        int waiting() {
            return posted.size();
        }

        void runAll() {
            for (Runnable r; (r = posted.poll()) != null; ) {
                r.run();
            }
        }
    }

    static void waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("not met within 60 s");
    }
}
