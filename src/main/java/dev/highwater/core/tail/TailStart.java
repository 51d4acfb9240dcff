package dev.highwater.core.tail;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where a tail starts in each partition: the beginning, the end, an offset, the first record at or after an
 * instant, or as many offsets before the end as {@code offset} says (the last records of each partition).
 */
public record TailStart(Kind kind, long offset, Instant instant) {

    public enum Kind { BEGINNING, END, OFFSET, INSTANT, LAST }

    public static TailStart beginning() {
        return new TailStart(Kind.BEGINNING, 0, null);
    }

    public static TailStart end() {
        return new TailStart(Kind.END, 0, null);
    }

    public static TailStart offset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("an offset is 0 or more, not " + offset);
        }
        return new TailStart(Kind.OFFSET, offset, null);
    }

    /** The last {@code count} offsets of each partition (all of a partition that holds fewer). */
    public static TailStart last(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("the last records are at least 1, not " + count);
        }
        return new TailStart(Kind.LAST, count, null);
    }

    public static TailStart at(Instant instant) {
        return new TailStart(Kind.INSTANT, 0, instant);
    }

    /** beginning, end, or an ISO-8601 instant such as 2024-03-15T09:00:00Z; IllegalArgumentException otherwise. */
    public static TailStart parse(String text) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "beginning", "earliest", "start" -> {
                return beginning();
            }
            case "end", "latest", "now" -> {
                return end();
            }
            default -> {
                try {
                    return at(Instant.parse(t));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("'" + text + "' is not beginning, end or an ISO-8601 instant "
                            + "such as 2024-03-15T09:00:00Z");
                }
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BEGINNING -> "the beginning";
            case END -> "the end";
            case OFFSET -> "offset " + offset;
            case INSTANT -> instant.toString();
            case LAST -> "the last " + offset + " offsets of each partition";
        };
    }
}
