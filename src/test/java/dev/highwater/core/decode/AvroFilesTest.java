package dev.highwater.core.decode;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Avro without a registry: values of a type from .avsc files, and object container files detected as such. */
class AvroFilesTest {

    private static final Decoding NO_KEY = Decoding.ok(Format.NULL, null, 0, -1, null, "null");

    static byte[] container(Schema schema, List<GenericRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            w.create(schema, out);
            for (GenericRecord r : records) {
                w.append(r);
            }
        }
        return out.toByteArray();
    }

    private static String line(RecordDecoder d, byte[] value) {
        return RegistryDecodeTest.RENDERING.jsonLine(new DecodedRecord(RegistryDecodeTest.raw(value), NO_KEY,
                d.decode("payments", value, null)));
    }

    @Test
    void avscFilesInAnyOrderGiveTheTypeAValueIsPinnedTo(@TempDir Path dir) throws IOException {
        Path payment = Files.writeString(dir.resolve("payment.avsc"), RegistryDecodeTest.PAYMENT_AVRO);
        Path party = Files.writeString(dir.resolve("party.avsc"), RegistryDecodeTest.PARTY_AVRO);
        Map<String, AvroType> types = AvscFiles.load(List.of(payment, party));
        assertTrue(types.keySet().containsAll(List.of("com.acme.Party", "com.acme.Payment", "com.acme.Kind")),
                types.keySet().toString());

        WriterSchemas schemas = WriterSchemas.of(null, types);
        RecordDecoder pinned = new RecordDecoder(RegistryDecodeTest.TYPES, DecoderChoice.parse("avro:com.acme.Payment"),
                Map.of(), false, schemas);
        Schema schema = RegistryDecodeTest.paymentSchema();
        byte[] value = RegistryDecodeTest.avro(schema, RegistryDecodeTest.payment(schema, "p-9", "10.00", null));
        Decoding d = pinned.decode("payments", value, null);
        assertFalse(d.failed(), d.error());
        assertEquals(Format.AVRO, d.format());
        assertEquals("com.acme.Payment", d.typeName());
        String line = line(pinned, value);
        assertTrue(line.contains("\"format\":\"avro\",\"type\":\"com.acme.Payment\",\"value\":{\"id\":\"p-9\","
                + "\"amount\":\"10.00\",\"note\":null"), line);

        Decoding garbage = pinned.decode("payments", new byte[] {(byte) 0xff, 0x01}, null);
        assertTrue(garbage.failed());
        assertEquals("avro com.acme.Payment", garbage.decoder());

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new RecordDecoder(
                RegistryDecodeTest.TYPES, DecoderChoice.parse("avro:com.acme.Nope"), Map.of(), false, schemas));
        assertTrue(missing.getMessage().startsWith("the Avro type com.acme.Nope is not among the loaded types; "
                + "the .avsc files define "), missing.getMessage());
    }

    @Test
    void aFileThatIsNotAnAvroSchemaIsOneSentence(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.avsc"), "{\"type\": \"record\", \"name\": \"X\", "
                + "\"fields\": [{\"name\": \"a\", \"type\": \"com.acme.Missing\"}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AvscFiles.load(List.of(bad)));
        assertTrue(e.getMessage().startsWith(bad + " is not an Avro schema: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> AvscFiles.load(List.of(dir.resolve("gone.avsc"))));
        assertEquals("the file " + dir.resolve("gone.avsc") + " does not exist", gone.getMessage());
    }

    @Test
    void objectContainerFilesAreDetectedAndReadWithTheirOwnSchema() throws IOException {
        Schema schema = RegistryDecodeTest.paymentSchema();
        RecordDecoder auto = new RecordDecoder(RegistryDecodeTest.TYPES, DecoderChoice.AUTO, Map.of(), false);
        byte[] two = container(schema, List.of(RegistryDecodeTest.payment(schema, "a", "1.00", null),
                RegistryDecodeTest.payment(schema, "b", "2.50", "x")));
        Decoding d = auto.decode("payments", two, null);
        assertFalse(d.failed(), d.error());
        assertEquals(Format.AVRO, d.format());
        assertEquals("avro object container (com.acme.Payment)", d.decoder());
        String line = line(auto, two);
        assertTrue(line.contains("\"value\":[{\"id\":\"a\",\"amount\":\"1.00\""), line);
        assertTrue(line.contains("{\"id\":\"b\",\"amount\":\"2.50\",\"note\":\"x\""), line);

        byte[] one = container(schema, List.of(RegistryDecodeTest.payment(schema, "c", "3.00", null)));
        assertTrue(line(auto, one).contains("\"value\":{\"id\":\"c\",\"amount\":\"3.00\""), line(auto, one));
        DecodedRecord row = new DecodedRecord(RegistryDecodeTest.raw(one), NO_KEY, auto.decode("payments", one, null));
        assertTrue(row.summary().startsWith("{\"id\":\"c\",\"amount\":\"3.00\""), row.summary());

        byte[] cut = java.util.Arrays.copyOf(two, two.length - 20);
        Decoding broken = auto.decode("payments", cut, null);
        assertTrue(broken.failed());
        assertTrue(broken.error().startsWith("the Avro object container cannot be read ("), broken.error());

        // other values are read as before: a Protobuf value, JSON and text never look like a container
        Decoding tx = auto.decode("transactions", RecordDecoderTest.transaction("Obj", "1.00"), null);
        assertEquals("blockchain.Transaction", tx.typeName());
        assertEquals(Format.TEXT, auto.decode("notes", "Obj and more".getBytes(), null).format());
    }
}
