package dev.highwater.core.grpc;

import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.SubscribeRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench's pure pieces: request templates, grpcurl commands, headers, percentiles, the live buffer. */
class WorkbenchTextTest {

    @Test
    void aTemplateShowsEveryFieldAndOneNestedElement() {
        String t = JsonTemplate.of(Block.getDescriptor());

        assertTrue(t.contains("\"height\": \"0\""), t);
        assertTrue(t.contains("\"transactions\": [{"), t);
        assertTrue(t.contains("\"amount\": \"\""), t);
        assertEquals("{\n  \"startHeight\": \"0\"\n}", JsonTemplate.of(SubscribeRequest.getDescriptor()));
    }

    @Test
    void grpcurlForMutualTlsWithHeadersAndADeadline() {
        GrpcurlCommand c = new GrpcurlCommand("api.example:443", TransportSecurity.MUTUAL_TLS, "/certs/ca.pem",
                "/certs/me.pem", "/certs/me.key", null, List.of(Map.entry("authorization", "Bearer it's")),
                Duration.ofMillis(2500), "blockchain.BlockchainIndexer/GetTransaction", List.of("{\"hash\":\"AQID\"}"));

        assertEquals("grpcurl -cacert '/certs/ca.pem' -cert '/certs/me.pem' -key '/certs/me.key' "
                + "-H 'authorization: Bearer it'\\''s' -max-time 2.5 -d '{\"hash\":\"AQID\"}' api.example:443 "
                + "blockchain.BlockchainIndexer/GetTransaction", c.render());
    }

    @Test
    void grpcurlSaysWhenAFileIsPkcs12() {
        String c = new GrpcurlCommand("h:1", TransportSecurity.TLS, "trust.p12", null, null, null, List.of(), null,
                "s/M", List.of()).render();

        assertTrue(c.startsWith("# grpcurl reads PEM files: convert trust.p12"), c);
        assertTrue(c.endsWith("grpcurl -cacert 'trust.p12' -d '{}' h:1 s/M"), c);
    }

    @Test
    void headersAreCheckedLineByLine() {
        assertEquals(List.of(Map.entry("x-team", "payments"), Map.entry("authorization", "Bearer a:b")),
                MetadataHeaders.parse("X-Team: payments\n\n# comment\nauthorization: Bearer a:b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MetadataHeaders.parse("x-ok: 1\nno colon"));
        assertEquals("header line 2 'no colon' is not 'name: value'.", e.getMessage());
    }

    @Test
    void percentilesAreNearestRank() {
        long[] latencies = new long[100];
        for (int i = 0; i < 100; i++) {
            latencies[i] = 100 - i;
        }
        assertEquals(new CallHistory.Percentiles(100, 50, 90, 99), CallHistory.percentiles(latencies));
        assertEquals(new CallHistory.Percentiles(0, 0, 0, 0), new CallHistory(5).percentiles());
    }

    @Test
    void theHistoryKeepsTheNewestCalls() {
        CallHistory h = new CallHistory(2);
        for (int i = 1; i <= 3; i++) {
            h.add(new CallRecord(java.time.Instant.EPOCH, "s/M" + i, "unary", "OK", "", i, 1, 1, () -> ""));
        }
        assertEquals(List.of("s/M3", "s/M2"), h.calls().stream().map(CallRecord::method).toList());
    }

    @Test
    void theLiveBufferKeepsTheNewestAndSaysHowManyItDoesNotShow() {
        LiveBuffer<Integer> b = new LiveBuffer<>(3);
        b.view(0);
        for (int i = 1; i <= 5; i++) {
            b.add(i);
        }
        LiveBuffer.View<Integer> v = b.view(2_000_000_000L);

        assertEquals(List.of(3, 4, 5), v.items());
        assertEquals(5, v.received());
        assertEquals(2, v.notShown());
        assertEquals(2.5, v.perSecond(), 1e-9);
    }
}
