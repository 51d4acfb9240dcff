package dev.highwater.grpc;

import dev.highwater.core.DaemonThreads;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.core.indexer.TransactionSink;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The indexer's gRPC server on loopback, with server reflection (so grpcurl works) and the clock that closes
 * a block every {@link IndexerSettings#blockInterval()}. The sink stays the caller's to close.
 */
public final class IndexerServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(IndexerServer.class);
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Server server;
    private final int port; // kept: the server no longer answers getPort() once terminated
    private final BlockIndex index;
    private final ScheduledExecutorService clock;
    private final ExecutorService publishing;
    private final RecentRate ingestRate = new RecentRate(RATE_WINDOW_NANOS);

    private IndexerServer(Server server, BlockIndex index, ScheduledExecutorService clock,
                          ExecutorService publishing) {
        this.port = server.getPort();
        this.server = server;
        this.index = index;
        this.clock = clock;
        this.publishing = publishing;
    }

    /**
     * Starts serving on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws BackendStartException with a one-line message when the port cannot be bound
     */
    public static IndexerServer start(int port, TransactionSink sink, IndexerSettings settings) {
        BlockIndex index = new BlockIndex(settings.retainedBlocks(), settings.retainedTransactions());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("indexer-clock"));
        ExecutorService publishing = Executors.newFixedThreadPool(2, DaemonThreads.numbered("indexer-publishing-"));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(HOST, port))
                .addService(new IndexerService(index, sink, settings, clock, publishing))
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
        try {
            server.start();
        } catch (IOException e) {
            clock.shutdownNow();
            publishing.shutdownNow();
            throw startFailure(port, e);
        }
        IndexerServer started = new IndexerServer(server, index, clock, publishing);
        long interval = settings.blockInterval().toMillis();
        clock.scheduleAtFixedRate(started::tick, interval, interval, TimeUnit.MILLISECONDS);
        return started;
    }

    public int port() {
        return port;
    }

    /** host:port for a channel or grpcurl. */
    public String target() {
        return HOST + ":" + port();
    }

    /** The live index, for in-process readers (the console, the demo status). */
    public BlockIndex blockIndex() {
        return index;
    }

    public IndexerStats stats() {
        return new IndexerStats(index.ingested(), index.failed(), index.headHeight(),
                ingestRate.perSecond(System.nanoTime()));
    }

    /** Stops within about three seconds: calls in progress get a second to finish, then are cancelled. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            clock.shutdownNow();
            publishing.shutdownNow();
        }
    }

    // on the clock thread: an exception here would silently cancel the schedule, so it is logged and kept going
    private void tick() {
        try {
            index.roll(System.currentTimeMillis());
            ingestRate.record(index.ingested(), System.nanoTime());
        } catch (RuntimeException e) {
            log.error("Closing block {} failed", index.headHeight() + 1, e);
        }
    }

    private static BackendStartException startFailure(int port, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return new BackendStartException("port " + port + " on " + HOST
                        + " is already in use; stop what holds it or choose another --grpc-port", e);
            }
        }
        return new BackendStartException("the gRPC indexer could not start on " + HOST + ":" + port + ": "
                + e.getMessage(), e);
    }
}
