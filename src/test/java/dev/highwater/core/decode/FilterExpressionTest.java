package dev.highwater.core.decode;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
}
