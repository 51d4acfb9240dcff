package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.ReplayProgress;
import dev.highwater.core.text.ErrorText;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the Ledger models word what they show (a failure as one sentence, an instant with its zone, a replay's
 * progress and summary) and read the instant typed in.
 */
final class ScreenText {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ScreenText() {
    }

    static String sentence(RuntimeException e) {
        return ErrorText.sentence(e);
    }

    static String instant(Instant at, ZoneId zone) {
        return INSTANT.format(at.atZone(zone));
    }

    /**
     * Two instants as short as a column title can take them and still tell them apart: the time of day when both
     * fall on the same date in the zone (the date is in the summary above), else date and time.
     */
    static String[] columnInstants(Instant a, Instant b, ZoneId zone) {
        ZonedDateTime x = a.atZone(zone);
        ZonedDateTime y = b.atZone(zone);
        DateTimeFormatter f = x.toLocalDate().equals(y.toLocalDate()) ? TIME_OF_DAY : DATE_TIME;
        return new String[] {f.format(x), f.format(y)};
    }

    /** A date and a time of day (HH:mm or HH:mm:ss) in the zone; when they do not read, a sentence saying why. */
    static Instant readInstant(LocalDate day, String clockTime, ZoneId zone) {
        if (day == null) {
            throw new IllegalArgumentException("Choose a date.");
        }
        LocalTime t;
        try {
            t = LocalTime.parse(clockTime == null ? "" : clockTime.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Cannot read the time '" + clockTime + "'; use HH:mm or HH:mm:ss,"
                    + " e.g. 09:00 or 09:00:30.");
        }
        return day.atTime(t).atZone(zone).toInstant();
    }

    static String progress(ReplayProgress p) {
        return String.format(Locale.ROOT, "%,.0f events/s · %,d of %,d records · %s left", p.perSecond(),
                p.done(), p.total(), Double.isFinite(p.secondsLeft()) ? seconds(p.secondsLeft()) : "…");
    }

    private static String seconds(double s) {
        return s < 90 ? String.format(Locale.ROOT, "%.0f s", Math.ceil(s))
                : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }

    static String summary(AuditReport r, ZoneId zone) {
        return String.format(Locale.ROOT, "%,d accounts at %s · %,d events · %,d redeliveries counted once · "
                        + "%,d undecodable · %,d of an unknown type · %,d conflicting · read %,d records in %.1f s%s",
                r.balances().size(), instant(r.at(), zone), r.events(), r.duplicates(), r.undecodable(),
                r.unknownType(), r.conflicts(), r.stats().recordsRead(), r.stats().seconds(),
                r.stats().fromSnapshot() > 0 ? " (from a snapshot)" : "");
    }
}
