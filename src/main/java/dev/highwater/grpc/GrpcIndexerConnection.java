package dev.highwater.grpc;

import dev.highwater.core.Subscription;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcCallException;
import dev.highwater.core.grpc.IndexerConnection;
import dev.highwater.grpc.workbench.Channels;
import dev.highwater.grpc.workbench.DynamicCall;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import dev.highwater.proto.blockchain.SubscribeRequest;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The indexer over one channel, opened on first use with the settings' transport and metadata headers. */
public final class GrpcIndexerConnection implements IndexerConnection {

    private final ChannelSettings settings;
    private ManagedChannel channel; // guarded by this
    private Channel withHeaders; // guarded by this
    private boolean closed; // guarded by this

    public GrpcIndexerConnection(ChannelSettings settings) {
        this.settings = settings;
    }

    @Override
    public String target() {
        return settings.target();
    }

    @Override
    public Transaction transaction(byte[] hash, Duration deadline) {
        try {
            return new IndexerClient(channel()).getTransaction(hash, deadline);
        } catch (StatusRuntimeException e) {
            throw failure(e, deadline);
        }
    }

    @Override
    public Subscription subscribe(long fromHeight, BlockListener listener) {
        AtomicReference<ClientCallStreamObserver<SubscribeRequest>> call = new AtomicReference<>();
        BlockchainIndexerGrpc.newStub(channel()).subscribeToBlocks(SubscribeRequest.newBuilder()
                .setStartHeight(fromHeight).build(), new ClientResponseObserver<SubscribeRequest, Block>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<SubscribeRequest> requestStream) {
                call.set(requestStream); // before the call starts: the subscription returned can always cancel it
            }

            @Override
            public void onNext(Block b) {
                listener.onBlock(b);
            }

            @Override
            public void onError(Throwable t) {
                listener.onError(StatusAdvice.explain(target(), null, Status.fromThrowable(t)));
            }

            @Override
            public void onCompleted() {
                listener.onCompleted();
            }
        });
        return () -> call.get().cancel("stopped by the user", null);
    }

    @Override
    public long subscribeBlocks(long fromHeight, int limit, Duration deadline, Consumer<Block> onBlock) {
        try {
            IndexerClient client = new IndexerClient(channel());
            return deadline == null ? client.subscribeBlocks(fromHeight, limit, onBlock)
                    : client.subscribeBlocks(fromHeight, limit, deadline, onBlock);
        } catch (StatusRuntimeException e) {
            throw failure(e, deadline);
        }
    }

    @Override
    public void close() {
        ManagedChannel ch;
        synchronized (this) {
            closed = true;
            ch = channel;
        }
        if (ch != null) {
            ch.shutdownNow();
            try {
                ch.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The channel with the settings' headers on every call, opened on first use (it reads the TLS files). */
    private synchronized Channel channel() {
        if (closed) {
            throw new IllegalStateException("The connection to " + settings.target() + " was closed.");
        }
        if (channel == null) {
            channel = Channels.open(settings);
            withHeaders = ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(DynamicCall.metadata(settings.headers())));
        }
        return withHeaders;
    }

    private GrpcCallException failure(StatusRuntimeException e, Duration deadline) {
        return new GrpcCallException(e.getStatus().getCode().name(),
                StatusAdvice.explain(settings.target(), deadline, e.getStatus()), e);
    }
}
