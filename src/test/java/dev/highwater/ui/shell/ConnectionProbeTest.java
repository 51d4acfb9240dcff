package dev.highwater.ui.shell;

import dev.highwater.app.Adapters;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.grpc.GrpcProbe;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's probe asks the cluster and the backend side by side and says what each answered. */
class ConnectionProbeTest {

    @Test
    void theClusterAndTheBackendAreAskedSideBySide() {
        // each fake answers only once the other has been asked: asked one after the other, the first would wait in
        // vain (up to the guard below) and say so, so the two waits of a silent connection would add up
        CountDownLatch clusterAsked = new CountDownLatch(1);
        CountDownLatch backendAsked = new CountDownLatch(1);
        ClusterCheck cluster = (settings, timeout) -> {
            clusterAsked.countDown();
            return awaited(backendAsked) ? new ClusterCheck.Result(true, 1, "c1", null)
                    : new ClusterCheck.Result(false, 0, null, "asked alone", true);
        };
        GrpcProbe backend = (target, timeout) -> {
            backendAsked.countDown();
            return awaited(clusterAsked) ? new GrpcProbe.Result(true, List.of("blockchain.BlockchainIndexer"), null)
                    : new GrpcProbe.Result(false, List.of(), "asked alone");
        };
        ConnectionStatus s = MainModel.probe(cluster, backend, ConnectionProfile.plain("both", "k:9092", "g:50051"),
                ClientSettings.of("k:9092"), "g:50051");
        assertTrue(s.kafkaUp(), s.detail());
        assertEquals(Boolean.TRUE, s.grpcUp(), s.detail());
        assertEquals("1 broker(s), cluster c1 · 1 gRPC service(s)", s.detail());
    }

    @Test
    void aSilentClusterAndASilentBackendAreBothSaidInTheTimeTheWordsName() throws Exception {
        try (ServerSocket kafka = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket grpc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String bootstrap = "127.0.0.1:" + kafka.getLocalPort();
            String target = "127.0.0.1:" + grpc.getLocalPort();
            Adapters real = Adapters.real();
            ConnectionStatus s = MainModel.probe(real.probe(), real.grpc(),
                    ConnectionProfile.plain("silent", bootstrap, target), ClientSettings.of(bootstrap), target);
            assertFalse(s.kafkaUp());
            assertEquals(Boolean.FALSE, s.grpcUp(), s.detail());
            assertTrue(s.detail().contains("within 5 s"), s.detail());
        }
    }

    private static boolean awaited(CountDownLatch other) {
        try {
            return other.await(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
