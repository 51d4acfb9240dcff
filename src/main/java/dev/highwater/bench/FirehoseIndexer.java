package dev.highwater.bench;

import com.google.protobuf.ByteString;
import dev.highwater.core.DaemonThreads;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.SubscribeRequest;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * A BlockchainIndexer whose {@code SubscribeToBlocks} sends a fixed number of small blocks (one transaction
 * each) at a fixed rate, honouring flow control: when the client does not keep up the server must wait, and the
 * stream ends late. How late it ends is the measure of falling behind.
 */
public final class FirehoseIndexer implements AutoCloseable {

    /** How one stream went, from the server's side. */
    public record Sent(long messages, long nanos, long behindNanos, long waitsForClient) {
        public double perSecond() {
            return messages * 1e9 / nanos;
        }
    }

    private final Server server;
    private final long messages;
    private final int rate;
    private final CompletableFuture<Sent> sent = new CompletableFuture<>();

    public FirehoseIndexer(long messages, int ratePerSecond) {
        this.messages = messages;
        this.rate = ratePerSecond;
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Service()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Completes when the (first) stream has sent everything. */
    public CompletableFuture<Sent> sent() {
        return sent;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Service extends BlockchainIndexerGrpc.BlockchainIndexerImplBase {
        @Override
        public void subscribeToBlocks(SubscribeRequest request, StreamObserver<Block> out) {
            ServerCallStreamObserver<Block> call = (ServerCallStreamObserver<Block>) out;
            DaemonThreads.start("firehose", () -> send(call, request.getStartHeight()));
        }
    }

    private void send(ServerCallStreamObserver<Block> call, long from) {
        DemoTrafficGenerator traffic = new DemoTrafficGenerator(0.4, 1_000, 7);
        Block.Builder template = Block.newBuilder().setHash(ByteString.copyFrom(new byte[32]))
                .addTransactions(traffic.next(System.currentTimeMillis()).toBuilder()
                        .setHash(ByteString.copyFrom(new byte[32])));
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long count = 0;
        long waits = 0;
        while (count < messages && !call.isCancelled()) {
            long due = Math.min(messages, (System.nanoTime() - start) / interval + 1);
            while (count < due && call.isReady()) {
                call.onNext(template.setHeight(from + count).setTimestamp(System.currentTimeMillis()).build());
                count++;
            }
            if (count < due) {
                waits++; // the client has not taken what was sent: flow control holds us back
            }
            LockSupport.parkNanos(100_000);
        }
        long nanos = System.nanoTime() - start;
        call.onCompleted();
        sent.complete(new Sent(count, nanos, Math.max(0, nanos - messages * interval), waits));
    }
}
