package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.CallRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The history's figures: unary latency percentiles per method, a stream by its own figures and in none of them. */
class MethodFiguresTest {

    private static final String GET = "blockchain.BlockchainIndexer/GetTransaction";
    private static final String SUBSCRIBE = "blockchain.BlockchainIndexer/SubscribeToBlocks";

    private static CallRecord call(String method, String kind, long millis, long sent, long received) {
        return new CallRecord(Instant.EPOCH, method, kind, "OK", "", millis * 1_000_000, sent, received, () -> "");
    }

    @Test
    void unaryPercentilesArePerMethodAndAStreamStaysOutOfThem() {
        List<CallRecord> newestFirst = new ArrayList<>();
        newestFirst.add(call(SUBSCRIBE, "server streaming", 17_000, 0, 1_700)); // 17 s open, 100 messages a second
        for (int ms = 10; ms >= 1; ms--) {
            newestFirst.add(call(GET, "unary", ms * 10, 1, 1));
        }
        newestFirst.add(call("other.Service/Ping", "unary", 2, 1, 1));

        List<MethodFigures> rows = MethodFigures.of(newestFirst);

        assertEquals(List.of(SUBSCRIBE, GET, "other.Service/Ping"), rows.stream().map(MethodFigures::method).toList(),
                "the most recently called first");
        MethodFigures get = rows.get(1);
        assertEquals(10, get.calls());
        // 10..100 ms: nearest rank, untouched by the 17 s stream and by the other method's 2 ms
        assertEquals("p50 50.0 · p90 90.0 · p99 100 ms", get.figures());
        assertEquals("1,700 messages · 100/s · 17 s", rows.getFirst().figures());
        assertEquals("SubscribeToBlocks: 1 stream · 1,700 messages · 100/s · 17 s", rows.getFirst().line());
        assertEquals("Ping: 1 call · p50 2.00 · p90 2.00 · p99 2.00 ms", rows.get(2).line());
    }
}
