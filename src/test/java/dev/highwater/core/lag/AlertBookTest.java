package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AlertBookTest {

    private final AlertBook book = new AlertBook(2);

    private static AlertBook.Condition warning(String key, String message) {
        return new AlertBook.Condition(key, Alert.Severity.WARNING, "g", message);
    }

    private static AlertBook.Condition critical(String key) {
        return new AlertBook.Condition(key, Alert.Severity.CRITICAL, "g", key + " holds.");
    }

    private List<String> keys() {
        return book.alerts().stream().map(Alert::key).toList();
    }

    @Test
    void aConditionThatKeepsHoldingIsOneAlertWithItsFirstRaiseTime() {
        book.update(1_000, List.of(warning("hotspot:g:t-7", "t-7 lags 5,400.")));
        book.update(2_000, List.of(warning("hotspot:g:t-7", "t-7 lags 6,100.")));

        assertEquals(1, book.alerts().size());
        Alert alert = book.alerts().getFirst();
        assertEquals(1_000, alert.raisedAt());
        assertNull(alert.clearedAt());
        assertEquals("t-7 lags 6,100.", alert.message(), "the message follows the latest numbers");
    }

    @Test
    void anAlertClearsAtTheRefreshWhereItsConditionStopsHolding() {
        book.update(1_000, List.of(critical("a"), critical("b")));
        book.update(2_000, List.of(critical("b")));

        Alert cleared = book.alerts().get(1);
        assertEquals("a", cleared.key());
        assertEquals(1_000, cleared.raisedAt());
        assertEquals(2_000L, cleared.clearedAt());
        assertEquals(List.of("b"), book.active().stream().map(Alert::key).toList());

        book.update(3_000, List.of(critical("a")));
        assertEquals(List.of("a", "b", "a"), keys(), "raised again: a new alert, the old one stays in history");
        assertEquals(3_000, book.alerts().getFirst().raisedAt());
    }

    @Test
    void activeComeFirstMostSevereAndNewestFirstThenClearedNewestFirst() {
        book.update(1_000, List.of(warning("w-old", "."), critical("c-old"), critical("gone-1")));
        book.update(2_000, List.of(warning("w-old", "."), critical("c-old"), warning("w-new", "."),
                critical("c-new"), critical("gone-2")));
        book.update(3_000, List.of(warning("w-old", "."), critical("c-old"), warning("w-new", "."),
                critical("c-new")));

        assertEquals(List.of("c-new", "c-old", "w-new", "w-old", "gone-2", "gone-1"), keys());
    }

    @Test
    void theClearedHistoryIsBoundedAndCountsWhatItDropped() {
        for (int i = 0; i < 5; i++) {
            book.update(i * 1_000L, List.of(critical("c" + i)));
        }
        book.update(9_000, List.of());

        assertEquals(List.of("c4", "c3"), keys());
        assertEquals(3, book.dropped());
    }
}
