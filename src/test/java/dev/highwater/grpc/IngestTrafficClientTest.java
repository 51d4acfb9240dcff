package dev.highwater.grpc;

import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.proto.blockchain.Transaction;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestTrafficClientTest {

    private static final double HOT_SHARE = 0.4;

    @Test
    void atAModestRateItIngestsAboutTheAskedNumberWithTheHotSendersShare() throws Exception {
        InMemoryTransactionSink sink = new InMemoryTransactionSink();
        try (IndexerServer server = IndexerServer.start(0, sink, IndexerSettings.defaults()
                .withBlockInterval(Duration.ofMillis(200)))) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
            IngestTrafficClient traffic = new IngestTrafficClient(channel,
                    new DemoTrafficGenerator(HOT_SHARE, 50, 11), 500);
            try {
                traffic.start();
                Thread.sleep(1_500);
                traffic.close();
                Eventually.await("every stream's result",
                        () -> traffic.ingested() + traffic.failed() == traffic.sent());
            } finally {
                traffic.close();
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            List<Transaction> published = sink.published();
            // ~750 asked for; the bounds only catch a client that ignores its rate or loses transactions
            assertTrue(traffic.sent() > 250 && traffic.sent() < 1_500, "sent " + traffic.sent());
            assertEquals(traffic.sent(), traffic.ingested());
            assertEquals(published.size(), traffic.ingested());
            assertEquals(traffic.ingested(), server.stats().ingested());
            double hot = published.stream().filter(tx -> tx.getSender().equals(DemoTrafficGenerator.HOT_SENDER))
                    .count() / (double) published.size();
            assertEquals(HOT_SHARE, hot, 0.1);
            assertTrue(traffic.lastError().isEmpty(), traffic.lastError().orElse(""));
        }
    }

    @Test
    void anUnreachableIndexerIsReportedInOneSentenceAndRetried() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        ManagedChannel channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + freePort).usePlaintext().build();
        try (IngestTrafficClient traffic = new IngestTrafficClient(channel,
                new DemoTrafficGenerator(HOT_SHARE, 10, 3), 100)) {
            traffic.start();

            Eventually.await("the failure to be reported", () -> traffic.lastError().isPresent());

            String error = traffic.lastError().orElseThrow();
            assertTrue(error.contains("127.0.0.1:" + freePort) && error.contains("unreachable"), error);
            assertTrue(error.endsWith(".") && !error.contains("\n"), error);
            assertEquals(0, traffic.ingested());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
