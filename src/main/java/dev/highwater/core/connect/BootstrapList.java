package dev.highwater.core.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bootstrap server lists and host:port targets, checked before any client is made, one sentence per problem. */
public final class BootstrapList {

    private BootstrapList() {
    }

    /** The entries of a comma-separated list, trimmed, blanks dropped. */
    public static List<String> entries(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    public static String normalized(String list) {
        return String.join(",", entries(list));
    }

    /** What is wrong with a bootstrap list, if anything. */
    public static Optional<String> problem(String list) {
        List<String> entries = entries(list);
        if (entries.isEmpty()) {
            return Optional.of("Enter the bootstrap servers, e.g. broker1:9092,broker2:9092.");
        }
        for (String e : entries) {
            Optional<String> p = hostPortProblem(e, "Bootstrap server");
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** What is wrong with one host:port entry, if anything; {@code what} names it in the sentence. */
    public static Optional<String> hostPortProblem(String entry, String what) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            return Optional.of(what + " '" + entry + "' needs host:port, e.g. " + (what.startsWith("gRPC")
                    ? "localhost:50051." : "broker1:9092."));
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") != host.endsWith("]") || host.chars().anyMatch(Character::isWhitespace)
                || host.contains("/")) {
            return Optional.of(what + " '" + entry + "' has a malformed host '" + host + "'.");
        }
        String port = entry.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                return Optional.of(what + " '" + entry + "': port " + p + " is not between 1 and 65535.");
            }
        } catch (NumberFormatException e) {
            return Optional.of(what + " '" + entry + "': port '" + port + "' is not a number.");
        }
        return Optional.empty();
    }
}
