package dev.highwater.ui.schemas;

import dev.highwater.ui.PumpedUiThread;

import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SchemaUsage;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.tail.TailStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Schemas screen's model on a fake registry port and a fake tail source. */
class SchemasModelTest {

    static final String MONEY = "syntax = \"proto3\";\npackage shop;\nmessage Money { string amount = 1; }\n";
    static final String ORDER_V1 = "syntax = \"proto3\";\npackage shop;\nimport \"shop/money.proto\";\n"
            + "message Order { string id = 1; Money total = 2; }\n";
    static final String ORDER_V2 = ORDER_V1.replace("Money total = 2; }", "Money total = 2; string note = 3; }");

    private final PumpedUiThread ui = new PumpedUiThread();
    private final FakeRegistry registry = new FakeRegistry();
    private final FakeTails tails = new FakeTails();

    static FakeRegistry shop(FakeRegistry r) {
        r.register("shop/money.proto", SchemaType.PROTOBUF, MONEY, List.of());
        List<SchemaReference> refs = List.of(new SchemaReference("shop/money.proto", "shop/money.proto", 1));
        r.register("orders-value", SchemaType.PROTOBUF, ORDER_V1, refs);
        r.register("orders-value", SchemaType.PROTOBUF, ORDER_V2, refs);
        r.register("payments-value", SchemaType.AVRO, "{\"type\":\"record\",\"name\":\"Payment\",\"fields\":[]}",
                List.of());
        r.levels.put("orders-value", "FULL_TRANSITIVE");
        return r;
    }

    static byte[] framed(int id) {
        return ByteBuffer.allocate(7).put((byte) 0).putInt(id).put((byte) 0).put((byte) 8).array();
    }

    private SchemasModel model(Supplier<Optional<SchemaRegistry>> opener) {
        return new SchemasModel(opener, tails, ui, PumpedUiThread.sameThreadTasks());
    }

    private SchemasModel model() {
        shop(registry);
        return model(() -> Optional.of(registry));
    }

    @Test
    void listsTheSubjectsSortedAndFiltersThem() throws Exception {
        SchemasModel m = model();
        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());

        assertEquals(List.of("orders-value", "payments-value", "shop/money.proto"), m.subjects());
        assertEquals("http://registry.test:8081", m.whereProperty().get());
        assertEquals("", m.problemProperty().get());
        assertFalse(m.loadingProperty().get());

        m.filterProperty().set("VALUE");
        assertEquals(List.of("orders-value", "payments-value"), m.subjects());
        m.filterProperty().set(" ");
        assertEquals(3, m.subjects().size());
    }

    @Test
    void aSubjectShowsItsVersionsCompatibilityAndLatestSchemaWithItsReferences() throws Exception {
        SchemasModel m = model();
        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());

        m.selectSubject("orders-value");
        ui.until("the schema", () -> !m.schemaTextProperty().get().isEmpty());
        assertEquals(List.of(1, 2), m.versions());
        assertEquals(2, m.versionProperty().get(), "the latest version is shown first");
        assertEquals("FULL_TRANSITIVE", m.compatibilityProperty().get());
        assertEquals(ORDER_V2, m.schemaTextProperty().get());
        assertEquals("orders-value version 2 · id 3 · PROTOBUF · 1 reference", m.schemaFactsProperty().get());
        assertEquals(List.of(new SchemaReference("shop/money.proto", "shop/money.proto", 1)), m.references());

        m.selectReference(m.references().getFirst());
        assertEquals(MONEY, m.referenceTextProperty().get());

        m.selectVersion(1);
        assertEquals("", m.referenceTextProperty().get(), "a new version clears the reference shown");
        ui.until("version 1", () -> ORDER_V1.equals(m.schemaTextProperty().get()));
        assertEquals("orders-value version 1 · id 2 · PROTOBUF · 1 reference", m.schemaFactsProperty().get());

        m.selectSubject("payments-value");
        ui.until("the Avro schema", () -> m.schemaFactsProperty().get().startsWith("payments-value"));
        assertEquals("payments-value version 1 · id 4 · AVRO · no references", m.schemaFactsProperty().get());
        assertEquals("BACKWARD", m.compatibilityProperty().get());
        assertTrue(m.references().isEmpty());
    }

    @Test
    void anAnswerForASubjectTheUserHasLeftIsDropped() throws Exception {
        SchemasModel m = model();
        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());
        m.selectSubject("orders-value"); // answered at once on this thread, shown when the UI thread runs
        m.selectSubject("payments-value");
        ui.until("the payments schema", () -> m.schemaFactsProperty().get().startsWith("payments-value"));
        ui.runPosted();
        assertEquals(List.of(1), m.versions());
        assertEquals("payments-value", m.subjectProperty().get());
    }

    @Test
    void aProfileWithoutARegistrySaysWhereToAddOne() throws Exception {
        SchemasModel m = model(Optional::empty);
        m.refresh();
        ui.until("the sentence", () -> !m.problemProperty().get().isEmpty());

        assertTrue(m.noRegistryProperty().get());
        assertEquals(SchemasModel.NO_REGISTRY, m.problemProperty().get());
        assertTrue(m.subjects().isEmpty());
    }

    @Test
    void anUnreachableOrRefusingRegistryIsOneSentenceAndARefreshRecovers() throws Exception {
        SchemasModel m = model();
        registry.failing = new RegistryException(RegistryException.Kind.UNREACHABLE,
                "no schema registry answered at http://registry.test:8081 (connection refused): check the URL");
        m.refresh();
        ui.until("the sentence", () -> !m.problemProperty().get().isEmpty());
        assertEquals("No schema registry answered at http://registry.test:8081 (connection refused): check the URL.",
                m.problemProperty().get());
        assertFalse(m.noRegistryProperty().get());
        assertFalse(m.loadingProperty().get(), "the Refresh button is enabled again");

        registry.failing = new RegistryException(RegistryException.Kind.REFUSED,
                "The schema registry refused the credentials (401): check the user and password.");
        m.refresh();
        ui.until("the refusal", () -> m.problemProperty().get().contains("401"));
        assertEquals("The schema registry refused the credentials (401): check the user and password.",
                m.problemProperty().get());

        registry.failing = null;
        m.refresh();
        ui.until("the subjects", () -> m.allSubjects().size() == 3);
        assertEquals("", m.problemProperty().get());

        m.selectSubject("orders-value");
        ui.until("the versions", () -> !m.versions().isEmpty());
        registry.failing = new RegistryException(RegistryException.Kind.UNREACHABLE, "the registry stopped answering");
        m.selectVersion(1);
        ui.until("the failure", () -> !m.problemProperty().get().isEmpty());
        assertEquals("The registry stopped answering.", m.problemProperty().get());
        assertEquals("", m.schemaTextProperty().get());
    }

    @Test
    void settingsThatCannotOpenTheRegistryAreSaidAndTriedAgainOnRefresh() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        shop(registry);
        SchemasModel m = model(() -> {
            if (opened.incrementAndGet() == 1) {
                throw new ConnectionSettingsException("the environment variable REGISTRY_PASS is not set");
            }
            return Optional.of(registry);
        });
        m.refresh();
        ui.until("the sentence", () -> !m.problemProperty().get().isEmpty());
        assertEquals("The environment variable REGISTRY_PASS is not set.", m.problemProperty().get());

        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());
        assertEquals(2, opened.get());
        m.dispose();
        assertTrue(registry.closed, "the registry is closed with the screen");
    }

    @Test
    void theTopicPanelCountsTheVersionsOfTheLastNRecords() throws Exception {
        SchemasModel m = model();
        // partition 0: v1, v1, v2, v2 (ids 2, 2, 3, 3); partition 1: a plain record, then v2, v2 — timestamps interleave
        tails.add("orders", 0, 100, framed(2));
        tails.add("orders", 0, 200, framed(2));
        tails.add("orders", 0, 300, framed(3));
        tails.add("orders", 0, 600, framed(3));
        tails.add("orders", 1, 150, "plain".getBytes(StandardCharsets.UTF_8));
        tails.add("orders", 1, 400, framed(3));
        tails.add("orders", 1, 500, framed(99));
        tails.add("other", 0, 1, framed(4));
        m.refresh();
        VersionsOnTopicModel t = m.topic();
        ui.until("the topics", () -> !t.topics().isEmpty());
        assertEquals(List.of("orders", "other"), t.topics());
        assertEquals("1000", t.recordsProperty().get(), "1,000 records by default");

        t.topicProperty().set("orders");
        t.recordsProperty().set("4");
        t.read();
        ui.until("the rows", () -> !t.rows().isEmpty());

        assertEquals(List.of(TailStart.offset(0), TailStart.offset(0)), tails.asked.stream().map(r -> r.start()).toList(),
                "each partition read from N before its end, group-less");
        // the newest four by time: 600 (id 3), 500 (id 99), 400 (id 3), 300 (id 3)
        assertEquals(List.of(
                new SchemaUsage.Row(3, List.of(new SubjectVersion("orders-value", 2, 3)), 3, ""),
                new SchemaUsage.Row(99, List.of(), 1, "the registry does not know schema id 99")), t.rows());
        assertEquals("The last 4 records of orders (2 partitions) carry 2 schema ids.", t.summaryProperty().get());
        assertFalse(t.readingProperty().get());

        tails.asked.clear();
        t.recordsProperty().set("1,000");
        t.read();
        ui.until("all records", () -> t.summaryProperty().get().startsWith("The last 7"));
        assertEquals("The last 7 records of orders (2 partitions) carry 3 schema ids; 1 has no registry framing.",
                t.summaryProperty().get());
        assertEquals(List.of(2L, 3L, 1L), t.rows().stream().map(SchemaUsage.Row::records).toList(),
                "v1, v2, then the id the registry does not know");
    }

    @Test
    void theTopicPanelSaysWhatIsWrongInOneSentence() throws Exception {
        SchemasModel m = model();
        VersionsOnTopicModel t = m.topic();
        t.read();
        assertEquals("Choose a topic to read.", t.summaryProperty().get());

        t.topicProperty().set("orders");
        t.recordsProperty().set("many");
        t.read();
        assertEquals("Give the number of records as a whole number from 1 to 1,000,000.", t.summaryProperty().get());
        t.recordsProperty().set("0");
        t.read();
        assertEquals("Give the number of records as a whole number from 1 to 1,000,000.", t.summaryProperty().get());

        t.recordsProperty().set("10");
        t.topicProperty().set("missing");
        t.read();
        ui.until("the answer", () -> !t.readingProperty().get());
        assertEquals("There is no topic missing on this cluster.", t.summaryProperty().get());
    }

    @Test
    void withoutARegistryTheTopicPanelStillCountsTheIds() throws Exception {
        SchemasModel m = model(Optional::empty);
        tails.add("orders", 0, 1, framed(7));
        VersionsOnTopicModel t = m.topic();
        t.topicProperty().set("orders");
        t.read();
        ui.until("the rows", () -> !t.rows().isEmpty());
        assertEquals(new SchemaUsage.Row(7, List.of(), 1, "no schema registry in this profile to name schema id 7"),
                t.rows().getFirst());
    }

    /** A Protobuf record of the shop: framed with the id, the first message, then the payload. */
    static byte[] order(int id, byte[] payload) {
        return ByteBuffer.allocate(6 + payload.length).put((byte) 0).putInt(id).put((byte) 0).put(payload).array();
    }

    /** An order with its id and, when given, its note (tag 3, a string). */
    static byte[] orderPayload(String id, String note) {
        byte[] i = id.getBytes(StandardCharsets.UTF_8);
        byte[] n = note == null ? new byte[0] : note.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(2 + i.length + (note == null ? 0 : 2 + n.length));
        b.put((byte) 0x0a).put((byte) i.length).put(i);
        if (note != null) {
            b.put((byte) 0x1a).put((byte) n.length).put(n);
        }
        return b.array();
    }

    private SchemasModel subjectShown() throws InterruptedException {
        SchemasModel m = model();
        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());
        m.selectSubject("orders-value");
        ui.until("the schema", () -> !m.schemaTextProperty().get().isEmpty());
        return m;
    }

    @Test
    void aCompatibleFileIsSaidCompatibleAtTheSubjectsLevel(@TempDir Path dir) throws Exception {
        SchemasModel m = subjectShown();
        Path file = Files.writeString(dir.resolve("order.proto"),
                ORDER_V2.replace("string note = 3; }", "string note = 3; string channel = 4; }"));

        m.checkFile(file, "");
        assertTrue(m.checkingProperty().get() || !m.checkVerdictProperty().get().isEmpty());
        ui.until("the verdict", () -> !m.checkingProperty().get());

        assertEquals("order.proto is compatible with orders-value at FULL_TRANSITIVE (compared with v1, v2).",
                m.checkVerdictProperty().get());
        assertFalse(m.checkBreaksProperty().get());
        assertTrue(m.checkFindings().stream().noneMatch(f -> f.breaking()), m.checkFindings().toString());
        assertEquals("", m.checkTopicProperty().get(), "no topic was asked for");
        assertEquals("", m.checkFirstFailureProperty().get());
        assertEquals("", m.checkProblemProperty().get());
    }

    @Test
    void aReusedTagBreaksAndTheFirstRecordThatWouldNotDecodeIsNamed(@TempDir Path dir) throws Exception {
        SchemasModel m = subjectShown();
        // partition 0: two orders without a note; partition 1: one without, then one with a note (tag 3, a string)
        tails.add("orders", 0, 1, order(3, orderPayload("a", null)));
        tails.add("orders", 0, 2, order(3, orderPayload("b", null)));
        tails.add("orders", 1, 3, order(3, orderPayload("c", null)));
        tails.add("orders", 1, 4, order(3, orderPayload("d", "gift")));
        tails.add("orders", 1, 5, "plain".getBytes(StandardCharsets.UTF_8));
        Path file = Files.writeString(dir.resolve("order.proto"),
                ORDER_V2.replace("string note = 3; }", "int64 priority = 3; }"));

        m.checkFile(file, " orders ");
        ui.until("the verdict", () -> !m.checkingProperty().get());

        assertEquals("", m.checkProblemProperty().get());
        assertTrue(m.checkVerdictProperty().get().startsWith("order.proto breaks FULL_TRANSITIVE for orders-value: "),
                m.checkVerdictProperty().get());
        assertTrue(m.checkBreaksProperty().get());
        assertTrue(m.checkFindings().getFirst().breaking());
        assertTrue(m.checkFindings().stream().anyMatch(f -> f.breaking() && f.sentence().contains("reuses the tag of note")),
                m.checkFindings().toString());
        assertEquals("Topic orders: 5 records read (the last 1,000 offsets of each partition); 4 framed with"
                + " orders-value's schemas, 3 decode, 1 do not; 0 of other subjects, 1 not framed.",
                m.checkTopicProperty().get());
        assertTrue(m.checkFirstFailureProperty().get().startsWith(
                "First record that would not decode: partition 1 offset 1 (value, written with v2 (id 3)): field"
                        + " shop.Order.priority (tag 3)"), m.checkFirstFailureProperty().get());
    }

    @Test
    void aMissingFileOrAFailingRegistryIsOneSentence(@TempDir Path dir) throws Exception {
        SchemasModel m = model();
        m.checkFile(dir.resolve("order.proto"), "");
        assertEquals("Select the subject to check the schema file against.", m.checkProblemProperty().get());

        m.refresh();
        ui.until("the subjects", () -> !m.allSubjects().isEmpty());
        m.selectSubject("orders-value");
        ui.until("the schema", () -> !m.schemaTextProperty().get().isEmpty());
        Path missing = dir.resolve("order.proto");
        m.checkFile(missing, "");
        ui.until("the problem", () -> !m.checkProblemProperty().get().isEmpty());
        assertEquals("The schema file " + missing + " does not exist.", m.checkProblemProperty().get());
        assertEquals("", m.checkVerdictProperty().get());
        assertFalse(m.checkingProperty().get());

        Path avro = Files.writeString(dir.resolve("order.avsc"), "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}");
        m.checkFile(avro, "");
        ui.until("the problem", () -> m.checkProblemProperty().get().contains("AVRO"));
        assertEquals(avro + " is AVRO by its name, but the subject orders-value holds PROTOBUF schemas.",
                m.checkProblemProperty().get());

        Path file = Files.writeString(dir.resolve("order2.proto"), ORDER_V2);
        registry.failing = new RegistryException(RegistryException.Kind.UNREACHABLE, "the registry stopped answering");
        m.checkFile(file, "");
        ui.until("the problem", () -> !m.checkProblemProperty().get().isEmpty());
        assertEquals("The registry stopped answering.", m.checkProblemProperty().get());
        assertTrue(m.checkFindings().isEmpty());
    }
}
