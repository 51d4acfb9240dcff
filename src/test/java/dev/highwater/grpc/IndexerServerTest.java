package dev.highwater.grpc;

import dev.highwater.core.BackendStartException;
import dev.highwater.proto.blockchain.Block;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexerServerTest {

    private final IndexerServer server = IndexerServer.start(0, new InMemoryTransactionSink(),
            IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(50)));
    private final ManagedChannel channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void aPortInUseGivesAOneLineStartError() {
        int port = server.port();

        BackendStartException e = assertThrows(BackendStartException.class,
                () -> IndexerServer.start(port, new InMemoryTransactionSink(), IndexerSettings.defaults()).close());

        assertEquals("port " + port + " on 127.0.0.1 is already in use; stop what holds it or choose another "
                + "--grpc-port", e.getMessage());
    }

    @Test
    void reflectionListsTheIndexerService() throws Exception {
        FirstResponse<ServerReflectionResponse> answer = new FirstResponse<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(answer);
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());

        List<String> services = answer.get().getListServicesResponse().getServiceList()
                .stream().map(ServiceResponse::getName).toList();
        requests.onCompleted();

        assertTrue(services.contains("blockchain.BlockchainIndexer"), services.toString());
    }

    @Test
    void theClockClosesBlocksOneHeightAtATime() {
        Eventually.await("two blocks to close", () -> server.stats().headHeight() >= 2);

        List<Long> heights = server.blockIndex().blocksAfter(0, 2).stream().map(Block::getHeight).toList();
        assertEquals(List.of(1L, 2L), heights);
        assertEquals("127.0.0.1:" + server.port(), server.target());
    }

    @Test
    void closeEndsALiveSubscription() {
        IndexerClient client = new IndexerClient(channel);
        CompletableFuture<Long> subscription = CompletableFuture.supplyAsync(() -> client.subscribeBlocks(1, 0,
                block -> { }));
        Eventually.await("a block to seal", () -> server.stats().headHeight() >= 1);

        server.close();

        assertThrows(Exception.class, () -> subscription.get(10, TimeUnit.SECONDS));
    }
}
