package dev.highwater.grpc;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.grpc.GrpcProbe;
import dev.highwater.kafka.ClusterProbe;
import dev.highwater.kafka.EmbeddedKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connect dialog's probes: a real broker and a real gRPC server answer; dead addresses are one sentence. */
class ProbesTest {

    @Test
    void aRunningBrokerAnswersWithItsClusterAndADeadAddressIsOneSentenceWithinSeconds() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
            ClusterCheck.Result up = ClusterProbe.probe(ClientSettings.of(kafka.bootstrapServers()),
                    Duration.ofSeconds(5));
            assertTrue(up.reachable(), up.problem());
            assertEquals(1, up.brokers());
        }
        ClusterCheck.Result down = ClusterProbe.probe(ClientSettings.of("127.0.0.1:1"), Duration.ofSeconds(2));
        assertFalse(down.reachable());
        assertEquals("No Kafka broker answered at 127.0.0.1:1: nothing listens there (connection refused); check the"
                + " port and that the broker is running.", down.problem());
        assertTrue(down.silent(), "a broker may yet start there");
    }

    @Test
    void theIndexerListsItsServicesAndAnUnreachableTargetIsOneSentence() {
        try (IndexerServer server = IndexerServer.start(0, new InMemoryTransactionSink(), IndexerSettings.defaults())) {
            GrpcProbe.Result up = TargetProbe.probe(server.target(), Duration.ofSeconds(5));
            assertTrue(up.reachable(), up.problem());
            assertTrue(up.services().contains("blockchain.BlockchainIndexer"), up.services().toString());
        }
        GrpcProbe.Result down = TargetProbe.probe("127.0.0.1:1", Duration.ofSeconds(2));
        assertFalse(down.reachable());
        assertTrue(down.problem().startsWith("The gRPC server at 127.0.0.1:1 is unreachable")
                || down.problem().startsWith("No gRPC server answered at 127.0.0.1:1"), down.problem());
        assertFalse(TargetProbe.probe("not a target", Duration.ofSeconds(2)).reachable());
    }
}
