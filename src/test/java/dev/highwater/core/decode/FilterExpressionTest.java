package dev.highwater.core.decode;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterExpressionTest {

    private static boolean test(String condition, Map<String, Object> fields) {
        FilterExpression e = FilterExpression.parse(condition);
        List<String> slots = e.fields();
        return e.test(new FilterExpression.Values() {
            public Object field(int slot) {
                return fields.get(slots.get(slot));
            }

            public Object record(String name) {
                return name.equals("partition") ? 3L : null;
            }
        });
    }

    @Test
    void comparesStringsAndDecimalStringsAsNumbers() {
        Map<String, Object> tx = Map.of("sender", "acme", "amount", "250.00", "status", 1L);
        assertTrue(test("sender == \"acme\" && amount > 100", tx));
        assertFalse(test("sender == \"acme\" && amount > 250", tx));
        assertTrue(test("amount >= 250.0 and not (status != 1)", tx));
        assertTrue(test("sender ~ 'AC' || amount < 0", tx));
        assertTrue(test("partition == 3", tx));
        assertFalse(test("missing == 1", tx));
        assertTrue(test("missing != 1", tx));
        assertTrue(test("sender", tx));
        assertTrue(test("value.amount == 250", Map.of("amount", new BigDecimal("250"))));
    }

    @Test
    void listsTheFieldsItReads() {
        assertEquals(List.of("sender", "amount", "meta.id"),
                FilterExpression.parse("sender == 'a' && amount > 1 || meta.id == 2 && partition == 1").fields());
    }

    @Test
    void aBadConditionSaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterExpression.parse("sender == && amount"));
        assertTrue(e.getMessage().contains("at character 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterExpression.parse("sender == \"acme"));
        assertThrows(IllegalArgumentException.class, () -> FilterExpression.parse("(a == 1"));
    }

    @Test
    void aConditionNestedTooDeepIsAFilterErrorLikeAnyOther() {
        for (String deep : TooDeepFilters.ALL) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterExpression.parse(deep));
            assertTrue(e.getMessage().startsWith("filter, at character ")
                    && e.getMessage().contains("nested more than 100 deep"), e.getMessage());
        }
        String deepest = "(".repeat(99) + "!status" + ")".repeat(99);
        assertFalse(test(deepest, Map.of("status", 1L)), "nesting up to the limit still works");
    }

    @Test
    void aLongChainOfConditionsIsWideNotDeep() {
        String chain = String.join(" && ", java.util.Collections.nCopies(100_000, "amount > 1"));
        assertTrue(test(chain, Map.of("amount", "2")));
        assertFalse(test(chain + " || !amount", Map.of("amount", "0")));
    }

    /** A record with headers and a timestamp, and no decoded fields. */
    private static boolean onRecord(String condition, Map<String, String> headers, Instant timestamp) {
        FilterExpression e = FilterExpression.parse(condition);
        return e.test(new FilterExpression.Values() {
            public Object field(int slot) {
                return null;
            }

            public Object record(String name) {
                return name.equals("timestamp") ? timestamp : null;
            }

            public Object header(String name) {
                return headers.get(name);
            }
        });
    }

    @Test
    void aHeaderComparesAsTextAndAMissingOneIsNull() {
        Map<String, String> h = Map.of("trace-id", "abc-123", "tenant", "acme");
        Instant t = Instant.parse("2026-03-15T09:00:00Z");
        assertTrue(onRecord("header[\"trace-id\"] == \"abc-123\"", h, t));
        assertFalse(onRecord("header['trace-id'] == 'abc-124'", h, t));
        assertTrue(onRecord("header[\"trace-id\"] ~ \"ABC\" && header[\"tenant\"] != \"other\"", h, t));
        assertTrue(onRecord("header[\"absent\"] == null", h, t));
        assertFalse(onRecord("header[\"absent\"]", h, t));
        assertTrue(onRecord("!header[\"absent\"] && header[\"tenant\"]", h, t));
        assertEquals(List.of(), FilterExpression.parse("header[\"tenant\"] == \"acme\"").fields(),
                "a header is not a decoded field: nothing to decode for it");
        assertEquals(List.of("header.id"), FilterExpression.parse("header.id == 1").fields(),
                "a decoded field named header is still one");
    }

    @Test
    void aHeaderNamedBadlySaysWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterExpression.parse("header[trace] == 'x'"));
        assertTrue(e.getMessage().startsWith("filter, at character 8: expected a header's name in quotes"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FilterExpression.parse("header['x' == 'y'"));
    }

    @Test
    void theTimestampComparesAsAnInstantWithIsoTextAndEpochMillis() {
        Instant t = Instant.parse("2026-03-15T09:00:00.250Z");
        Map<String, String> none = Map.of();
        // as text, "…09:00:00.250Z" sorts before "…09:00:00Z": a point in time must not
        assertTrue(onRecord("timestamp >= \"2026-03-15T09:00:00Z\"", none, t));
        assertFalse(onRecord("timestamp < \"2026-03-15T09:00:00Z\"", none, t));
        assertTrue(onRecord("timestamp < '2026-03-15T10:00:00+01:00' || timestamp > '2026-03-15T09:00:01Z'", none,
                Instant.parse("2026-03-15T08:59:59Z")));
        assertTrue(onRecord("timestamp == \"2026-03-15T09:00:00.250Z\"", none, t));
        assertTrue(onRecord("timestamp > " + (t.toEpochMilli() - 1) + " && timestamp <= " + t.toEpochMilli(), none, t));
        assertTrue(onRecord("timestamp ~ \"2026-03-15T09\"", none, t), "contains still reads the ISO text");
    }

    @Test
    void anIsoStringComparedWithTextStaysText() {
        assertTrue(test("when == \"2026-03-15T09:00:00Z\"", Map.of("when", "2026-03-15T09:00:00Z")));
        assertTrue(test("when ~ \"2026-03-15T09:00:00Z\"", Map.of("when", "at 2026-03-15T09:00:00Z")));
    }
}
