package dev.highwater.core.evolution;

import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.SchemaType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Avro's resolution rules in each direction a level asks for, and the JSON Schema checks. */
class AvroAndJsonEvolutionTest {

    private static final String PAYMENT_V1 = """
            {"type":"record","name":"Payment","namespace":"bank","fields":[
              {"name":"id","type":"string"},
              {"name":"amount","type":"string"}]}
            """;

    private static RegisteredVersion version(SchemaType type, int v, int id, String text) {
        return new RegisteredVersion(v, new RegisteredSchema(id, type, text, List.of(), Map.of()));
    }

    private static EvolutionReport avro(String now, CompatibilityLevel level, RegisteredVersion... history) {
        return CompatibilityCheck.check(SchemaType.AVRO, now, Map.of(), List.of(history), level);
    }

    @Test
    void aFieldAddedWithoutDefaultBreaksBackwardButNotForward() {
        String now = PAYMENT_V1.replace("{\"name\":\"amount\",\"type\":\"string\"}",
                "{\"name\":\"amount\",\"type\":\"string\"},{\"name\":\"currency\",\"type\":\"string\"}");
        EvolutionReport backward = avro(now, CompatibilityLevel.BACKWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1));
        assertFalse(backward.compatible());
        assertEquals("the new schema cannot read v1 (id 20)'s records: field bank.Payment.currency has no default in "
                + "the reader and the writer's records lack it", backward.breaking().getFirst().sentence());
        assertTrue(avro(now, CompatibilityLevel.FORWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1)).compatible());

        String withDefault = now.replace("\"name\":\"currency\",\"type\":\"string\"",
                "\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"");
        assertTrue(avro(withDefault, CompatibilityLevel.FULL, version(SchemaType.AVRO, 1, 20, PAYMENT_V1)).compatible());
    }

    @Test
    void aRemovedFieldWithoutDefaultBreaksForward() {
        String now = PAYMENT_V1.replace(",\n  {\"name\":\"amount\",\"type\":\"string\"}", "");
        EvolutionReport forward = avro(now, CompatibilityLevel.FORWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1));
        assertFalse(forward.compatible(), now);
        assertTrue(forward.breaking().getFirst().sentence().startsWith("v1 (id 20) cannot read the new schema's records:"
                + " field bank.Payment.amount has no default"), forward.findings().toString());
        assertTrue(avro(now, CompatibilityLevel.BACKWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1)).compatible());
    }

    @Test
    void aTypeChangeNamesTheField() {
        String now = PAYMENT_V1.replace("{\"name\":\"amount\",\"type\":\"string\"}", "{\"name\":\"amount\",\"type\":\"long\"}");
        EvolutionReport r = avro(now, CompatibilityLevel.BACKWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1));
        assertEquals("the new schema cannot read v1 (id 20)'s records: field bank.Payment.amount is string in the "
                + "writer and long in the reader", r.breaking().getFirst().sentence());
        // int is promoted to long when read: Avro's own rule, so widening passes backward
        String intV1 = PAYMENT_V1.replace("{\"name\":\"amount\",\"type\":\"string\"}", "{\"name\":\"amount\",\"type\":\"int\"}");
        assertTrue(avro(now, CompatibilityLevel.BACKWARD, version(SchemaType.AVRO, 1, 20, intV1)).compatible());
        assertFalse(avro(now, CompatibilityLevel.FORWARD, version(SchemaType.AVRO, 1, 20, intV1)).compatible());
    }

    @Test
    void transitiveAvroComparesEveryVersion() {
        String v2 = PAYMENT_V1.replace("{\"name\":\"amount\",\"type\":\"string\"}",
                "{\"name\":\"amount\",\"type\":\"string\"},{\"name\":\"memo\",\"type\":\"string\",\"default\":\"\"}");
        String now = v2.replace("\"default\":\"\"", "\"default\":\"-\"").replace("{\"name\":\"id\",\"type\":\"string\"},", "")
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"ref\",\"type\":\"string\"},");
        EvolutionReport latest = avro(now, CompatibilityLevel.FORWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1),
                version(SchemaType.AVRO, 2, 21, v2));
        EvolutionReport all = avro(now, CompatibilityLevel.FORWARD_TRANSITIVE, version(SchemaType.AVRO, 1, 20, PAYMENT_V1),
                version(SchemaType.AVRO, 2, 21, v2));
        assertEquals(List.of(2), latest.compared());
        assertEquals(List.of(1, 2), all.compared());
        assertTrue(all.breaking().size() >= latest.breaking().size());
        assertTrue(all.breaking().stream().anyMatch(f -> f.sentence().contains("v1 (id 20)")), all.findings().toString());
    }

    @Test
    void aBadAvroSchemaIsOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> avro("{\"type\":\"record\"}", CompatibilityLevel.BACKWARD, version(SchemaType.AVRO, 1, 20, PAYMENT_V1)));
        assertTrue(e.getMessage().startsWith("the new schema is not a valid Avro schema: "), e.getMessage());
    }

    @Test
    void jsonSchemaTypeChangesAndRequiredProperties() {
        String v1 = """
                {"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"integer"},
                 "memo":{"type":"string"}},"required":["id","memo"]}
                """;
        String now = """
                {"type":"object","properties":{"id":{"type":"string"},"amount":{"type":"string"},
                 "memo":{"type":"string"}},"required":["id","amount"]}
                """;
        RegisteredVersion registered = version(SchemaType.JSON, 1, 30, v1);
        EvolutionReport backward = CompatibilityCheck.check(SchemaType.JSON, now, Map.of(), List.of(registered),
                CompatibilityLevel.BACKWARD);
        List<String> b = backward.breaking().stream().map(Finding::sentence).toList();
        assertEquals(2, b.size(), b.toString());
        assertTrue(b.contains("property /amount is [integer] in v1 (id 30) and [string] now: the new schema rejects "
                + "v1 (id 30)'s data"), b.toString());
        assertTrue(b.contains("property /amount is required now but not in v1 (id 30), whose data may lack it"),
                b.toString());
        EvolutionReport forward = CompatibilityCheck.check(SchemaType.JSON, now, Map.of(), List.of(registered),
                CompatibilityLevel.FORWARD);
        assertTrue(forward.breaking().stream().anyMatch(f -> f.sentence().equals("property /memo is required in "
                + "v1 (id 30) and no longer is: v1 (id 30)'s readers reject new data that lacks it")),
                forward.findings().toString());
        assertTrue(forward.findings().getLast().sentence().contains("not compared"));
        // number accepts integer: widening passes backward
        assertTrue(CompatibilityCheck.check(SchemaType.JSON, v1.replace("\"integer\"", "\"number\""), Map.of(),
                List.of(registered), CompatibilityLevel.BACKWARD).compatible());
    }
}
