package dev.highwater.cli;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.core.grpc.HighwaterCallCommand;
import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.reflection.NoSink;
import dev.highwater.grpc.workbench.ScriptedIndexer;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import dev.highwater.proto.blockchain.TransactionProto;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater grpc list | describe | call` as grpcurl's: against the indexer with server reflection, and against a
 * scripted indexer without it, its types from a descriptor set.
 */
class GrpcCallCommandTest {

    private static final String GET = "blockchain.BlockchainIndexer/GetTransaction";

    private static IndexerServer indexer;
    private static Server scripted;
    @TempDir
    static Path dir;
    private static Path descriptorSet;

    @BeforeAll
    static void start() throws Exception {
        indexer = IndexerServer.start(0, new NoSink(), IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(50)));
        scripted = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ScriptedIndexer()).build().start();
        descriptorSet = dir.resolve("indexer.pb");
        Files.write(descriptorSet, FileDescriptorSet.newBuilder().addFile(TransactionProto.getDescriptor().toProto())
                .addFile(BlockchainIndexerProto.getDescriptor().toProto()).build().toByteArray());
    }

    @AfterAll
    static void stop() {
        scripted.shutdownNow();
        indexer.close();
    }

    private static String scriptedTarget() {
        return "127.0.0.1:" + scripted.getPort();
    }

    @Test
    void listAndDescribeOverReflection() {
        CommandRun services = CommandRun.of("grpc", "--target", indexer.target(), "list");
        assertEquals(0, services.exit(), services.err());
        assertTrue(services.out().lines().toList().containsAll(List.of("blockchain.BlockchainIndexer",
                "grpc.reflection.v1.ServerReflection")), services.out());

        CommandRun methods = CommandRun.of("grpc", "--target", indexer.target(), "list", "blockchain.BlockchainIndexer");
        assertEquals(List.of("blockchain.BlockchainIndexer.GetTransaction", "blockchain.BlockchainIndexer.SubscribeToBlocks",
                "blockchain.BlockchainIndexer.IngestTransactions", "blockchain.BlockchainIndexer.SyncBlocks"),
                methods.out().lines().toList());

        CommandRun method = CommandRun.of("grpc", "--target", indexer.target(), "describe",
                "blockchain.BlockchainIndexer.IngestTransactions");
        assertEquals(0, method.exit(), method.err());
        assertEquals("blockchain.BlockchainIndexer.IngestTransactions is a method:\n"
                + "rpc IngestTransactions ( stream .blockchain.Transaction ) returns ( .blockchain.IngestResult );\n",
                method.out());

        CommandRun missing = CommandRun.of("grpc", "--target", indexer.target(), "describe", "blockchain.Nothing");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("highwater: " + indexer.target() + " has no service, method, message or "
                + "enum named blockchain.Nothing"), missing.err());
    }

    @Test
    void aClientStreamReadsItsRequestsFromStandardInput() {
        String tx = "{\"sender\":\"acct-1\",\"recipient\":\"acct-2\",\"amount\":\"1.50\"}";
        CommandRun r = withStdin(tx + "\n" + tx + "\n" + tx.replace("acct-1", "acct-3") + "\n",
                "grpc", "--target", indexer.target(), "call", "blockchain.BlockchainIndexer.IngestTransactions", "-d", "@");

        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"ingested\":\"3\"}\n", r.out());
    }

    @Test
    void aServerStreamPrintsEachBlockOnItsLineUntilTheDeadline() {
        CommandRun r = CommandRun.of("grpc", "--target", indexer.target(), "--max-time", "2", "call",
                "blockchain.BlockchainIndexer/SubscribeToBlocks", "-d", "{\"startHeight\":\"1\"}");

        // the live stream never ends by itself: the deadline ends it (the reflection before it has 10 s)
        assertEquals(1, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(lines.isEmpty() ? "highwater: DEADLINE_EXCEEDED: no answer from " + indexer.target()
                + " within 2 s: check the address, that the server is running, and the deadline."
                : "highwater: DEADLINE_EXCEEDED: the deadline (--max-time) ended the call after " + lines.size()
                + " responses.", r.err().strip());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith("{\"height\":\"" + (i + 1) + "\""), lines.get(i));
        }
    }

    @Test
    void withoutReflectionTheTypesComeFromADescriptorSet() {
        CommandRun none = CommandRun.of("grpc", "--target", scriptedTarget(), "call", GET, "-d", "{\"hash\":\"AQID\"}");
        assertEquals(1, none.exit());
        assertEquals("highwater: " + scriptedTarget() + " does not offer server reflection: give its types with "
                + "--descriptor-set FILE or --proto PATH.", none.err().strip());

        CommandRun unary = CommandRun.of("grpc", "--target", scriptedTarget(), "-H", "x-team: payments", "call",
                "--descriptor-set", descriptorSet.toString(), GET, "-d", "{\"hash\":\"AQID\"}");
        assertEquals(0, unary.exit(), unary.err());
        assertEquals("{\"hash\":\"AQID\",\"blockHeight\":\"7\",\"sender\":\"acct-0001\",\"recipient\":\"acct-0002\","
                + "\"amount\":\"12.50\",\"status\":1}\n", unary.out());

        CommandRun stream = CommandRun.of("grpc", "--target", scriptedTarget(), "call", "--descriptor-set",
                descriptorSet.toString(), "blockchain.BlockchainIndexer/SubscribeToBlocks", "-d", "{\"startHeight\":\"5\"}");
        assertEquals(1, stream.exit());
        assertEquals(List.of("{\"height\":\"5\"}", "{\"height\":\"6\"}", "{\"height\":\"7\"}"), stream.out().lines().toList());
        assertEquals("highwater: ABORTED: the index was rebuilt.", stream.err().strip());

        CommandRun bidi = CommandRun.of("grpc", "--target", scriptedTarget(), "call", "--descriptor-set",
                descriptorSet.toString(), "blockchain.BlockchainIndexer/SyncBlocks", "-d",
                "{\"haveHeight\":\"1\"} {\"haveHeight\":\"8\"}");
        assertEquals(0, bidi.exit(), bidi.err());
        assertEquals(List.of("{\"block\":{\"height\":\"2\"}}", "{\"block\":{\"height\":\"9\"}}"), bidi.out().lines().toList());
    }

    @Test
    void aStatusOtherThanOkIsItsCodeMessageAndTrailers() {
        CommandRun r = CommandRun.of("grpc", "--target", scriptedTarget(), "call", "--descriptor-set",
                descriptorSet.toString(), GET, "-d", "{\"hash\":\"/w==\"}");

        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(List.of("highwater: NOT_FOUND: no transaction with that hash.",
                "highwater: trailer x-request-id: req-42"), r.err().lines().toList());
    }

    @Test
    void aRequestThatDoesNotFitItsTypeSendsNothing() {
        CommandRun typed = CommandRun.of("grpc", "--target", indexer.target(), "call", GET, "-d", "{\"hsh\":\"AQID\"}");
        assertEquals(2, typed.exit());
        assertEquals("highwater: nothing was sent: field hsh: blockchain.GetTransactionRequest has no such field "
                + "(its fields: hash).", typed.err().strip());

        CommandRun piped = withStdin("{\"sender\":\"a\"}\n{\"status\":\"high\"}\n", "grpc", "--target",
                indexer.target(), "call", "blockchain.BlockchainIndexer/IngestTransactions", "-d", "@");
        assertEquals(1, piped.exit());
        assertEquals("", piped.out());
        assertTrue(piped.err().startsWith("highwater: nothing was sent: message 2: field status (int32): "), piped.err());

        CommandRun two = CommandRun.of("grpc", "--target", indexer.target(), "call", GET, "-d", "{} {}");
        assertEquals(2, two.exit());
        assertEquals("highwater: nothing was sent: " + GET + " is a unary call: it takes exactly one request, and 2 "
                + "were given", two.err().strip());

        assertEquals(2, CommandRun.of("grpc", "--target", indexer.target(), "call", "GetTransaction").exit());
    }

    @Test
    void theWorkbenchsCopyAsHighwaterRunsAsItReads() {
        String command = new HighwaterCallCommand(scriptedTarget(), TransportSecurity.PLAINTEXT, null, null, null,
                false, null, List.of(Map.entry("x-team", "payments")), Duration.ofSeconds(5),
                List.of(descriptorSet.toString()), List.of(), GET, List.of("{\"hash\":\"AQID\"}")).render();
        List<String> words = shellWords(command);
        assertEquals(List.of("highwater", "grpc"), words.subList(0, 2));

        CommandRun r = CommandRun.of(words.subList(1, words.size()).toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"sender\":\"acct-0001\""), r.out());
    }

    private static CommandRun withStdin(String text, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return CommandRun.of(args);
        } finally {
            System.setIn(before);
        }
    }

    /** Splits a command as a POSIX shell does, for the forms the copy makes: plain words and '…' with '\''. */
    private static List<String> shellWords(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == '\\' && !quoted) {
                word.append(command.charAt(++i));
            } else if (c == ' ' && !quoted) {
                if (any || !word.isEmpty()) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        assertFalse(quoted, command);
        words.add(word.toString());
        return words;
    }
}
