package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.RequestJsonException;
import dev.highwater.net.LocalPorts;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcSessionTest {

    private static final Descriptors.ServiceDescriptor INDEXER = BlockchainIndexerProto.getDescriptor()
            .findServiceByName("BlockchainIndexer");

    private final Server server = start();
    private final CallHistory history = new CallHistory(100);
    private final GrpcSession session = new GrpcSession(ChannelSettings.plaintext("127.0.0.1:" + server.getPort())
            .withHeaders(List.of(Map.entry("x-team", "payments"))), history);

    @AfterEach
    void stop() throws InterruptedException {
        session.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aUnaryCallAnswersInJsonAndIsKeptInTheHistory() throws Exception {
        GrpcSession.UnaryResult r = session.unary(method("GetTransaction"), "{\"hash\":\"AQID\"}");

        assertEquals("OK", r.outcome().code());
        assertTrue(r.responseJson().contains("\"amount\": \"12.50\""), r.responseJson());
        CallRecord call = history.calls().getFirst();
        assertEquals("blockchain.BlockchainIndexer/GetTransaction", call.method());
        assertEquals("unary", call.kind());
        assertEquals("grpcurl -plaintext -H 'x-team: payments' -max-time 10 -d '{\"hash\":\"AQID\"}' 127.0.0.1:"
                + server.getPort() + " blockchain.BlockchainIndexer/GetTransaction", call.grpcurl());
        assertEquals(1, history.percentiles().calls());
    }

    @Test
    void aFailedCallShowsItsStatusAndTrailers() throws Exception {
        GrpcSession.UnaryResult r = session.unary(method("GetTransaction"), "{\"hash\":\"/w==\"}");

        assertEquals("NOT_FOUND", r.outcome().code());
        assertEquals("NOT_FOUND: no transaction with that hash.", r.outcome().message());
        assertEquals(List.of("req-42"), r.outcome().trailers().get("x-request-id"));
        assertNull(r.responseJson());
    }

    @Test
    void aStreamEndedWithAnErrorKeepsWhatCameBefore() {
        List<DynamicMessage> received = new CopyOnWriteArrayList<>();

        WorkbenchCall call = session.serverStream(method("SubscribeToBlocks"), "{\"startHeight\":\"10\"}",
                received::add);
        CallOutcome outcome = call.outcome().join();

        assertEquals("ABORTED", outcome.code());
        assertEquals("ABORTED: the index was rebuilt.", outcome.message());
        assertEquals(3, received.size());
        assertEquals(3, outcome.received());
        assertTrue(JsonMessages.compact(received.getLast()).contains("\"height\":\"12\""));
    }

    @Test
    void aClientStreamSendsEveryRequestThenHearsTheAnswer() {
        List<DynamicMessage> answers = new CopyOnWriteArrayList<>();

        CallOutcome outcome = session.clientStream(method("IngestTransactions"),
                List.of("{\"sender\":\"a\"}", "{\"sender\":\"b\"}", "{\"sender\":\"c\"}"), answers::add)
                .outcome().join();

        assertEquals("OK", outcome.code());
        assertEquals(3, outcome.sent());
        assertEquals("{\"ingested\":\"3\"}", JsonMessages.compact(answers.getFirst()));
    }

    @Test
    void aBidiStreamSendsWhileReceivingUntilHalfClosed() {
        List<DynamicMessage> answers = new CopyOnWriteArrayList<>();
        WorkbenchCall call = session.start(method("SyncBlocks"), answers::add);

        call.send("{\"haveHeight\":\"1\"}");
        await(() -> answers.size() == 1);
        call.send("{\"haveHeight\":\"5\"}");
        await(() -> answers.size() == 2);
        call.halfClose();

        assertEquals("OK", call.outcome().join().code());
        assertTrue(JsonMessages.compact(answers.get(1)).contains("\"height\":\"6\""));
        assertTrue(history.calls().getFirst().grpcurl().contains("-d '{\"haveHeight\":\"1\"}\n{\"haveHeight\":\"5\"}'"),
                history.calls().getFirst().grpcurl());
    }

    @Test
    void aCancelledCallSaysSo() {
        WorkbenchCall call = session.start(method("SyncBlocks"), m -> { });

        call.cancel();

        assertEquals("CANCELLED", call.outcome().join().code());
    }

    @Test
    void aSilentCallEndsAtItsDeadline() {
        try (GrpcSession quick = new GrpcSession(session.settings().withDeadline(Duration.ofMillis(300))
                .withDeadlineOnStreams(true), history)) {
            CallOutcome o = quick.start(method("SyncBlocks"), m -> { }).outcome().join();

            assertEquals("DEADLINE_EXCEEDED", o.code());
            assertTrue(o.message().contains("within 300 ms"), o.message());
        }
    }

    @Test
    void badJsonNamesTheFieldAndSendsNothing() {
        RequestJsonException e = assertThrows(RequestJsonException.class,
                () -> session.unary(method("GetTransaction"), "{\"hash\":\"not base64!\"}"));

        assertEquals("hash", e.field());
        assertTrue(e.getMessage().startsWith("field hash (bytes): "), e.getMessage());
        assertEquals(List.of(), history.calls());
    }

    @Test
    void anUnreachableTargetSaysWhatToCheckWithinTheDeadline() throws Exception {
        ChannelSettings nowhere = ChannelSettings.plaintext("127.0.0.1:" + LocalPorts.free())
                .withDeadline(Duration.ofSeconds(3));
        try (GrpcSession s = new GrpcSession(nowhere, history)) {
            CallOutcome o = s.unary(method("GetTransaction"), "{}").outcome();

            assertEquals("UNAVAILABLE", o.code());
            assertTrue(o.message().contains("is unreachable") && o.message().contains("check the address"),
                    o.message());
        }
    }

    private static Descriptors.MethodDescriptor method(String name) {
        return INDEXER.findMethodByName(name);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }

    private static Server start() {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new ScriptedIndexer()).build().start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
