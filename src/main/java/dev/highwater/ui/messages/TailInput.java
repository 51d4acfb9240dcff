package dev.highwater.ui.messages;

import dev.highwater.core.tail.TailStart;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/** What the user typed to start a tail, read into what the tail takes; bad text throws one sentence to show. */
final class TailInput {

    private TailInput() {
    }

    /** Where to start; the text is an offset or an ISO-8601 instant when asked for, ignored otherwise. */
    static TailStart start(MessagesModel.StartAt at, String text) {
        return switch (at) {
            case END -> TailStart.end();
            case BEGINNING -> TailStart.beginning();
            case OFFSET -> TailStart.offset(offset(text));
            case INSTANT -> TailStart.at(instant(text));
        };
    }

    /** "7=pkg.Type, 8=pkg.Other" → {7: pkg.Type, 8: pkg.Other}; blank is none. */
    static Map<Integer, String> registryIds(String text) {
        Map<Integer, String> ids = new HashMap<>();
        if (text == null || text.isBlank()) {
            return ids;
        }
        for (String pair : text.split("[,;\\s]+")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            try {
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new NumberFormatException();
                }
                ids.put(Integer.parseInt(kv[0].strip()), kv[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair + "' is not a schema id and a type; write 7=pkg.Type.");
            }
        }
        return ids;
    }

    private static long offset(String text) {
        try {
            return Long.parseLong(text.strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an offset (a whole number, 0 or more).");
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an instant; write it as 2024-03-15T09:00:00Z.");
        }
    }
}
