package dev.highwater.ui.grpc;

import dev.highwater.ui.PumpedUiThread;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.reflection.NoSink;
import dev.highwater.grpc.workbench.ScriptedIndexer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The workbench model against real servers on loopback: reflection into the shared catalog, calls, bad input. */
class WorkbenchModelTest {

    private final PumpedUiThread ui = new PumpedUiThread();
    private final ThreadPoolTasks tasks = new ThreadPoolTasks(2);
    private final SchemaCatalog catalog = new SchemaCatalog();
    private Server scripted;
    private IndexerServer indexer;
    private WorkbenchModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.dispose();
        }
        tasks.close();
        if (scripted != null) {
            scripted.shutdownNow();
        }
        if (indexer != null) {
            indexer.close();
        }
    }

    @Test
    void reflectionPutsTheTargetsTypesInTheSharedCatalog() throws Exception {
        indexer = IndexerServer.start(0, new NoSink(), IndexerSettings.defaults());
        model = new WorkbenchModel(catalog, tasks, ui, Wiring.grpcClients(), indexer.target());

        model.connect();
        ui.until("methods", () -> model.methods().stream().anyMatch(m -> m.fullName().endsWith("/GetTransaction")));

        assertTrue(catalog.sources().stream().anyMatch(s -> s.name().equals("reflection of " + indexer.target())));
        assertTrue(catalog.messageType("blockchain.Block").isPresent(), "the Messages screen can decode with it");
        ui.until("the connection line", () -> model.connectionText().get().startsWith("Connected"));
        assertEquals("Connected to " + indexer.target() + ": 2 services learned by reflection.",
                model.connectionText().get());
    }

    @Test
    void aServerWithoutReflectionIsSaidAndTheLoadedTypesStillServe() throws Exception {
        openOnScripted();

        model.connect();
        ui.until("the problem", () -> !model.connectionProblem().get().isEmpty());

        assertEquals(target() + " does not offer server reflection; load its descriptors from a .proto folder or a "
                + "descriptor set instead.", model.connectionProblem().get());
        assertTrue(model.methods().stream().anyMatch(m -> m.fullName().endsWith("/SubscribeToBlocks")));
    }

    @Test
    void aDescriptorSetServesAServerWithoutReflection(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        startScripted();
        model = new WorkbenchModel(catalog, tasks, ui, Wiring.grpcClients(), target());
        java.nio.file.Path set = dir.resolve("indexer.desc");
        java.nio.file.Files.write(set, com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder()
                .addFile(dev.highwater.proto.blockchain.TransactionProto.getDescriptor().toProto())
                .addFile(dev.highwater.proto.blockchain.BlockchainIndexerProto.getDescriptor().toProto())
                .build().toByteArray());

        model.loadDescriptorSet(set);
        ui.until("the methods", () -> model.methods().stream().anyMatch(m -> m.fullName().endsWith("/GetTransaction")));
        ui.until("the note", () -> !model.connectionProblem().get().isEmpty());

        assertEquals("indexer.desc: 2 files, 1 services loaded.", model.connectionProblem().get());
        select("GetTransaction");
        model.requestText().set("{\"hash\":\"AQID\"}");
        model.call();
        ui.until("the call to end", () -> !model.statusCode().get().isEmpty());
        assertEquals("OK", model.statusCode().get());
    }

    @Test
    void aFileThatIsNotADescriptorSetIsSaidAndLoadsNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        model = new WorkbenchModel(catalog, tasks, ui, Wiring.grpcClients(), (String) null);
        java.nio.file.Path junk = dir.resolve("notes.txt");
        java.nio.file.Files.writeString(junk, "not protobuf at all");
        int sources = catalog.sources().size();

        model.loadDescriptorSet(junk);
        ui.until("the problem", () -> !model.connectionProblem().get().isEmpty());

        assertTrue(model.connectionProblem().get().contains("is not a descriptor set"),
                model.connectionProblem().get());
        assertEquals(sources, catalog.sources().size());
    }

    @Test
    void aUnaryCallShowsItsAnswerStatusAndHistory() throws Exception {
        openOnScripted();
        select("GetTransaction");
        model.requestText().set("{\"hash\":\"AQID\"}");

        model.call();
        ui.until("the call to end", () -> !model.statusCode().get().isEmpty());

        assertEquals("OK", model.statusCode().get());
        ui.until("the answer", () -> model.feed().items().size() == 1);
        assertTrue(model.feed().items().getFirst().json().contains("\"amount\":\"12.50\""));
        assertEquals(1, model.history().size());
        assertTrue(model.percentilesText().get().startsWith("GetTransaction: 1 call · p50 "),
                model.percentilesText().get());
    }

    @Test
    void badJsonNamesTheFieldAndSendsNothing() throws Exception {
        openOnScripted();
        select("GetTransaction");
        model.requestText().set("{\"hash\":\"AQID\",\"hsah\":1}");

        model.call();
        ui.until("the problem", () -> !model.requestProblem().get().isEmpty());

        assertTrue(model.requestProblem().get().startsWith("field hsah: blockchain.GetTransactionRequest has no such "
                + "field"), model.requestProblem().get());
        assertEquals(0, model.history().size());
        assertEquals(false, model.callRunning().get());
    }

    @Test
    void aStreamEndedWithAnErrorKeepsWhatCame() throws Exception {
        openOnScripted();
        select("SubscribeToBlocks");

        model.call();
        ui.until("the stream to end", () -> !model.statusCode().get().isEmpty());

        assertEquals("ABORTED", model.statusCode().get());
        assertTrue(model.statusText().get().contains("the index was rebuilt"), model.statusText().get());
        ui.until("the list", () -> model.feed().items().size() == 3);
        assertTrue(model.feed().summary().get().startsWith("3 received"), model.feed().summary().get());
    }

    @Test
    void aBidiStreamSendsWhileOpenThenFinishes() throws Exception {
        openOnScripted();
        select("SyncBlocks");
        model.requestText().set("{\"haveHeight\":\"1\"}");

        model.call();
        ui.until("the first answer", () -> model.feed().received() == 1);
        ui.until("the stream to be open for more", () -> model.canSend().get());
        model.requestText().set("{\"haveHeight\":\"7\"}\n{\"haveHeight\":\"8\"}");
        model.send();
        ui.until("three answers", () -> model.feed().received() == 3);
        model.finish();
        ui.until("the end", () -> !model.statusCode().get().isEmpty());

        assertEquals("OK", model.statusCode().get());
        assertTrue(model.history().getFirst().grpcurl().contains("{\"haveHeight\":\"8\"}"));
    }

    @Test
    void aClientStreamTakesTheEditorsObjectsAndAJsonLinesFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        sendOnIngestStream("{\"sender\":\"a\"}\n{\"sender\":\"b\"}", dir.resolve("more.jsonl"),
                "{\"sender\":\"c\"}\n\n{\"sender\":\"d\"}\n{\"sender\":\"e\"}\n");
        ui.until("the file to be sent", () -> model.requestProblem().get().startsWith("3 requests sent"));
        model.finish();
        ui.until("the answer", () -> !model.statusCode().get().isEmpty());

        assertEquals("OK", model.statusCode().get());
        ui.until("the list", () -> model.feed().items().size() == 1);
        assertEquals("{\"ingested\":\"5\"}", model.feed().items().getFirst().json());
    }

    @Test
    void aBadLineInAJsonLinesFileIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        sendOnIngestStream("", dir.resolve("bad.jsonl"), "{\"sender\":\"c\"}\n{\"status\":\"x\"}\n");
        ui.until("the problem", () -> model.requestProblem().get().startsWith("bad.jsonl line 2"));

        assertTrue(model.requestProblem().get().contains("field status (int32)")
                && model.requestProblem().get().endsWith("(1 requests before it were sent)"), model.requestProblem().get());
        model.cancel();
    }

    @Test
    void copyAsGrpcurlRendersTheEditorsCall() throws Exception {
        openOnScripted();
        select("GetTransaction");
        model.form().headers().set("x-team: payments");
        model.form().deadlineSeconds().set("2.5");
        model.requestText().set("{\"hash\":\"AQID\"}");

        assertEquals("grpcurl -plaintext -H 'x-team: payments' -max-time 2.5 -d '{\"hash\":\"AQID\"}' " + target()
                + " blockchain.BlockchainIndexer/GetTransaction", model.grpcurl());
    }

    @Test
    void copyAsHighwaterRendersTheEditorsCall() throws Exception {
        openOnScripted();
        select("GetTransaction");
        model.form().headers().set("x-team: payments");
        model.form().deadlineSeconds().set("2.5");
        model.requestText().set("{\"hash\":\"AQID\"}");

        assertEquals("highwater grpc --target " + target() + " -H 'x-team: payments' --max-time 2.5 call "
                + "blockchain.BlockchainIndexer/GetTransaction -d '{\"hash\":\"AQID\"}'", model.highwater());
        select("SubscribeToBlocks");
        assertEquals("highwater grpc --target " + target() + " -H 'x-team: payments' call "
                + "blockchain.BlockchainIndexer/SubscribeToBlocks -d '{}'", model.highwater(),
                "a stream runs until it ends unless the deadline is asked for streams too");
    }

    private void select(String method) {
        model.selectedMethod().set(model.methods().stream().filter(m -> m.method().getName().equals(method))
                .findFirst().orElseThrow());
    }

    /** A client stream of IngestTransactions: the editor's requests, then a JSON-lines file of these lines. */
    private void sendOnIngestStream(String editor, java.nio.file.Path file, String lines) throws Exception {
        openOnScripted();
        select("IngestTransactions");
        model.requestText().set(editor);
        java.nio.file.Files.writeString(file, lines);

        model.call();
        ui.until("the stream to open", () -> model.canSend().get());
        model.sendFile(file);
    }

    private void openOnScripted() throws Exception {
        startScripted();
        model = new WorkbenchModel(SchemaCatalog.withBuiltIn(), tasks, ui, Wiring.grpcClients(), target());
    }

    private void startScripted() throws Exception {
        scripted = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ScriptedIndexer()).build().start();
    }

    private String target() {
        return "127.0.0.1:" + scripted.getPort();
    }

}
