package dev.highwater.ui.grpc;

import dev.highwater.ui.PumpedUiThread;

import dev.highwater.app.ThreadPoolTasks;
import dev.highwater.app.Wiring;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.reflection.NoSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocks panel against our real indexer on loopback. */
class BlocksModelTest {

    private final PumpedUiThread ui = new PumpedUiThread();
    private final ThreadPoolTasks tasks = new ThreadPoolTasks(2);
    private final IndexerServer indexer = IndexerServer.start(0, new NoSink(),
            IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(50)));
    private final BlocksModel model = new BlocksModel(Wiring.grpcClients().indexer(ChannelSettings.plaintext(
            indexer.target())), tasks, ui);

    @AfterEach
    void close() {
        model.dispose();
        tasks.close();
        indexer.close();
    }

    @Test
    void blocksArriveNewestFirstWithTheirRate() throws Exception {
        model.start();
        ui.until("three blocks", () -> model.blocks().size() >= 3);

        assertTrue(model.blocks().get(0).height() > model.blocks().get(1).height());
        assertEquals(ChainHashing.hex(indexer.blockIndex().block(model.blocks().get(0).height()).orElseThrow()
                .getHash()), model.blocks().get(0).hash());
        ui.until("the summary", () -> model.summary().get().contains("blocks/s"));
        assertTrue(model.streaming().get());
    }

    @Test
    void anUnknownHashIsNotFoundInPlainWords() throws Exception {
        model.lookUp("00ff");
        ui.until("the answer", () -> model.lookupResult().get().startsWith("Not found"));

        assertEquals("Not found: the indexer at " + indexer.target() + " has no transaction 00ff (it keeps only "
                + "recent blocks; check the hash).", model.lookupResult().get());
    }

    @Test
    void certificateFilesAreReadOffTheUiThreadAndOneThatCannotBeUsedIsSaid(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("client.pem"), "not a certificate");
        ChannelSettings mutual = ChannelSettings.of(indexer.target(), new GrpcTls(TransportSecurity.MUTUAL_TLS, null,
                cert, dir.resolve("missing-key.pem")));
        // made on the UI thread when the screen is first shown: it must neither read the files nor throw there
        BlocksModel broken = new BlocksModel(Wiring.grpcClients().indexer(mutual), tasks, ui);
        try {
            broken.start();
            ui.until("the problem", () -> !broken.streamProblem().get().isEmpty());
            assertEquals("The block stream cannot start: The client certificate file " + cert
                    + " is not a PEM or PKCS12 certificate.", broken.streamProblem().get());
            assertFalse(broken.streaming().get());
            broken.lookUp("00ff");
            ui.until("the answer", () -> broken.lookupResult().get().startsWith("The client certificate file"));
        } finally {
            broken.dispose();
        }
    }

    @Test
    void aHashThatIsNeitherHexNorBase64IsSaidSo() {
        model.lookUp("xyz");

        assertEquals(HashText.EXPECTED, model.lookupResult().get());
    }

    @Test
    void aStoppedServerEndsTheStreamAndKeepsTheBlocks() throws Exception {
        model.start();
        ui.until("a block", () -> !model.blocks().isEmpty());

        indexer.close();
        ui.until("the problem", () -> !model.streamProblem().get().isEmpty());

        assertTrue(model.streamProblem().get().startsWith("The block stream ended: ")
                        && model.streamProblem().get().contains("Resume continues after block"),
                model.streamProblem().get());
        assertTrue(!model.blocks().isEmpty());
    }
}
