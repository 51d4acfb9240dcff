package dev.highwater.grpc.reflection;

import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.net.LocalPorts;
import dev.highwater.proto.blockchain.BlockchainIndexerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReflectionSchemasTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void learnsTheIndexerTypesOverReflectionV1() {
        IndexerServer server = IndexerServer.start(0, new NoSink(), IndexerSettings.defaults());
        open.add(server);

        SchemaCatalog.Source source = ReflectionSchemas.load(channel(server.port()), Duration.ofSeconds(10));

        assertEquals("reflection of 127.0.0.1:" + server.port(), source.name());
        assertEquals(List.of(), source.problems());
        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        assertTrue(catalog.services().stream().anyMatch(s -> s.getFullName().equals("blockchain.BlockchainIndexer")));
        assertTrue(catalog.messageType("blockchain.Block").isPresent(), "Block, from the service's file");
        assertTrue(catalog.messageType("blockchain.Transaction").isPresent(), "Transaction, an imported file");
    }

    @Test
    void fallsBackToV1AlphaForAnOlderServer() throws Exception {
        int port = serve(true);

        SchemaCatalog.Source source = ReflectionSchemas.load(channel(port), Duration.ofSeconds(10));

        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        assertTrue(catalog.services().stream().anyMatch(s -> s.getFullName().equals("blockchain.BlockchainIndexer")));
        assertTrue(catalog.messageType("blockchain.Transaction").isPresent());
    }

    @Test
    void importsNotSentWithAServiceAreAskedForByFileName() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new OneFileAtATimeReflection()).build().start();
        open.add(() -> server.shutdownNow().awaitTermination());

        SchemaCatalog.Source source = ReflectionSchemas.load(channel(server.getPort()), Duration.ofSeconds(10));

        SchemaCatalog catalog = new SchemaCatalog();
        catalog.put(source);
        assertTrue(catalog.messageType("blockchain.Transaction").isPresent(), "the import, fetched by file name");
        assertTrue(catalog.services().stream().anyMatch(s -> s.getFullName().equals("blockchain.BlockchainIndexer")));
        assertEquals(List.of("service ghost.Unknown: the server answered NOT_FOUND not known here"), source.problems());
    }

    @Test
    void aServerWithoutReflectionIsSaidPlainly() throws Exception {
        int port = serve(false);

        ReflectionException e = assertThrows(ReflectionException.class,
                () -> ReflectionSchemas.load(channel(port), Duration.ofSeconds(10)));

        assertEquals(Status.Code.UNIMPLEMENTED.name(), e.code());
        assertEquals("127.0.0.1:" + port + " does not offer server reflection; load its descriptors from a .proto "
                + "folder or a descriptor set instead.", e.getMessage());
    }

    @Test
    void anUnreachableTargetSaysWhatToCheck() {
        int port = LocalPorts.free();

        ReflectionException e = assertThrows(ReflectionException.class,
                () -> ReflectionSchemas.load(channel(port), Duration.ofSeconds(3)));

        assertTrue(e.getMessage().startsWith("Could not read the services of 127.0.0.1:" + port + ": UNAVAILABLE"),
                e.getMessage());
        assertTrue(e.getMessage().contains("check the address"), e.getMessage());
    }

    private int serve(boolean v1alpha) throws Exception {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new BlockchainIndexerGrpc.BlockchainIndexerImplBase() { });
        if (v1alpha) {
            b.addService(ProtoReflectionService.newInstance());
        }
        Server server = b.build().start();
        open.add(() -> server.shutdownNow().awaitTermination());
        return server.getPort();
    }

    private ManagedChannel channel(int port) {
        ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + port).usePlaintext().build();
        open.add(channel::shutdownNow);
        return channel;
    }
}
