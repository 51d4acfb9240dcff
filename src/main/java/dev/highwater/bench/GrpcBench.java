package dev.highwater.bench;

import com.google.protobuf.Descriptors;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.indexer.TransactionSink;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.workbench.GrpcSession;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import dev.highwater.proto.blockchain.GetTransactionRequest;
import dev.highwater.proto.blockchain.IngestResult;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Unary latency through the workbench's path (JSON request parsed against the descriptor, a dynamic call, the
 * call recorded in the history, the response printed as the list shows it) next to a bare generated blocking stub on the
 * same channel to our in-process indexer. The paths take turns call by call, in an order that changes every turn:
 * on a shared machine a busy moment then slows all three alike instead of whichever path's block it fell in.
 */
public final class GrpcBench {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** The six orders of the three paths (bare, workbench, workbench parsing JSON), taken in turn. */
    private static final int[][] ORDERS = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {2, 1, 0}, {1, 0, 2}};

    private GrpcBench() {
    }

    /**
     * @param calls       timed calls of each path
     * @param warmUpCalls calls of each path before timing (the dynamic path needs more to be compiled)
     */
    public static void runUnary(BenchReport report, int calls, int warmUpCalls) throws Exception {
        report.heading("grpc: unary GetTransaction, workbench path vs bare blocking stub, " + calls + " calls each,"
                + " taking turns call by call in changing order, same channel, in-process indexer on loopback");
        TransactionSink sink = new TransactionSink() {
            @Override
            public CompletableFuture<Void> publish(List<Transaction> batch) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        };
        try (IndexerServer server = IndexerServer.start(0, sink,
                IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(50)));
             GrpcSession session = new GrpcSession(ChannelSettings.plaintext(server.target()).withDeadline(DEADLINE),
                     new CallHistory(500));
             // a session of its own: a session parses a request once per edit, and the calls take turns
             GrpcSession editing = new GrpcSession(ChannelSettings.plaintext(server.target()).withDeadline(DEADLINE),
                     new CallHistory(500))) {
            Transaction tx = ingestOne(session, server);
            Descriptors.MethodDescriptor method = BlockchainIndexerProto.getDescriptor()
                    .findServiceByName("BlockchainIndexer").findMethodByName("GetTransaction");
            String json = "{\"hash\":\"" + Base64.getEncoder().encodeToString(tx.getHash().toByteArray()) + "\"}";
            var stub = BlockchainIndexerGrpc.newBlockingStub(session.channel());
            GetTransactionRequest request = GetTransactionRequest.newBuilder().setHash(tx.getHash()).build();
            Runnable bare = () -> stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .getTransaction(request);
            int[] edits = new int[1];
            Runnable console = () -> unary(session, method, json);
            // a different text each call (trailing spaces): the request is parsed from JSON every time
            Runnable consoleEdited = () -> unary(editing, method, json + " ".repeat(1 + edits[0]++ % 2));
            for (int i = 0; i < warmUpCalls; i++) {
                bare.run();
                console.run();
                consoleEdited.run();
            }
            long[][] nanos = new long[3][calls];
            Runnable[] paths = {bare, console, consoleEdited};
            for (int i = 0; i < calls; i++) {
                // one call of each path in turn, the order changing every time, so that whatever else the machine
                // does in a moment falls on all three alike
                int[] order = ORDERS[i % ORDERS.length];
                for (int p : order) {
                    long t = System.nanoTime();
                    paths[p].run();
                    nanos[p][i] = System.nanoTime() - t;
                }
            }
            CallHistory.Percentiles b = CallHistory.percentiles(nanos[0]);
            CallHistory.Percentiles c = CallHistory.percentiles(nanos[1]);
            CallHistory.Percentiles e = CallHistory.percentiles(nanos[2]);
            report.add("grpc", "unary p50, bare blocking stub", b.p50() / 1e3, "µs", null);
            report.add("grpc", "unary p50, workbench, same request again", c.p50() / 1e3, "µs", null);
            report.add("grpc", "unary p50, workbench, request parsed from JSON", e.p50() / 1e3, "µs", null);
            report.add("grpc", "unary p99, bare blocking stub", b.p99() / 1e3, "µs", null);
            report.add("grpc", "unary p99, workbench, same request again", c.p99() / 1e3, "µs", null);
            report.add("grpc", "unary p99, workbench, request parsed from JSON", e.p99() / 1e3, "µs", null);
            report.add("grpc", "workbench overhead at p50", overhead(c.p50(), b.p50()), "%", "<= 10 %");
            report.add("grpc", "workbench overhead at p99", overhead(c.p99(), b.p99()), "%", "<= 10 %");
            report.add("grpc", "overhead at p50, parsing JSON every call", overhead(e.p50(), b.p50()), "%", null);
            report.add("grpc", "overhead at p99, parsing JSON every call", overhead(e.p99(), b.p99()), "%", null);
        }
    }

    private static double overhead(long workbench, long bare) {
        return 100.0 * (workbench - bare) / bare;
    }

    /** A call as the workbench makes it, its answer printed as the response list shows it. */
    private static void unary(GrpcSession session, Descriptors.MethodDescriptor method, String json) {
        try {
            GrpcSession.UnaryResult r = session.unary(method, json);
            if (!r.outcome().ok() || JsonMessages.compact(r.response()).isEmpty()) {
                throw new IllegalStateException("the workbench call failed: " + r.outcome().message());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ingests a few transactions and waits for a block to seal them, so that GetTransaction finds one. */
    private static Transaction ingestOne(GrpcSession session, IndexerServer server) throws InterruptedException {
        DemoTrafficGenerator traffic = new DemoTrafficGenerator(0.4, 100, 1);
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<Transaction> in = BlockchainIndexerGrpc.newStub(session.channel())
                .ingestTransactions(new StreamObserver<>() {
                    @Override
                    public void onNext(IngestResult value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        for (int i = 0; i < 10; i++) {
            in.onNext(traffic.next(System.currentTimeMillis()));
        }
        in.onCompleted();
        done.await(10, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            List<Block> blocks = server.blockIndex().blocksAfter(0, 100);
            for (Block b : blocks) {
                if (b.getTransactionsCount() > 0) {
                    return b.getTransactions(0);
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no block sealed the ingested transactions within 10 s (head "
                + server.blockIndex().headHeight() + ")");
    }
}
