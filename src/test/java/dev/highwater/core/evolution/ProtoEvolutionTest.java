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

/** The Protobuf evolution rules, each on the smallest pair of schemas that shows it. */
class ProtoEvolutionTest {

    private static final String V1 = """
            syntax = "proto3";
            package shop;
            message Order {
              string id = 1;
              int32 quantity = 2;
              string note = 3;
            }
            message Refund {
              string order_id = 1;
            }
            """;

    static RegisteredVersion version(int v, int id, String text) {
        return new RegisteredVersion(v, new RegisteredSchema(id, SchemaType.PROTOBUF, text, List.of(), Map.of()));
    }

    private static EvolutionReport check(String now, CompatibilityLevel level, RegisteredVersion... history) {
        return CompatibilityCheck.check(SchemaType.PROTOBUF, now, Map.of(), List.of(history), level);
    }

    private static String change(String from, String to) {
        assertTrue(V1.contains(from), from);
        return V1.replace(from, to);
    }

    @Test
    void anAddedFieldIsCompatible() {
        EvolutionReport r = check(change("string note = 3;", "string note = 3;\n  int64 total = 4;"),
                CompatibilityLevel.FULL, version(1, 10, V1));
        assertTrue(r.compatible(), r.findings().toString());
        assertEquals(List.of(), r.findings());
        assertEquals(List.of(1), r.compared());
    }

    @Test
    void aReusedTagNamesMessageFieldTagAndVersion() {
        EvolutionReport r = check(change("string note = 3;", "string comment = 3;"), CompatibilityLevel.BACKWARD,
                version(1, 10, V1));
        assertFalse(r.compatible());
        String s = r.breaking().getFirst().sentence();
        assertTrue(s.contains("shop.Order.comment (tag 3)") && s.contains("note") && s.contains("v1 (id 10)"), s);
    }

    @Test
    void aChangedWireTypeBreaksAndAWideningIsAccepted() {
        EvolutionReport wire = check(change("int32 quantity = 2;", "string quantity = 2;"), CompatibilityLevel.BACKWARD,
                version(1, 10, V1));
        assertFalse(wire.compatible());
        String s = wire.breaking().getFirst().sentence();
        assertTrue(s.contains("shop.Order.quantity (tag 2) changes from int32 in v1 (id 10) to string")
                && s.contains("unknown field"), s);

        EvolutionReport widened = check(change("int32 quantity = 2;", "int64 quantity = 2;"),
                CompatibilityLevel.BACKWARD, version(1, 10, V1));
        assertTrue(widened.compatible(), widened.findings().toString());
        assertTrue(widened.findings().getFirst().sentence().contains("accepted"), widened.findings().toString());

        // read the other way (FORWARD: v1 reads the new int64 values) a wider value is cut short
        EvolutionReport narrowed = check(change("int32 quantity = 2;", "int64 quantity = 2;"),
                CompatibilityLevel.FORWARD, version(1, 10, V1));
        assertFalse(narrowed.compatible());
        assertTrue(narrowed.breaking().getFirst().sentence().contains("int64 values do not all fit int32"),
                narrowed.findings().toString());

        EvolutionReport zigzag = check(change("int32 quantity = 2;", "sint32 quantity = 2;"),
                CompatibilityLevel.BACKWARD, version(1, 10, V1));
        assertTrue(zigzag.breaking().getFirst().sentence().contains("zigzag"), zigzag.findings().toString());

        EvolutionReport bytes = check(change("string note = 3;", "bytes note = 3;"), CompatibilityLevel.FULL,
                version(1, 10, V1));
        assertTrue(bytes.breaking().getFirst().sentence().contains("when v1 (id 10) reads the new schema's records")
                && bytes.breaking().getFirst().sentence().contains("UTF-8"), bytes.findings().toString());
    }

    @Test
    void aRemovedFieldMustHaveItsTagReserved() {
        EvolutionReport bare = check(change("string note = 3;", ""), CompatibilityLevel.BACKWARD, version(1, 10, V1));
        assertFalse(bare.compatible());
        String s = bare.breaking().getFirst().sentence();
        assertTrue(s.contains("shop.Order.note (tag 3) of v1 (id 10) is removed and its tag is not reserved"), s);

        EvolutionReport tagOnly = check(change("string note = 3;", "reserved 3;"), CompatibilityLevel.BACKWARD,
                version(1, 10, V1));
        assertTrue(tagOnly.compatible(), tagOnly.findings().toString());
        assertTrue(tagOnly.findings().getFirst().sentence().contains("reserve \"note\" too"), tagOnly.findings().toString());

        EvolutionReport both = check(change("string note = 3;", "reserved 3;\n  reserved \"note\";"),
                CompatibilityLevel.BACKWARD, version(1, 10, V1));
        assertTrue(both.compatible(), both.findings().toString());
        assertTrue(both.findings().getFirst().sentence().contains("its tag and name reserved"), both.findings().toString());
    }

    @Test
    void aReservedTagUsedAgainBreaks() {
        String v2 = change("string note = 3;", "reserved 3;");
        EvolutionReport r = check(change("string note = 3;", "reserved 4;\n  bool gift = 3;"), CompatibilityLevel.BACKWARD,
                version(2, 11, v2));
        assertTrue(r.breaking().getFirst().sentence().contains("shop.Order.gift (tag 3) uses tag 3, which v2 (id 11) "
                + "reserves"), r.findings().toString());
    }

    @Test
    void aMessageRemovedRenamedOrMovedBreaksTheFramedIndexPath() {
        EvolutionReport renamed = check(V1.replace("message Refund", "message Return"), CompatibilityLevel.BACKWARD,
                version(1, 10, V1));
        String s = renamed.breaking().getFirst().sentence();
        assertTrue(s.contains("message shop.Refund (index path [1] in v1 (id 10)) is removed or renamed; that path is "
                + "now shop.Return"), s);

        String swapped = """
                syntax = "proto3";
                package shop;
                message Refund { string order_id = 1; }
                message Order { string id = 1; int32 quantity = 2; string note = 3; }
                """;
        EvolutionReport moved = check(swapped, CompatibilityLevel.BACKWARD, version(1, 10, V1));
        assertTrue(moved.breaking().getFirst().sentence().contains("message shop.Order moves from index path [0] in "
                + "v1 (id 10) to [1]"), moved.findings().toString());
    }

    @Test
    void proto2RequiredFieldsBreakInTheDirectionThatReadsThem() {
        String v1 = """
                syntax = "proto2";
                package shop;
                message Order { required string id = 1; optional int32 quantity = 2; }
                """;
        EvolutionReport added = check(v1.replace("optional int32 quantity = 2;",
                "optional int32 quantity = 2; required string currency = 3;"), CompatibilityLevel.BACKWARD,
                version(1, 10, v1));
        assertTrue(added.breaking().getFirst().sentence().contains("shop.Order.currency (tag 3) is a new required "
                + "field"), added.findings().toString());

        EvolutionReport loosened = check(v1.replace("required string id", "optional string id"),
                CompatibilityLevel.FORWARD, version(1, 10, v1));
        assertTrue(loosened.breaking().getFirst().sentence().contains("shop.Order.id (tag 1) is required in v1 (id 10) "
                + "and no longer is"), loosened.findings().toString());
        assertTrue(check(v1.replace("required string id", "optional string id"), CompatibilityLevel.BACKWARD,
                version(1, 10, v1)).compatible());
    }

    @Test
    void transitiveLevelsCompareEveryVersionAndThePlainOnesOnlyTheLatest() {
        String v2 = change("int32 quantity = 2;", "reserved 2;");
        String v3 = change("int32 quantity = 2;", "reserved 2;\n  string quantity_text = 5;");
        String now = change("int32 quantity = 2;", "reserved 2;\n  string quantity_text = 5;\n  int32 count = 6;");
        EvolutionReport latest = check(now, CompatibilityLevel.BACKWARD, version(1, 10, V1), version(2, 11, v2),
                version(3, 12, v3));
        assertTrue(latest.compatible(), latest.findings().toString());
        assertEquals(List.of(3), latest.compared());

        // v1's tag 2 (int32 quantity) was reserved in v2; reusing it for a string breaks against v1 only
        String reuse = change("int32 quantity = 2;", "string quantity_text = 2;");
        String v3b = change("int32 quantity = 2;", "");
        EvolutionReport plain = check(reuse, CompatibilityLevel.BACKWARD, version(1, 10, V1), version(2, 11, v3b));
        assertTrue(plain.compatible(), plain.findings().toString());
        EvolutionReport transitive = check(reuse, CompatibilityLevel.BACKWARD_TRANSITIVE, version(1, 10, V1),
                version(2, 11, v3b));
        assertFalse(transitive.compatible());
        assertEquals(List.of(1, 2), transitive.compared());
        assertTrue(transitive.breaking().stream().allMatch(f -> f.sentence().contains("v1 (id 10)")),
                transitive.findings().toString());
    }

    @Test
    void levelNoneBreaksNothingButStillSaysWhatItFound() {
        EvolutionReport r = check(change("int32 quantity = 2;", "string quantity = 2;"), CompatibilityLevel.NONE,
                version(1, 10, V1));
        assertTrue(r.compatible());
        assertTrue(r.findings().stream().anyMatch(f -> f.sentence().contains("changes from int32")), r.findings().toString());
    }

    @Test
    void aSchemaThatDoesNotCompileIsOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check("syntax = \"proto3\"; message {", CompatibilityLevel.BACKWARD, version(1, 10, V1)));
        assertTrue(e.getMessage().startsWith("the new schema does not compile: "), e.getMessage());
    }

    @Test
    void importsComeFromTheReferencedTexts() {
        String money = "syntax = \"proto3\";\npackage common;\nmessage Money { string amount = 1; }\n";
        String v1 = "syntax = \"proto3\";\npackage shop;\nimport \"common/money.proto\";\n"
                + "message Order { common.Money total = 1; }\n";
        String moneyNow = money.replace("string amount = 1;", "int64 amount = 1;");
        RegisteredVersion registered = new RegisteredVersion(1, new RegisteredSchema(10, SchemaType.PROTOBUF, v1,
                List.of(), Map.of("common/money.proto", money)));
        EvolutionReport r = CompatibilityCheck.check(SchemaType.PROTOBUF, v1, Map.of("common/money.proto", moneyNow),
                List.of(registered), CompatibilityLevel.BACKWARD);
        assertTrue(r.breaking().getFirst().sentence().contains("common.Money.amount (tag 1) changes from string"),
                r.findings().toString());
    }
}
