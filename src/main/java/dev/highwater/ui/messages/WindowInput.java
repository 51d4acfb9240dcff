package dev.highwater.ui.messages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The instants a window search is typed with, read in the zone the screen shows: a date and time there
 * ({@code 2026-03-15 09:00}, seconds optional, a T between them as well), or an ISO-8601 instant with Z or an
 * offset ({@code 2026-03-15T09:00:00Z}). Bad text throws one sentence to show.
 */
final class WindowInput {

    /** How an instant is written back in the fields and the summary: to the second, in the zone shown. */
    private static final String EXAMPLE = "2026-03-15 09:00";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter();

    private WindowInput() {
    }

    /** The window's two ends; IllegalArgumentException (one sentence) for text that is not one, or to before from. */
    record Window(Instant from, Instant to) {
    }

    static Window window(String fromText, String toText, ZoneId zone) {
        Instant from = instant("from", fromText, zone);
        Instant to = instant("to", toText, zone);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The window ends before it starts: 'to' (" + shown(to, zone)
                    + ") is before 'from' (" + shown(from, zone) + ").");
        }
        return new Window(from, to);
    }

    static Instant instant(String which, String text, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("Give the window's '" + which + "', e.g. " + EXAMPLE + ".");
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException noOffset) {
                try {
                    return LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("'" + t + "' is not a date and time; write it as "
                            + EXAMPLE + " (" + zoneLabel(zone) + ") or as an instant such as "
                            + "2026-03-15T09:00:00Z.");
                }
            }
        }
    }

    /** An instant as the fields show it: {@code 2026-03-15 09:00:00} in the zone. */
    static String shown(Instant instant, ZoneId zone) {
        return SHOWN.format(instant.atZone(zone));
    }

    /**
     * A window as a sentence says it, the date once when both ends fall on one day:
     * {@code from 2026-03-15 09:00:00 to 10:00:00 (UTC)}.
     */
    static String span(Instant from, Instant to, ZoneId zone) {
        String end = shown(to, zone);
        if (from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate())) {
            end = end.substring(end.indexOf(' ') + 1);
        }
        return "from " + shown(from, zone) + " to " + end + " (" + zoneLabel(zone) + ")";
    }

    /** The zone's name as a person reads it: UTC rather than Z or Etc/UTC, a region's id otherwise. */
    static String zoneLabel(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

}
