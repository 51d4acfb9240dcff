package dev.highwater.ui.grpc;

import dev.highwater.ui.GroupedDecimal;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.schema.SchemaCatalog;

import java.nio.file.Path;
import java.util.Locale;

/** How the gRPC workbench words what it shows: counts, latencies, outcomes. Pure functions, no state. */
final class WorkbenchWords {

    private WorkbenchWords() {
    }

    static long services(SchemaCatalog.Source source) {
        return source.files().stream().mapToLong(f -> f.getServices().size()).sum();
    }

    /** " Not loaded: …" naming the files that did not link, or empty. */
    static String notLoaded(SchemaCatalog.Source source) {
        return source.problems().isEmpty() ? "" : " Not loaded: " + String.join("; ", source.problems());
    }

    /** The explanation without the code it starts with: the status line shows the code first already. */
    static String withoutCode(CallOutcome o) {
        String prefix = o.code() + ": ";
        return o.message().startsWith(prefix) ? o.message().substring(prefix.length()) : o.message();
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100 ? LagFormat.count(Math.round(ms)) + " ms" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** A decimal amount with its thousands grouped and every digit kept; text that is no number as it is. */
    static String amount(String decimal) {
        try {
            return GroupedDecimal.of(new java.math.BigDecimal(decimal));
        } catch (NumberFormatException e) {
            return decimal;
        }
    }

    static String path(Path p) {
        return p == null ? null : p.toString();
    }
}
