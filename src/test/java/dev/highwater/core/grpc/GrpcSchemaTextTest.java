package dev.highwater.core.grpc;

import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command line's grpc list, describe and call print, and the workbench's "Copy as highwater". */
class GrpcSchemaTextTest {

    private static final GrpcSchema INDEXER = new GrpcSchema("127.0.0.1:50051", List.of(new SchemaCatalog.Source(
            "reflection of 127.0.0.1:50051", List.of(BlockchainIndexerProto.getDescriptor()), List.of())));

    @Test
    void aServiceIsDescribedAsGrpcurlDoes() {
        assertEquals("""
                blockchain.BlockchainIndexer is a service:
                service BlockchainIndexer {
                  rpc GetTransaction ( .blockchain.GetTransactionRequest ) returns ( .blockchain.Transaction );
                  rpc SubscribeToBlocks ( .blockchain.SubscribeRequest ) returns ( stream .blockchain.Block );
                  rpc IngestTransactions ( stream .blockchain.Transaction ) returns ( .blockchain.IngestResult );
                  rpc SyncBlocks ( stream .blockchain.SyncRequest ) returns ( stream .blockchain.SyncResponse );
                }
                """, ProtoDescribe.of(INDEXER.symbol("blockchain.BlockchainIndexer").orElseThrow()));
    }

    @Test
    void methodsAndMessagesFromImportedFilesAreFoundByTheirFullNames() {
        assertEquals("""
                blockchain.BlockchainIndexer.SubscribeToBlocks is a method:
                rpc SubscribeToBlocks ( .blockchain.SubscribeRequest ) returns ( stream .blockchain.Block );
                """, ProtoDescribe.of(INDEXER.symbol("blockchain.BlockchainIndexer/SubscribeToBlocks").orElseThrow()));
        assertEquals("""
                blockchain.Block is a message:
                message Block {
                  int64 height = 1;
                  bytes hash = 2;
                  int64 timestamp = 3;
                  repeated .blockchain.Transaction transactions = 4;
                }
                """, ProtoDescribe.of(INDEXER.symbol(".blockchain.Block").orElseThrow()));
        assertTrue(INDEXER.symbol("blockchain.TransactionBatch").isPresent()); // transaction.proto, imported
        assertTrue(INDEXER.symbol("blockchain.Nothing").isEmpty());
    }

    @Test
    void aMethodIsNamedWithASlashOrADotAndAMissingOneListsWhatThereIs() {
        assertEquals("GetTransaction", INDEXER.method("blockchain.BlockchainIndexer/GetTransaction").getName());
        assertEquals("SyncBlocks", INDEXER.method("blockchain.BlockchainIndexer.SyncBlocks").getName());
        assertEquals(List.of("blockchain.BlockchainIndexer"), INDEXER.serviceNames());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> INDEXER.method("blockchain.BlockchainIndexer/GetBlock"));
        assertEquals("blockchain.BlockchainIndexer has no method GetBlock (its methods: GetTransaction, "
                + "SubscribeToBlocks, IngestTransactions, SyncBlocks).", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> INDEXER.method("ledger.Ledger/Get"));
        assertEquals("127.0.0.1:50051 has no service ledger.Ledger (its services: blockchain.BlockchainIndexer).",
                e.getMessage());
    }

    @Test
    void copyAsHighwaterForMutualTlsWithHeadersAndADeadline() {
        HighwaterCallCommand c = new HighwaterCallCommand("api.example:443", TransportSecurity.MUTUAL_TLS,
                "/certs/ca.pem", "/certs/my client.pem", "/certs/me.key", false, "api.internal",
                List.of(Map.entry("authorization", "Bearer it's")), Duration.ofMillis(2500), List.of(), List.of(),
                "blockchain.BlockchainIndexer/GetTransaction", List.of("{\"hash\":\"AQID\"}"));

        assertEquals("highwater grpc --target api.example:443 --cacert /certs/ca.pem --cert '/certs/my client.pem' "
                + "--key /certs/me.key --authority api.internal -H 'authorization: Bearer it'\\''s' --max-time 2.5 "
                + "call blockchain.BlockchainIndexer/GetTransaction -d '{\"hash\":\"AQID\"}'", c.render());
    }

    @Test
    void copyAsHighwaterForAStreamFromADescriptorSetWithAStorePassword() {
        String c = new HighwaterCallCommand("h:1", TransportSecurity.TLS, null, null, null, true, null, List.of(), null,
                List.of("/schemas/indexer.pb"), List.of(), "blockchain.BlockchainIndexer/IngestTransactions",
                List.of("{\"sender\":\"a\"}", "{\"sender\":\"b\"}")).render();

        assertEquals("# set HIGHWATER_STORE_PASSWORD to the PKCS12 stores' password first\n"
                + "highwater grpc --target h:1 --tls --store-password-env HIGHWATER_STORE_PASSWORD call "
                + "--descriptor-set /schemas/indexer.pb blockchain.BlockchainIndexer/IngestTransactions "
                + "-d '{\"sender\":\"a\"} {\"sender\":\"b\"}'", c);
    }
}
