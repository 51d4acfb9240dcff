package dev.highwater.core.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupFilterTest {

    @Test
    void withoutPatternsEveryGroupIsWatched() {
        assertTrue(GroupFilter.all().everyGroup());
        assertTrue(GroupFilter.of(List.of(), List.of()).watches("anything"));
    }

    @Test
    void includesMatchTheWholeGroupIdAndExcludesWin() {
        GroupFilter f = GroupFilter.of(List.of("payments-.*", "billing"), List.of(".*-test"));
        assertFalse(f.everyGroup());
        assertTrue(f.watches("payments-eu"));
        assertTrue(f.watches("billing"));
        assertFalse(f.watches("billing-eu"), "a pattern matches the whole id, not a part of it");
        assertFalse(f.watches("payments-test"), "excluded though included");
        assertFalse(f.watches("shipping"));
        assertTrue(GroupFilter.of(List.of(), List.of("tmp-.*")).watches("shipping"), "only excludes: all others");
    }

    @Test
    void aPatternThatIsNotARegularExpressionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GroupFilter.of(List.of("ok"), List.of("pay(")));
        assertEquals("--exclude 'pay(' is not a regular expression: Unclosed group", e.getMessage());
        assertEquals("--include 'a{2,1}' is not a regular expression: Illegal repetition range at character 6",
                assertThrows(IllegalArgumentException.class, () -> GroupFilter.of(List.of("a{2,1}"), List.of()))
                        .getMessage());
    }
}
