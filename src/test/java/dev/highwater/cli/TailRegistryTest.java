package dev.highwater.cli;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.registry.SchemaReference;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.net.LocalPorts;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater tail --schema-registry` against a real broker and real registries: a topic written with three
 * versions of a schema, a schema with references, Avro, JSON Schema, an id the registry does not know, basic auth
 * (also from a config file whose secrets are environment references), a registry that stops answering while the
 * tail follows, and registry URLs that cannot be used.
 */
class TailRegistryTest {

    static final String V1 = "syntax = \"proto3\";\npackage shop;\nmessage Order { string id = 1; int64 cents = 2; }\n";
    static final String V2 = "syntax = \"proto3\";\npackage shop;\n"
            + "message Order { string id = 1; int64 cents = 2; string note = 3; }\n";
    static final String V3 = "syntax = \"proto3\";\npackage shop;\n"
            + "message Order { reserved 2; reserved \"cents\"; string id = 1; string note = 3; }\n";
    static final String MONEY = "syntax = \"proto3\";\npackage acme;\nmessage Money { string currency = 1; "
            + "string units = 2; }\n";
    static final String ENVELOPE = "syntax = \"proto3\";\npackage acme.pay;\nimport \"acme/money.proto\";\n"
            + "message Other { string x = 1; }\n"
            + "message Envelope {\n  message Audit { string who = 1; }\n"
            + "  message Payment { string id = 1; acme.Money amount = 2; }\n  Payment payment = 1;\n}\n";
    static final String AVRO = """
            {"type":"record","name":"Payment","namespace":"com.acme","fields":[
             {"name":"id","type":"string"},
             {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}}]}""";
    static final String JSON_SCHEMA = """
            {"$schema":"http://json-schema.org/draft-07/schema#","title":"Refund","type":"object",
             "properties":{"id":{"type":"string"},"amount":{"type":"string"}},"required":["id","amount"]}""";
    static final int UNKNOWN_ID = 987_654;

    private static EmbeddedKafka kafka;
    private static final String P = TestRegistries.prefix("tailRegistry");
    private static final String ORDERS = P + "orders";
    private static final String SECURED = P + "secured";
    private static int[] versions;
    private static int envelope;
    private static int avro;
    private static int jsonSchema;
    private static int securedId;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        SchemaRegistryServer open = TestRegistries.open();
        versions = new int[] {open.register(ORDERS + "-value", "PROTOBUF", V1, List.of()),
                open.register(ORDERS + "-value", "PROTOBUF", V2, List.of()),
                open.register(ORDERS + "-value", "PROTOBUF", V3, List.of())};
        open.register(P + "money", "PROTOBUF", MONEY, List.of());
        envelope = open.register(P + "payments-value", "PROTOBUF", ENVELOPE,
                List.of(new SchemaReference("acme/money.proto", P + "money", 1)));
        avro = open.register(P + "avro-value", "AVRO", AVRO, List.of());
        jsonSchema = open.register(P + "refunds-value", "JSON", JSON_SCHEMA, List.of());
        SchemaRegistryServer secured = TestRegistries.withBasicAuth();
        securedId = secured.register(SECURED + "-value", "PROTOBUF", V1, List.of());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(ORDERS, 1, (short) 1), new NewTopic(SECURED, 1, (short) 1)))
                    .all().get();
            List<byte[]> values = List.of(order(V1, versions[0], "o-1", 1250L, null),
                    order(V2, versions[1], "o-2", 990L, "gift"),
                    order(V3, versions[2], "o-3", null, "no cents"),
                    frame(UNKNOWN_ID, new byte[] {0}, new byte[] {0x0a, 0x01, 'x'}),
                    order(V1, versions[0], "o-4", 5L, null),
                    payment(), avroPayment(),
                    frame(jsonSchema, new byte[0], "{\"id\":\"r-1\",\"amount\":\"0.10\"}".getBytes()));
            for (byte[] v : values) {
                p.send(new ProducerRecord<>(ORDERS, 0, null, v)).get();
            }
            p.send(new ProducerRecord<>(SECURED, 0, null, order(V1, securedId, "s-1", 1L, null))).get();
            p.send(new ProducerRecord<>(SECURED, 0, null, "plain text after it".getBytes())).get();
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static byte[] frame(int id, byte[] indexes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        out.writeBytes(indexes);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static Descriptor type(Map<String, String> texts, String main, String... path) {
        SchemaCatalog.Source s = ProtoFolderSource.compile("test", texts, List.of());
        FileDescriptor f = s.files().stream().filter(x -> x.getName().equals(main)).findFirst().orElseThrow();
        Descriptor d = f.findMessageTypeByName(path[0]);
        for (int i = 1; i < path.length; i++) {
            d = d.findNestedTypeByName(path[i]);
        }
        return d;
    }

    static byte[] order(String schema, int id, String orderId, Long cents, String note) {
        Descriptor t = type(Map.of("o.proto", schema), "o.proto", "Order");
        DynamicMessage.Builder b = DynamicMessage.newBuilder(t).setField(t.findFieldByName("id"), orderId);
        if (cents != null) {
            b.setField(t.findFieldByName("cents"), cents);
        }
        if (note != null) {
            b.setField(t.findFieldByName("note"), note);
        }
        return frame(id, new byte[] {0}, b.build().toByteArray());
    }

    static byte[] payment() {
        Descriptor t = type(Map.of("acme/money.proto", MONEY, "e.proto", ENVELOPE), "e.proto", "Envelope", "Payment");
        Descriptor money = t.findFieldByName("amount").getMessageType();
        byte[] payload = DynamicMessage.newBuilder(t).setField(t.findFieldByName("id"), "p-1")
                .setField(t.findFieldByName("amount"), DynamicMessage.newBuilder(money)
                        .setField(money.findFieldByName("currency"), "EUR")
                        .setField(money.findFieldByName("units"), "12.50").build()).build().toByteArray();
        return frame(envelope, new byte[] {4, 2, 2}, payload); // indexes [1, 1]: Envelope.Payment
    }

    static byte[] avroPayment() throws IOException {
        Schema s = new Schema.Parser().parse(AVRO);
        GenericRecord r = new GenericData.Record(s);
        r.put("id", "a-1");
        r.put("amount", new org.apache.avro.Conversions.DecimalConversion().toBytes(new java.math.BigDecimal("1234.56"),
                s.getField("amount").schema(), s.getField("amount").schema().getLogicalType()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(s).write(r, e);
        e.flush();
        return frame(avro, new byte[0], out.toByteArray());
    }

    private static String schema(int id, String subject, int version) {
        return "\"schema\":{\"id\":" + id + ",\"subject\":\"" + subject + "\",\"version\":" + version + "}";
    }

    @Test
    void eachRecordIsReadWithItsOwnVersionAndAnUnknownIdIsARowOfItsOwn() {
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", ORDERS,
                "--format", "json", "--schema-registry", TestRegistries.open().url());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(8, lines.size(), r.out());
        String subject = ORDERS + "-value";
        assertTrue(lines.get(0).contains("\"format\":\"registry-protobuf\",\"type\":\"shop.Order\",\"schemaId\":"
                + versions[0] + "," + schema(versions[0], subject, 1) + ",\"value\":{\"id\":\"o-1\",\"cents\":\"1250\"}"),
                lines.get(0));
        assertTrue(lines.get(1).contains(schema(versions[1], subject, 2)
                + ",\"value\":{\"id\":\"o-2\",\"cents\":\"990\",\"note\":\"gift\"}"), lines.get(1));
        assertTrue(lines.get(2).contains(schema(versions[2], subject, 3)
                + ",\"value\":{\"id\":\"o-3\",\"note\":\"no cents\"}"), lines.get(2));
        assertTrue(lines.get(3).contains("\"format\":\"registry\",\"type\":null,\"schemaId\":" + UNKNOWN_ID
                + ",\"error\":\"schema registry (schema id " + UNKNOWN_ID + "): the schema registry at "
                + TestRegistries.open().url() + " does not know schema id " + UNKNOWN_ID + "\""), lines.get(3));
        assertTrue(lines.get(3).contains("\"hex\":\"00000f1206000a0178\""), lines.get(3));
        assertTrue(lines.get(4).contains(schema(versions[0], subject, 1) + ",\"value\":{\"id\":\"o-4\""),
                "the stream goes on: " + lines.get(4));
        assertTrue(lines.get(5).contains("\"type\":\"acme.pay.Envelope.Payment\"") && lines.get(5).contains(
                schema(envelope, P + "payments-value", 1) + ",\"value\":{\"id\":\"p-1\",\"amount\":{\"currency\":"
                        + "\"EUR\",\"units\":\"12.50\"}}"), lines.get(5));
        assertTrue(lines.get(6).contains("\"format\":\"registry-avro\",\"type\":\"com.acme.Payment\"")
                && lines.get(6).contains(schema(avro, P + "avro-value", 1)
                + ",\"value\":{\"id\":\"a-1\",\"amount\":\"1234.56\"}"), lines.get(6));
        assertTrue(lines.get(7).contains("\"format\":\"registry-json\",\"type\":null,\"schemaId\":" + jsonSchema
                + "," + schema(jsonSchema, P + "refunds-value", 1) + ",\"value\":{\"id\":\"r-1\",\"amount\":\"0.10\"}"),
                lines.get(7));

        CommandRun text = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", ORDERS,
                "--schema-registry", TestRegistries.open().url(), "--limit", "5");
        assertEquals(0, text.exit(), text.err());
        List<String> textLines = text.out().lines().toList();
        assertTrue(textLines.get(1).contains("shop.Order · " + subject + " v2 (id " + versions[1]
                + ")  [schema " + versions[1] + "] id=o-2"), text.out());
        assertTrue(textLines.get(3).contains("UNDECODABLE  schema registry (schema id " + UNKNOWN_ID + "): the schema "
                + "registry at " + TestRegistries.open().url() + " does not know schema id " + UNKNOWN_ID + "  hex "),
                text.out());
        assertTrue(textLines.get(4).contains("shop.Order · " + subject + " v1 (id " + versions[0] + ")"), text.out());
    }

    @Test
    void basicAuthFromAConfigFileAndARefusedPasswordIsARow(@TempDir Path dir) throws IOException {
        SchemaRegistryServer secured = TestRegistries.withBasicAuth();
        Path good = Files.writeString(dir.resolve("good.properties"), "schema.registry.url=" + secured.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\n"
                + "basic.auth.user.info=" + TestRegistries.USER + ":" + TestRegistries.PASSWORD + "\n");
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--format", "json", "--registry-config", good.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains(schema(securedId, SECURED + "-value", 1) + ",\"value\":{\"id\":\"s-1\""),
                lines.get(0));

        Path wrong = Files.writeString(dir.resolve("wrong.properties"), "schema.registry.url=" + secured.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=" + TestRegistries.USER + ":nope\n");
        CommandRun refused = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--format", "json", "--registry-config", wrong.toString());
        assertEquals(0, refused.exit(), refused.err());
        List<String> rows = refused.out().lines().toList();
        assertEquals(2, rows.size(), refused.out());
        assertTrue(rows.get(0).contains("\"error\":\"schema registry (schema id " + securedId + "): the schema "
                + "registry at " + secured.url() + " refused the credentials (HTTP 401); check basic.auth.user.info"
                + " (the user and the password)\""), rows.get(0));
        assertTrue(rows.get(1).contains("\"value\":\"plain text after it\""), rows.get(1));

        CommandRun anonymous = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--format", "json", "--schema-registry", secured.url());
        assertEquals(0, anonymous.exit(), anonymous.err());
        assertTrue(anonymous.out().contains("\"error\":\"schema registry (schema id " + securedId + "): the schema "
                + "registry at " + secured.url() + " refused to answer without credentials (HTTP 401); give"
                + " basic.auth.user.info or bearer.auth.token\""), anonymous.out());

        CommandRun none = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--registry-config", dir.resolve("missing.properties").toString());
        assertEquals(1, none.exit());
        assertEquals("highwater: the registry config file " + dir.resolve("missing.properties") + " does not exist",
                none.err().strip());
    }

    @Test
    void aRegistryThatStopsAnsweringLeavesCachedIdsDecodingAndNewIdsAreRowsOfTheirOwn() throws Exception {
        String topic = P + "midstream";
        SchemaRegistryServer own = TestRegistries.own();
        String url = own.url();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            int v1 = own.register(topic + "-value", "PROTOBUF", V1, List.of());
            int v2 = own.register(topic + "-value", "PROTOBUF", V2, List.of());
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            p.send(new ProducerRecord<>(topic, 0, null, order(V1, v1, "m-1", 1L, null))).get();
            p.send(new ProducerRecord<>(topic, 0, null, order(V1, v1, "m-2", 2L, null))).get();

            Lines out = new Lines();
            CommandLine cl = HighwaterCommand.commandLine();
            cl.setOut(new PrintWriter(out));
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() -> cl.execute("tail",
                    "--bootstrap", kafka.bootstrapServers(), "--topic", topic, "--format", "json", "--follow",
                    "--limit", "5", "--schema-registry", url));
            out.await(2, tail);
            own.close(); // the registry stops while the tail follows the topic

            p.send(new ProducerRecord<>(topic, 0, null, order(V1, v1, "m-3", 3L, null))).get();
            p.send(new ProducerRecord<>(topic, 0, null, order(V2, v2, "m-4", 4L, "new"))).get();
            p.send(new ProducerRecord<>(topic, 0, null, order(V1, v1, "m-5", 5L, null))).get();
            assertEquals(0, tail.get(120, TimeUnit.SECONDS), err.toString());
            List<String> lines = out.lines();
            assertEquals(5, lines.size(), String.join("\n", lines));
            String subject = topic + "-value";
            for (int i : new int[] {0, 1, 2, 4}) {
                assertTrue(lines.get(i).contains(schema(v1, subject, 1) + ",\"value\":{\"id\":\"m-" + (i + 1) + "\""),
                        "an id read before the registry stopped still decodes: " + lines.get(i));
            }
            assertTrue(lines.get(3).contains("\"format\":\"registry\",\"type\":null,\"schemaId\":" + v2
                    + ",\"error\":\"schema registry (schema id " + v2 + "): the schema registry at " + url
                    + " did not answer (connection refused); check that it runs and that the URL and its TLS settings"
                    + " are right\""), lines.get(3));
        } finally {
            own.close(); // once more when an assertion failed before the registry was stopped
        }
    }

    @Test
    void aRegistryConfigFileTakesSecretsFromTheEnvironment(@TempDir Path dir) throws Exception {
        SchemaRegistryServer secured = TestRegistries.withBasicAuth();
        Path split = Files.writeString(dir.resolve("split.properties"), "schema.registry.url=" + secured.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\n"
                + "basic.auth.user.info=${env:HW_TEST_REGISTRY_USER}:${env:HW_TEST_REGISTRY_PASSWORD}\n");
        Path whole = Files.writeString(dir.resolve("whole.properties"), "schema.registry.url=" + secured.url() + "\n"
                + "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=${env:HW_TEST_REGISTRY_USER_INFO}\n");
        Path passwordOnly = Files.writeString(dir.resolve("password.properties"), "schema.registry.url="
                + secured.url() + "\nbasic.auth.credentials.source=USER_INFO\nbasic.auth.user.info="
                + TestRegistries.USER + ":${env:HW_TEST_REGISTRY_PASSWORD}\n");
        Map<String, String> env = Map.of("HW_TEST_REGISTRY_USER", TestRegistries.USER,
                "HW_TEST_REGISTRY_PASSWORD", TestRegistries.PASSWORD,
                "HW_TEST_REGISTRY_USER_INFO", TestRegistries.USER + ":" + TestRegistries.PASSWORD);
        for (Path config : List.of(split, whole, passwordOnly)) {
            ProcessRun r = ProcessRun.of(env, "tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                    "--format", "json", "--registry-config", config.toString());
            assertEquals(0, r.exit(), config.getFileName() + ": " + r);
            assertEquals(2, r.out().size(), r.toString());
            assertTrue(r.out().getFirst().contains(schema(securedId, SECURED + "-value", 1)
                    + ",\"value\":{\"id\":\"s-1\""), config.getFileName() + ": " + r);
        }

        ProcessRun unset = ProcessRun.of(Map.of(), "tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--registry-config", passwordOnly.toString());
        assertEquals(1, unset.exit(), unset.toString());
        assertEquals(List.of("highwater: The environment variable HW_TEST_REGISTRY_PASSWORD is not set (the schema"
                + " registry's basic.auth.user.info refers to it as ${env:HW_TEST_REGISTRY_PASSWORD}); set it before"
                + " starting Highwater, or change the reference."), unset.err(), unset.toString());
        assertTrue(unset.out().isEmpty(), unset.toString());
    }

    @Test
    void aRegistryUrlThatCannotBeUsedIsOneLineAndOneThatDoesNotAnswerIsARow(@TempDir Path dir) throws IOException {
        for (String[] bad : List.of(
                new String[] {"registry:8081", "highwater: the schema registry URL 'registry:8081' should start with"
                        + " http:// or https:// and name a host"},
                new String[] {"http://bad host", "highwater: the schema registry URL 'http://bad host' is not a URL"},
                new String[] {"http://user:pw@registry:8081", "highwater: the schema registry URL 'registry' carries"
                        + " credentials: give them as basic.auth.user.info instead, so they are not shown with the URL"})) {
            CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", ORDERS,
                    "--schema-registry", bad[0]);
            assertEquals(1, r.exit(), r.err());
            assertEquals(bad[1], r.err().strip());
            assertTrue(r.out().isEmpty(), r.out());
        }
        Path noUrl = Files.writeString(dir.resolve("no-url.properties"), "basic.auth.user.info=a:b\n");
        CommandRun none = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", ORDERS,
                "--registry-config", noUrl.toString());
        assertEquals(1, none.exit());
        assertEquals("highwater: the registry config file " + noUrl + " names no schema.registry.url; add it there or"
                + " give --schema-registry", none.err().strip());

        // well-formed but nobody there: every framed record is a row saying so, the others decode, exit 0
        String nobody = "http://127.0.0.1:" + LocalPorts.free();
        CommandRun r = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--format", "json", "--schema-registry", nobody);
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).contains("\"error\":\"schema registry (schema id " + securedId + "): the schema "
                + "registry at " + nobody + " did not answer (connection refused)"), lines.get(0));
        assertTrue(lines.get(1).contains("\"value\":\"plain text after it\""), lines.get(1));

        // a registry's web address that is not its API: the row says where the API is
        String notTheApi = TestRegistries.open().url().replace("/apis/ccompat/v7", "");
        CommandRun wrongPath = CommandRun.of("tail", "--bootstrap", kafka.bootstrapServers(), "--topic", SECURED,
                "--schema-registry", notTheApi, "--limit", "1");
        assertEquals(0, wrongPath.exit(), wrongPath.err());
        assertTrue(wrongPath.out().contains("check that the URL is the registry's API (Apicurio's ends in"
                + " /apis/ccompat/v7)"), wrongPath.out());
    }

    /** What a command prints, line by line, as it prints it: a test can wait for the lines it needs. */
    private static final class Lines extends Writer {
        private final StringBuilder text = new StringBuilder();

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
            notifyAll();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        synchronized List<String> lines() {
            return text.toString().lines().toList();
        }

        /** Waits until {@code n} lines are printed; fails at once when the command ended before printing them. */
        synchronized void await(int n, CompletableFuture<Integer> command) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lines().size() < n) {
                assertFalse(command.isDone(), "the command ended after " + lines().size() + " lines: " + text);
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no " + n + " lines printed: " + text);
                wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 500));
            }
        }
    }
}
