package dev.highwater.core.ledger;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Reads the instant of an audit: an ISO instant, a date-time with an offset or a zone, or "now". */
public final class AuditInstant {

    public static final String ACCEPTED = "2024-03-15T09:00:00Z, 2024-03-15T09:00:00+01:00, "
            + "2024-03-15T09:00[Europe/Paris], '2024-03-15T09:00 Europe/Paris' or now";

    private AuditInstant() {
    }

    /** The instants an audit can answer: event times are epoch milliseconds in a long. */
    public static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
    public static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

    /** @throws IllegalArgumentException naming the accepted forms, or the accepted range */
    public static Instant parse(String text, Clock clock) {
        Instant instant = parseAny(text, clock);
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(instant + " is outside the instants an audit can answer, "
                    + EARLIEST + " to " + LATEST + " (event times are epoch milliseconds)");
        }
        return instant;
    }

    private static Instant parseAny(String text, Clock clock) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeException ignored) {
            // not an instant in UTC: try the other forms
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException ignored) {
            // no offset
        }
        try {
            return ZonedDateTime.parse(t).toInstant();
        } catch (DateTimeException ignored) {
            // no [zone]
        }
        if (t.endsWith("]") && t.indexOf('[') > 0) {
            try {
                ZoneId zone = ZoneId.of(t.substring(t.indexOf('[') + 1, t.length() - 1));
                return LocalDateTime.parse(t.substring(0, t.indexOf('['))).atZone(zone).toInstant();
            } catch (DateTimeException ignored) {
                // falls through to the message
            }
        }
        int space = t.lastIndexOf(' ');
        if (space > 0) {
            try {
                ZoneId zone = ZoneId.of(t.substring(space + 1));
                return LocalDateTime.parse(t.substring(0, space).strip()).atZone(zone).toInstant();
            } catch (DateTimeException ignored) {
                // falls through to the message
            }
        }
        String hint = t.matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+") ? " (a date-time needs its zone or offset)" : "";
        throw new IllegalArgumentException("cannot read '" + t + "' as an instant" + hint + "; use " + ACCEPTED);
    }
}
