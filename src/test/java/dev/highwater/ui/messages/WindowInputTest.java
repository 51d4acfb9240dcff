package dev.highwater.ui.messages;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window search's typed instants and its progress line. */
class WindowInputTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void readsADateAndTimeInTheZoneShownOrAnInstant() {
        Instant nine = Instant.parse("2026-03-15T08:00:00Z"); // 09:00 in Paris, winter time
        assertEquals(nine, WindowInput.instant("from", "2026-03-15 09:00", PARIS));
        assertEquals(nine, WindowInput.instant("from", " 2026-03-15T09:00:00 ", PARIS));
        assertEquals(nine.plusMillis(250), WindowInput.instant("from", "2026-03-15 09:00:00.250", PARIS));
        assertEquals(nine, WindowInput.instant("from", "2026-03-15T08:00:00Z", PARIS));
        assertEquals(nine, WindowInput.instant("from", "2026-03-15T10:00:00+02:00", PARIS));
        assertEquals("2026-03-15 09:00:00", WindowInput.shown(nine, PARIS));
        assertEquals("from 2026-03-15 09:00:00 to 23:59:59 (Europe/Paris)",
                WindowInput.span(nine, Instant.parse("2026-03-15T22:59:59Z"), PARIS));
        assertEquals("from 2026-03-15 09:00:00 to 2026-03-16 00:00:00 (Europe/Paris)",
                WindowInput.span(nine, Instant.parse("2026-03-15T23:00:00Z"), PARIS));
        assertEquals("UTC", WindowInput.zoneLabel(ZoneOffset.UTC));
        assertEquals("UTC", WindowInput.zoneLabel(ZoneId.of("Etc/UTC")));
        assertEquals("Europe/Paris", WindowInput.zoneLabel(PARIS));
    }

    @Test
    void badTextIsOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowInput.window("yesterday", "2026-03-15 09:00", PARIS));
        assertEquals("'yesterday' is not a date and time; write it as 2026-03-15 09:00 (Europe/Paris) or as an "
                + "instant such as 2026-03-15T09:00:00Z.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WindowInput.window("2026-03-15 09:00", " ", PARIS));
        assertEquals("Give the window's 'to', e.g. 2026-03-15 09:00.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WindowInput.window("2026-03-15 09:00", "2026-03-15 08:59:59", PARIS));
        assertTrue(e.getMessage().startsWith("The window ends before it starts"), e.getMessage());
    }

    @Test
    void theTimeLeftGoesByTheRateOffsetsWereCoveredAt() {
        SearchProgress half = new SearchProgress(4_000, 3, 5_000, 10_000, Duration.ofSeconds(20));
        assertEquals(0.5, half.fraction());
        assertEquals(Duration.ofSeconds(20), half.left());
        assertEquals("4,000 read · 3 matches · about 20 s left", half.text());

        SearchProgress early = new SearchProgress(10, 1, 10, 10_000, Duration.ofMillis(100));
        assertNull(early.left(), "too early for a rate");
        assertEquals("10 read · 1 match · estimating the time left", early.text());

        SearchProgress unknown = new SearchProgress(0, 0, 0, 0, Duration.ofSeconds(1));
        assertEquals(-1, unknown.fraction());
        assertEquals("0 read · 0 matches", unknown.text());
    }
}
