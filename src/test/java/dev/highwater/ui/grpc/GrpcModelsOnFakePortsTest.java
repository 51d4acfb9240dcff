package dev.highwater.ui.grpc;

import dev.highwater.ui.PumpedUiThread;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.Subscription;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcCallException;
import dev.highwater.core.grpc.IndexerConnection;
import dev.highwater.core.grpc.OpenCall;
import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.grpc.WorkbenchSession;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocks and workbench models on small fake ports: what a port says reaches the screen, and back. */
class GrpcModelsOnFakePortsTest {

    private static final String TARGET = "indexer.test:50051";
    private static final String UNREACHABLE = "UNAVAILABLE: " + TARGET + " is unreachable (connection refused): "
            + "check the address and that the server is running.";

    private final PumpedUiThread ui = new PumpedUiThread();
    private final BackgroundTasks tasks = PumpedUiThread.sameThreadTasks();

    // ---- blocks ----

    @Test
    void aFailingBlockStreamIsSaidWithTheAdviceOfThePortAndKeepsTheBlocks() throws Exception {
        FakeIndexer indexer = new FakeIndexer();
        BlocksModel model = new BlocksModel(indexer, tasks, ui);

        model.start();
        indexer.listener.onBlock(Block.newBuilder().setHeight(41).build());
        indexer.listener.onError(UNREACHABLE);
        ui.until("the problem", () -> !model.streamProblem().get().isEmpty());

        assertEquals("The block stream ended: " + UNREACHABLE + " The blocks received are kept; Resume continues "
                + "after block 41.", model.streamProblem().get());
        assertFalse(model.streaming().get());
        model.dispose();
    }

    @Test
    void stopCancelsTheSubscriptionAtThePortAndDisposeClosesIt() throws Exception {
        FakeIndexer indexer = new FakeIndexer();
        BlocksModel model = new BlocksModel(indexer, tasks, ui);
        model.start();
        assertEquals(List.of(0L), indexer.subscribedFrom);

        model.stop();
        assertTrue(indexer.cancelled, "the stop reached the port");
        model.dispose();
        assertTrue(indexer.closed);
    }

    @Test
    void aConnectionThatCannotOpenIsSaidAsTheStreamsProblem() throws Exception {
        FakeIndexer indexer = new FakeIndexer();
        indexer.openProblem = "The CA file ca.pem cannot be read: check the path.";
        BlocksModel model = new BlocksModel(indexer, tasks, ui);

        model.start();
        ui.until("the problem", () -> !model.streamProblem().get().isEmpty());

        assertEquals("The block stream cannot start: The CA file ca.pem cannot be read: check the path.",
                model.streamProblem().get());
        assertFalse(model.streaming().get());
        model.dispose();
    }

    @Test
    void aLookupSaysNotFoundInPlainWordsAndOtherFailuresInThePortsSentence() throws Exception {
        FakeIndexer indexer = new FakeIndexer();
        BlocksModel model = new BlocksModel(indexer, tasks, ui);

        indexer.lookupFailure = new GrpcCallException("NOT_FOUND", "NOT_FOUND: no such transaction.", null);
        model.lookUp("0xABCD");
        ui.until("the answer", () -> model.lookupResult().get().startsWith("Not found"));
        assertEquals("Not found: the indexer at " + TARGET + " has no transaction abcd (it keeps only recent blocks; "
                + "check the hash).", model.lookupResult().get());

        indexer.lookupFailure = new GrpcCallException("UNAVAILABLE", UNREACHABLE, null);
        model.lookUp("abcd");
        ui.until("the answer", () -> model.lookupResult().get().startsWith("UNAVAILABLE"));
        assertEquals(UNREACHABLE, model.lookupResult().get());
        model.dispose();
    }

    // ---- workbench ----

    @Test
    void aTargetWhoseReflectionFailsIsNotConnectedWithThePortsSentence() throws Exception {
        FakeSession session = new FakeSession();
        session.reflectionFailure = new ReflectionException("UNAVAILABLE", "Could not read the services of "
                + TARGET + ": " + UNREACHABLE, null);
        WorkbenchModel model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, session, TARGET);

        model.connect();
        ui.until("the problem", () -> !model.connectionProblem().get().isEmpty());

        assertEquals("Not connected.", model.connectionText().get());
        assertEquals("Could not read the services of " + TARGET + ": " + UNREACHABLE, model.connectionProblem().get());
        assertEquals(ChannelSettings.plaintext(TARGET), session.openedWith);
        model.dispose();
    }

    @Test
    void aFailedUnaryCallShowsItsCodeAndTheAdviceWithoutTheCodeTwice() throws Exception {
        FakeSession session = new FakeSession();
        session.unaryOutcome = new CallOutcome("UNAVAILABLE", UNREACHABLE, Map.of(), 2_000_000, 1, 0);
        WorkbenchModel model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, session, TARGET);
        select(model, "GetTransaction");
        model.requestText().set("{\"hash\":\"AQID\"}");

        model.call();
        ui.until("the call to end", () -> !model.statusCode().get().isEmpty());

        assertEquals("UNAVAILABLE", model.statusCode().get());
        assertEquals("UNAVAILABLE · 2.00 ms · 1 sent, 0 received · " + TARGET + " is unreachable (connection "
                + "refused): check the address and that the server is running.", model.statusText().get());
        assertEquals("{\"hash\":\"AQID\"}", session.unaryJson);
        assertFalse(model.callRunning().get());
        model.dispose();
    }

    @Test
    void cancelReachesTheOpenCallAndItsEndIsShown() throws Exception {
        FakeSession session = new FakeSession();
        WorkbenchModel model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, session, TARGET);
        select(model, "SyncBlocks");
        model.requestText().set("{\"haveHeight\":\"1\"}");

        model.call();
        ui.until("the stream to be open", () -> model.canSend().get());
        FakeCall call = session.calls.getFirst();
        assertEquals(1, call.sent.size());

        model.cancel();
        assertTrue(call.cancelled, "the cancel reached the port");
        call.outcome.complete(new CallOutcome("CANCELLED", "CANCELLED: cancelled by the user.", Map.of(), 1_000_000,
                1, 0));
        ui.until("the end", () -> !model.statusCode().get().isEmpty());

        assertEquals("CANCELLED", model.statusCode().get());
        assertFalse(model.canSend().get());
        assertFalse(model.callRunning().get());
        model.dispose();
        assertTrue(session.closed);
    }

    @Test
    void aNewCallCancelsTheOneBeforeAndOnlyTheNewOneSpeaksForTheScreen() throws Exception {
        FakeSession session = new FakeSession();
        WorkbenchModel model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, session, TARGET);
        select(model, "SyncBlocks");
        model.requestText().set("{\"haveHeight\":\"1\"}");
        model.call();
        ui.until("the first stream to be open", () -> model.canSend().get());

        model.call();
        FakeCall first = session.calls.get(0);
        FakeCall second = session.calls.get(1);
        assertTrue(first.cancelled);
        first.outcome.complete(new CallOutcome("CANCELLED", "CANCELLED.", Map.of(), 1, 1, 0));
        second.outcome.complete(new CallOutcome("OK", "", Map.of(), 1, 1, 0));
        ui.until("the second call's end", () -> !model.statusCode().get().isEmpty());

        assertEquals("OK", model.statusCode().get());
        assertFalse(second.cancelled);
        model.dispose();
    }

    @Test
    void moreRequestsAreOfferedOnlyOnceTheEditorsAreSent() throws Exception {
        FakeSession session = new FakeSession();
        WorkbenchModel model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, session, TARGET);
        select(model, "IngestTransactions");
        model.requestText().set("{\"sender\":\"a\"}\n{\"sender\":\"b\"}");
        List<Boolean> offeredWhileSending = new ArrayList<>();
        session.duringSend = () -> {
            ui.runPosted(); // the UI thread goes on meanwhile
            offeredWhileSending.add(model.canSend().get());
        };

        model.call();
        ui.until("the stream to be open for more", () -> model.canSend().get());

        // Send, Send JSONL file and Finish run on other threads: offered before the editor's last request went
        // out, they could overtake it (a half-close before it, and the call ended as "Not sent.")
        assertEquals(List.of(false, false), offeredWhileSending);
        assertEquals(2, session.calls.getFirst().sent.size());
        model.dispose();
    }

    @Test
    void onlyTheConnectedTargetsMethodsAreOfferedAndAnotherMethodStartsWithAnEmptyCallPane() throws Exception {
        SchemaCatalog catalog = new SchemaCatalog();
        // an earlier target's reflection stays for decoding; its methods would be called on this target
        catalog.put(new SchemaCatalog.Source("reflection of earlier.test:1",
                List.of(io.grpc.reflection.v1.ServerReflectionProto.getDescriptor()), List.of()));
        FakeSession session = new FakeSession();
        session.reflected = new SchemaCatalog.Source("reflection of " + TARGET,
                List.of(dev.highwater.proto.blockchain.BlockchainIndexerProto.getDescriptor()), List.of());
        session.unaryOutcome = new CallOutcome("OK", "", Map.of(), 2_000_000, 1, 1);
        WorkbenchModel model = new WorkbenchModel(catalog, tasks, ui, session, TARGET);

        model.connect();
        ui.until("the target's methods", () -> !model.methods().isEmpty());
        assertEquals(List.of("GetTransaction", "IngestTransactions", "SubscribeToBlocks", "SyncBlocks"),
                model.methods().stream().map(m -> m.method().getName()).sorted().toList());

        select(model, "GetTransaction");
        model.requestText().set("{\"hash\":\"AQID\"}");
        model.call();
        ui.until("the call to end", () -> !model.statusCode().get().isEmpty());
        assertEquals("Call · GetTransaction", model.callTitle().get());

        select(model, "SubscribeToBlocks");
        assertEquals("", model.statusText().get(), "the last method's result is not shown as this one's");
        assertEquals("Call", model.callTitle().get());
        model.dispose();
    }

    private static void select(WorkbenchModel model, String method) {
        model.selectedMethod().set(model.methods().stream().filter(m -> m.method().getName().equals(method))
                .findFirst().orElseThrow());
    }

    // ---- the fakes ----

    private static final class FakeIndexer implements IndexerConnection {
        final List<Long> subscribedFrom = new ArrayList<>();
        BlockListener listener;
        String openProblem;
        GrpcCallException lookupFailure;
        boolean cancelled;
        boolean closed;

        @Override
        public String target() {
            return TARGET;
        }

        @Override
        public Transaction transaction(byte[] hash, Duration deadline) {
            throw lookupFailure;
        }

        @Override
        public Subscription subscribe(long fromHeight, BlockListener l) {
            if (openProblem != null) {
                throw new IllegalArgumentException(openProblem);
            }
            subscribedFrom.add(fromHeight);
            listener = l;
            return () -> cancelled = true;
        }

        @Override
        public long subscribeBlocks(long fromHeight, int limit, Duration deadline, Consumer<Block> onBlock) {
            throw new UnsupportedOperationException("the command line's call");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeSession implements WorkbenchSession, WorkbenchSession.Factory {
        final List<FakeCall> calls = new ArrayList<>();
        ChannelSettings openedWith;
        ReflectionException reflectionFailure;
        SchemaCatalog.Source reflected;
        CallOutcome unaryOutcome;
        String unaryJson;
        boolean closed;
        Runnable duringSend = () -> { };

        @Override
        public WorkbenchSession open(ChannelSettings settings, CallHistory history) {
            openedWith = settings;
            return this;
        }

        @Override
        public ChannelSettings settings() {
            return openedWith;
        }

        @Override
        public SchemaCatalog.Source reflect() {
            if (reflectionFailure != null) {
                throw reflectionFailure;
            }
            return reflected;
        }

        @Override
        public UnaryResult unary(Descriptors.MethodDescriptor method, String json, Consumer<Runnable> onStart) {
            unaryJson = json;
            onStart.accept(() -> { });
            return new UnaryResult(unaryOutcome, null);
        }

        @Override
        public OpenCall start(Descriptors.MethodDescriptor method, Consumer<DynamicMessage> onResponse) {
            FakeCall call = new FakeCall(method, duringSend);
            calls.add(call);
            return call;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeCall implements OpenCall {
        final Descriptors.MethodDescriptor method;
        final List<DynamicMessage> sent = new ArrayList<>();
        final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        volatile boolean cancelled;

        final Runnable duringSend;

        FakeCall(Descriptors.MethodDescriptor method, Runnable duringSend) {
            this.method = method;
            this.duringSend = duringSend;
        }

        @Override
        public Descriptors.MethodDescriptor method() {
            return method;
        }

        @Override
        public void send(DynamicMessage request) {
            duringSend.run();
            sent.add(request);
        }

        @Override
        public void halfClose() {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public CompletableFuture<CallOutcome> outcome() {
            return outcome;
        }
    }
}
