package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.lag.LagFormat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history's figures for one method. A unary method's are its latency percentiles; a stream's are what it
 * carried, how fast and for how long, since a stream open for 17 s is not a slow call and must not sit among
 * unary latencies.
 *
 * @param method  full method name
 * @param kind    unary, server streaming, client streaming or bidi streaming
 * @param calls   calls of it in the history
 * @param figures "p50 4.21 · p90 16.0 · p99 120 ms", or "1,701 messages · 100/s · 17 s" (sent and received)
 */
record MethodFigures(String method, String kind, int calls, String figures) {

    static final String UNARY = "unary";

    /** One row per method, the most recently called first. */
    static List<MethodFigures> of(List<CallRecord> newestFirst) {
        Map<String, List<CallRecord>> byMethod = new LinkedHashMap<>();
        for (CallRecord c : newestFirst) {
            byMethod.computeIfAbsent(c.method(), m -> new ArrayList<>()).add(c);
        }
        List<MethodFigures> rows = new ArrayList<>();
        byMethod.forEach((method, calls) -> {
            String kind = calls.getFirst().kind();
            rows.add(new MethodFigures(method, kind, calls.size(),
                    UNARY.equals(kind) ? latencies(calls) : streams(calls)));
        });
        return rows;
    }

    /** "GetTransaction: 12 calls · p50 …" for the history's heading. */
    String line() {
        String name = HistoryTable.shortName(method);
        String noun = UNARY.equals(kind) ? (calls == 1 ? " call" : " calls") : (calls == 1 ? " stream" : " streams");
        return name + ": " + LagFormat.count(calls) + noun + " · " + figures;
    }

    /**
     * The unit once, at the end, and three significant digits: three figures in one unit, equally long, read
     * faster than three units, and fit the column at 1280x800.
     */
    private static String latencies(List<CallRecord> calls) {
        CallHistory.Percentiles p = CallHistory.percentiles(calls.stream().mapToLong(CallRecord::latencyNanos)
                .toArray());
        return "p50 " + number(p.p50()) + " · p90 " + number(p.p90()) + " · p99 " + number(p.p99()) + " ms";
    }

    /** Milliseconds: "2.35", "42.2", "1,234". */
    static String number(long nanos) {
        double ms = nanos / 1e6;
        if (ms >= 99.95) {
            return LagFormat.count(Math.round(ms));
        }
        return String.format(java.util.Locale.ROOT, ms >= 9.995 ? "%.1f" : "%.2f", ms);
    }

    private static String streams(List<CallRecord> calls) {
        long received = calls.stream().mapToLong(CallRecord::received).sum();
        long sent = calls.stream().mapToLong(CallRecord::sent).sum();
        long nanos = calls.stream().mapToLong(CallRecord::latencyNanos).sum();
        double seconds = nanos / 1e9;
        return LagFormat.count(received + sent) + " messages · "
                + (seconds > 0 ? LagFormat.rate((received + sent) / seconds) : LagFormat.UNKNOWN) + " · "
                + LagFormat.seconds(seconds) + (calls.size() > 1 ? " in all" : "");
    }
}
