package dev.highwater.ui.grpc;

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
        String plain;
        try {
            plain = new java.math.BigDecimal(decimal).toPlainString();
        } catch (NumberFormatException e) {
            return decimal;
        }
        int start = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder out = new StringBuilder(plain.length() + 8).append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, end, plain.length()).toString();
    }

    static String path(Path p) {
        return p == null ? null : p.toString();
    }
}
