package dev.highwater.core.decode;

import dev.highwater.core.registry.MemorySchemaRegistry;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry-framed records read with the schema of their id: Protobuf, Avro, JSON Schema, and what fails. */
class RegistryDecodeTest {

    static final TypeSet TYPES = TypeSet.of(SchemaCatalog.withBuiltIn());
    static final RecordRendering RENDERING = new RecordRendering(TYPES);

    static final String MONEY = """
            syntax = "proto3";
            package acme;
            message Money { string currency = 1; string units = 2; }
            """;
    static final String ENVELOPE = """
            syntax = "proto3";
            package acme.pay;
            import "acme/money.proto";
            message Other { string x = 1; }
            message Envelope {
              message Audit { string who = 1; }
              message Payment { string id = 1; acme.Money amount = 2; }
              Payment payment = 1;
            }
            """;
    static final String PAYMENT_AVRO = """
            {"type": "record", "name": "Payment", "namespace": "com.acme", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "payer", "type": "com.acme.Party"},
              {"name": "raw", "type": "bytes"},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["DEBIT", "CREDIT"]}}
            ]}""";
    static final String PARTY_AVRO = """
            {"type": "record", "name": "Party", "namespace": "com.acme", "fields": [{"name": "name", "type": "string"}]}""";

    private final MemorySchemaRegistry registry = new MemorySchemaRegistry();
    private final WriterSchemas schemas = WriterSchemas.of(registry, Map.of());
    private final RecordDecoder values = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), false, schemas);

    /** The registry framing: magic 0, the id, the message indexes (null: none, as Avro and JSON have). */
    static byte[] frame(int id, int[] indexes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        if (indexes != null) {
            if (indexes.length == 1 && indexes[0] == 0) {
                out.write(0);
            } else {
                out.write(indexes.length * 2);
                for (int i : indexes) {
                    out.write(i * 2); // zig-zag of a small index
                }
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static Descriptor compiled(Map<String, String> texts, String main, String type) {
        SchemaCatalog.Source s = ProtoFolderSource.compile("test", texts, List.of());
        assertEquals(List.of(), s.problems());
        for (FileDescriptor f : s.files()) {
            if (f.getName().equals(main)) {
                Descriptor d = f.findMessageTypeByName(type.split("\\.")[0]);
                return type.contains(".") ? d.findNestedTypeByName(type.split("\\.")[1]) : d;
            }
        }
        throw new AssertionError(main);
    }

    static byte[] avro(Schema schema, GenericRecord r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, e);
        e.flush();
        return out.toByteArray();
    }

    static Schema paymentSchema() {
        Schema.Parser p = new Schema.Parser();
        p.parse(PARTY_AVRO);
        return p.parse(PAYMENT_AVRO);
    }

    static GenericRecord payment(Schema schema, String id, String amount, String note) {
        GenericRecord party = new GenericData.Record(schema.getField("payer").schema());
        party.put("name", "ann");
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", id);
        Schema amountSchema = schema.getField("amount").schema();
        r.put("amount", new Conversions.DecimalConversion().toBytes(new BigDecimal(amount), amountSchema,
                LogicalTypes.decimal(12, 2)));
        r.put("note", note);
        r.put("payer", party);
        r.put("raw", ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
        r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "CREDIT"));
        return r;
    }

    private String json(byte[] value) {
        return RENDERING.jsonLine(new DecodedRecord(raw(value), Decoding.ok(Format.NULL, null, 0, -1, null, "null"),
                values.decode("payments", value, null)));
    }

    static RawRecord raw(byte[] value) {
        return new RawRecord("payments", 0, 7, 1_710_492_000_000L, null, value, List.of());
    }

    @Test
    void protobufWithAReferenceAndANestedMessagePathIsReadByItsId() {
        int id = registry.register("payments-value", SchemaType.PROTOBUF, ENVELOPE, Map.of("acme/money.proto", MONEY));
        Descriptor payment = compiled(Map.of("acme/money.proto", MONEY, "e.proto", ENVELOPE), "e.proto",
                "Envelope.Payment");
        Descriptor money = payment.findFieldByName("amount").getMessageType();
        byte[] payload = DynamicMessage.newBuilder(payment).setField(payment.findFieldByName("id"), "p-1")
                .setField(payment.findFieldByName("amount"), DynamicMessage.newBuilder(money)
                        .setField(money.findFieldByName("currency"), "EUR")
                        .setField(money.findFieldByName("units"), "12.50").build())
                .build().toByteArray();

        Decoding d = values.decode("payments", frame(id, new int[] {1, 1}, payload), null);
        assertFalse(d.failed(), d.error());
        assertEquals(Format.REGISTRY_PROTOBUF, d.format());
        assertEquals("acme.pay.Envelope.Payment", d.typeName());
        assertEquals(new SubjectVersion("payments-value", 1, id), d.schema());

        String line = json(frame(id, new int[] {1, 1}, payload));
        assertTrue(line.contains("\"format\":\"registry-protobuf\",\"type\":\"acme.pay.Envelope.Payment\""), line);
        assertTrue(line.contains("\"schema\":{\"id\":" + id + ",\"subject\":\"payments-value\",\"version\":1}"), line);
        assertTrue(line.contains("\"value\":{\"id\":\"p-1\",\"amount\":{\"currency\":\"EUR\",\"units\":\"12.50\"}}"),
                line);

        Decoding nowhere = values.decode("payments", frame(id, new int[] {1, 5}, payload), null);
        assertTrue(nowhere.failed());
        assertEquals("the frame's message indexes [1, 5] name no message of the schema of id " + id, nowhere.error());
    }

    @Test
    void avroIsReadWithTheWritersSchemaDecimalsExactUnionsPlain() throws IOException {
        int party = registry.register("com.acme.Party", SchemaType.AVRO, PARTY_AVRO, Map.of());
        int id = registry.register("payments-value", SchemaType.AVRO, PAYMENT_AVRO,
                Map.of("com.acme.Party", PARTY_AVRO));
        assertTrue(party != id);
        Schema schema = paymentSchema();
        String line = json(frame(id, null, avro(schema, payment(schema, "p-1", "1234567890.10", "hi"))));
        assertTrue(line.contains("\"format\":\"registry-avro\",\"type\":\"com.acme.Payment\""), line);
        assertTrue(line.contains("\"value\":{\"id\":\"p-1\",\"amount\":\"1234567890.10\",\"note\":\"hi\","
                + "\"payer\":{\"name\":\"ann\"},\"raw\":\"AQL/\",\"kind\":\"CREDIT\"}"), line);
        assertTrue(line.contains("\"schema\":{\"id\":" + id + ",\"subject\":\"payments-value\",\"version\":1}"), line);

        String noNote = json(frame(id, null, avro(schema, payment(schema, "p-2", "-0.05", null))));
        assertTrue(noNote.contains("\"amount\":\"-0.05\",\"note\":null"), noNote);

        byte[] cut = avro(schema, payment(schema, "p-3", "1.00", "x"));
        Decoding bad = values.decode("payments", frame(id, null, java.util.Arrays.copyOf(cut, cut.length - 2)), null);
        assertTrue(bad.failed());
        assertEquals("the bytes end before a value of com.acme.Payment does", bad.error());
        byte[] longer = java.util.Arrays.copyOf(cut, cut.length + 3);
        Decoding extra = values.decode("payments", frame(id, null, longer), null);
        assertTrue(extra.failed());
        assertTrue(extra.error().startsWith("bytes follow the end of a value of com.acme.Payment"), extra.error());
    }

    @Test
    void filtersReadAvroAndJsonSchemaFields() throws IOException {
        int id = registry.register("payments-value", SchemaType.AVRO, PAYMENT_AVRO,
                Map.of("com.acme.Party", PARTY_AVRO));
        int json = registry.register("events-value", SchemaType.JSON, "{\"type\":\"object\"}", Map.of());
        Schema schema = paymentSchema();
        RecordFilter filter = RecordFilter.of(java.util.Set.of(), "", null, "payer.name == \"ann\" && amount > 1000");
        FilteredDecoder d = new FilteredDecoder(TYPES, DecoderChoice.AUTO, DecoderChoice.AUTO, Map.of(), schemas);
        assertTrue(d.decodeIfKept(raw(frame(id, null, avro(schema, payment(schema, "a", "1000.01", null)))), filter)
                != null);
        assertNull(d.decodeIfKept(raw(frame(id, null, avro(schema, payment(schema, "b", "999.99", null)))), filter));

        byte[] event = frame(json, null, "{\"payer\":{\"name\":\"ann\"},\"amount\":\"5000\"}"
                .getBytes(StandardCharsets.UTF_8));
        DecodedRecord kept = d.decodeIfKept(raw(event), filter);
        assertTrue(kept != null);
        assertEquals(Format.REGISTRY_JSON, kept.value().format());
        assertEquals(new SubjectVersion("events-value", 1, json), kept.value().schema());
        String line = RENDERING.jsonLine(kept);
        assertTrue(line.contains("\"format\":\"registry-json\",\"type\":null,\"schemaId\":" + json), line);
        assertTrue(line.contains("\"value\":{\"payer\":{\"name\":\"ann\"},\"amount\":\"5000\"}"), line);
        assertEquals("{\"payer\":{\"name\":\"ann\"},\"amount\":\"5000\"}", kept.summary());

        Decoding notJson = values.decode("events", frame(json, null, "{nope".getBytes(StandardCharsets.UTF_8)), null);
        assertTrue(notJson.failed());
        assertTrue(notJson.error().startsWith("the value after the JSON schema id is not JSON"), notJson.error());
    }

    @Test
    void threeVersionsOfASchemaEachReadTheirOwnRecords() {
        String v1 = "syntax = \"proto3\"; package shop; message Order { string id = 1; int64 cents = 2; }";
        String v2 = "syntax = \"proto3\"; package shop; message Order { string id = 1; int64 cents = 2; "
                + "string note = 3; }";
        String v3 = "syntax = \"proto3\"; package shop; message Order { reserved 2; reserved \"cents\"; "
                + "string id = 1; string note = 3; }";
        List<Integer> ids = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        for (String text : List.of(v1, v2, v3)) {
            int id = registry.register("orders-value", SchemaType.PROTOBUF, text, Map.of());
            ids.add(id);
            Descriptor order = compiled(Map.of("o.proto", text), "o.proto", "Order");
            DynamicMessage.Builder b = DynamicMessage.newBuilder(order).setField(order.findFieldByName("id"), "o-" + id);
            if (order.findFieldByName("cents") != null) {
                b.setField(order.findFieldByName("cents"), 1250L);
            }
            if (order.findFieldByName("note") != null) {
                b.setField(order.findFieldByName("note"), "v" + ids.size());
            }
            records.add(frame(id, new int[] {0}, b.build().toByteArray()));
        }
        for (int i = 0; i < 3; i++) {
            Decoding d = values.decode("orders", records.get(i), null);
            assertFalse(d.failed(), d.error());
            assertEquals(new SubjectVersion("orders-value", i + 1, ids.get(i)), d.schema());
            DecodedRecord row = new DecodedRecord(raw(records.get(i)),
                    Decoding.ok(Format.NULL, null, 0, -1, null, "null"), d);
            assertEquals("orders-value v" + (i + 1) + " (id " + ids.get(i) + ")", row.schemaLabel());
        }
        assertTrue(json(records.get(0)).contains("\"value\":{\"id\":\"o-" + ids.get(0) + "\",\"cents\":\"1250\"}"));
        assertTrue(json(records.get(1)).contains("\"cents\":\"1250\",\"note\":\"v2\"}"));
        assertTrue(json(records.get(2)).contains("\"value\":{\"id\":\"o-" + ids.get(2) + "\",\"note\":\"v3\"}"));
        assertEquals(3, registry.asked.get(), "each id is asked for once");
        for (int i = 0; i < 3; i++) {
            values.decode("orders", records.get(i), null);
        }
        assertEquals(3, registry.asked.get(), "each id is asked for once");
    }

    @Test
    void failuresAreRowsWithOneSentenceAndTheNextRecordsStillDecode() throws IOException {
        String v1 = "syntax = \"proto3\"; package shop; message Order { string id = 1; }";
        int good = registry.register("orders-value", SchemaType.PROTOBUF, v1, Map.of());
        Descriptor order = compiled(Map.of("o.proto", v1), "o.proto", "Order");
        byte[] ok = frame(good, new int[] {0}, DynamicMessage.newBuilder(order)
                .setField(order.findFieldByName("id"), "o-1").build().toByteArray());

        Decoding unknown = values.decode("orders", frame(4242, new int[] {0}, new byte[] {0x0a, 0x00}), null);
        assertTrue(unknown.failed());
        assertEquals(Format.REGISTRY, unknown.format());
        assertEquals("the schema registry in memory does not know schema id 4242", unknown.error());
        assertFalse(values.decode("orders", ok, null).failed(), "the stream goes on");

        int broken = registry.register("broken-value", SchemaType.PROTOBUF, "syntax = \"proto3\";\nmessage {", Map.of());
        Decoding notCompiled = values.decode("broken", frame(broken, new int[] {0}, new byte[0]), null);
        assertTrue(notCompiled.failed());
        assertTrue(notCompiled.error().startsWith("the registry's Protobuf schema of id " + broken
                + " does not compile: schema-id-" + broken + ".proto:2:9: expected a message name"), notCompiled.error());
        int badAvro = registry.register("bad-value", SchemaType.AVRO, "{\"type\": \"record\", \"name\": \"X\"}", Map.of());
        Decoding avroNotCompiled = values.decode("bad", frame(badAvro, null, new byte[] {2}), null);
        assertTrue(avroNotCompiled.failed());
        assertTrue(avroNotCompiled.error().startsWith("the registry's Avro schema of id " + badAvro
                + " does not compile: "), avroNotCompiled.error());

        int later = registry.register("orders-value", SchemaType.PROTOBUF, v1, Map.of());
        registry.failing = new RegistryException(RegistryException.Kind.UNREACHABLE,
                "the schema registry at memory did not answer (connection refused)");
        Decoding unreachable = values.decode("orders", frame(later, new int[] {0}, new byte[] {0x0a, 0x00}), null);
        assertTrue(unreachable.failed());
        assertEquals("the schema registry at memory did not answer (connection refused)", unreachable.error());
        Decoding cached = values.decode("orders", ok, null);
        assertFalse(cached.failed(), "a schema already read needs no registry: " + cached.error());
        assertEquals(new SubjectVersion("orders-value", 1, good), cached.schema());

        DecodedRecord row = new DecodedRecord(raw(frame(later, new int[] {0}, new byte[0])),
                Decoding.ok(Format.NULL, null, 0, -1, null, "null"),
                values.decode("orders", frame(later, new int[] {0}, new byte[0]), null));
        assertTrue(row.poison());
        String line = RENDERING.jsonLine(row);
        assertTrue(line.contains("\"format\":\"registry\",\"type\":null,\"schemaId\":" + later + ",\"error\":"
                + "\"schema registry (schema id " + later + "): the schema registry at memory did not answer"), line);
    }

    @Test
    void withoutARegistryFramedRecordsStillNeedTheirMapping() {
        RecordDecoder plain = new RecordDecoder(TYPES, DecoderChoice.AUTO, Map.of(), false);
        Decoding d = plain.decode("orders", frame(7, new int[] {0}, new byte[] {0x0a, 0x00}), null);
        assertTrue(d.failed());
        assertTrue(d.error().startsWith("schema id 7 is unknown here: map it to a type"), d.error());
        assertNull(d.schema());
    }
}
