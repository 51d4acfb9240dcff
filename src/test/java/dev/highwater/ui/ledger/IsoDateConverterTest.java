package dev.highwater.ui.ledger;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsoDateConverterTest {

    private final LocalDate chosen = LocalDate.of(2026, 12, 6);
    private final List<String> problems = new ArrayList<>();
    private final IsoDateConverter converter = new IsoDateConverter(() -> chosen, problems::add);

    @Test
    void datesReadAndShowAsIsoWhateverTheLocale() {
        assertEquals("2026-12-06", converter.toString(chosen));
        assertEquals(LocalDate.of(2026, 1, 9), converter.fromString(" 2026-01-09 "));
        assertEquals("", converter.toString(null));
        assertNull(converter.fromString(""));
        assertEquals(List.of(), problems);
    }

    @Test
    void aDateThatDoesNotReadKeepsTheOneChosenAndSaysWhy() {
        assertEquals(chosen, converter.fromString("12/7/2026"));
        assertEquals(List.of("Cannot read the date '12/7/2026'; use yyyy-MM-dd, e.g. 2026-12-06."), problems);
    }
}
