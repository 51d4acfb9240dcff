package dev.highwater.cli;

import dev.highwater.grpc.IndexerServer;
import dev.highwater.grpc.IndexerSettings;
import dev.highwater.grpc.reflection.NoSink;
import dev.highwater.grpc.workbench.ScriptedIndexer;
import dev.highwater.net.LocalPorts;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `highwater grpc` against real servers on loopback: JSON out, exit codes, one-line failures. */
class GrpcCommandTest {

    private static Server scripted;
    private static IndexerServer indexer;

    @BeforeAll
    static void start() throws Exception {
        scripted = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ScriptedIndexer()).build().start();
        indexer = IndexerServer.start(0, new NoSink(), IndexerSettings.defaults().withBlockInterval(Duration.ofMillis(50)));
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
    void getTransactionPrintsOneJsonObject() {
        CommandRun r = CommandRun.of("grpc", "--target", scriptedTarget(), "-H", "x-team: payments", "get-transaction", "0x010203");

        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"hash\":\"010203\",\"blockHeight\":7,\"sender\":\"acct-0001\",\"recipient\":\"acct-0002\","
                + "\"amount\":\"12.50\",\"status\":\"CONFIRMED\",\"timestamp\":0}", r.out().strip());
    }

    @Test
    void anUnknownHashIsNotFoundInOneLine() {
        CommandRun r = CommandRun.of("grpc", "--target", scriptedTarget(), "get-transaction", "ff");

        assertEquals(1, r.exit());
        assertEquals("highwater: NOT_FOUND: no transaction with that hash.", r.err().strip());
    }

    @Test
    void subscribeBlocksPrintsJsonLinesUpToTheLimit() {
        CommandRun r = CommandRun.of("grpc", "--target", indexer.target(), "subscribe-blocks", "--from", "1", "--limit", "3");

        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("{\"height\":1,\"hash\":\""), lines[0]);
        assertTrue(lines[2].startsWith("{\"height\":3,"), lines[2]);
    }

    @Test
    void aStreamEndedByTheServerKeepsWhatCameAndSaysWhy() {
        CommandRun r = CommandRun.of("grpc", "--target", scriptedTarget(), "subscribe-blocks", "--from", "5");

        assertEquals(1, r.exit());
        assertEquals(3, r.out().strip().split("\n").length);
        assertEquals("highwater: ABORTED: the index was rebuilt.", r.err().strip());
    }

    @Test
    void anUnreachableTargetSaysWhatToCheck() {
        CommandRun r = CommandRun.of("grpc", "--target", "127.0.0.1:" + LocalPorts.free(), "--deadline", "3", "get-transaction", "01");

        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("highwater: UNAVAILABLE: 127.0.0.1:") && r.err().contains("check the address"),
                r.err());
    }

    @Test
    void mutualTlsWithPemFilesAndAnUntrustedServer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.highwater.tls.TestCertificates certs = dev.highwater.tls.TestCertificates.create(dir);
        Server tls = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        io.grpc.TlsServerCredentials.newBuilder().keyManager(certs.serverCertPem().toFile(),
                                        certs.serverKeyPem().toFile()).trustManager(certs.caPem().toFile())
                                .clientAuth(io.grpc.TlsServerCredentials.ClientAuth.REQUIRE).build())
                .addService(new ScriptedIndexer()).build().start();
        try {
            String target = "localhost:" + tls.getPort();
            CommandRun ok = CommandRun.of("grpc", "--target", target, "--cacert", certs.caPem().toString(), "--cert",
                    certs.clientCertPem().toString(), "--key", certs.clientKeyPem().toString(), "get-transaction",
                    "010203");
            assertEquals(0, ok.exit(), ok.err());
            assertTrue(ok.out().contains("\"sender\":\"acct-0001\""), ok.out());

            CommandRun wrongCa = CommandRun.of("grpc", "--target", target, "--cacert", otherCaPem(certs, dir).toString(),
                    "get-transaction", "010203");
            assertEquals(1, wrongCa.exit());
            assertTrue(wrongCa.err().contains("not signed by a trusted CA"), wrongCa.err());
        } finally {
            tls.shutdownNow();
        }
    }

    /** The unrelated CA's certificate as PEM (the test certificates carry it in a PKCS12 trust store). */
    private static java.nio.file.Path otherCaPem(dev.highwater.tls.TestCertificates certs, java.nio.file.Path dir)
            throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(certs.otherTrustStore())) {
            store.load(in, certs.password().toCharArray());
        }
        java.security.cert.Certificate ca = store.getCertificate(store.aliases().nextElement());
        java.nio.file.Path pem = dir.resolve("other-ca.pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    @Test
    void badUsageIsExitTwo() {
        assertEquals(2, CommandRun.of("grpc", "--target", scriptedTarget(), "get-transaction", "xyz").exit());
        assertEquals(2, CommandRun.of("grpc", "--target", scriptedTarget()).exit());
        assertEquals(2, CommandRun.of("grpc", "--target", scriptedTarget(), "--plaintext", "--tls", "get-transaction", "01").exit());
        assertEquals(2, CommandRun.of("grpc", "--target", scriptedTarget(), "-H", "nocolon", "get-transaction", "01").exit());
    }

    @Test
    void aTargetThatIsNotHostAndPortIsRefusedAtOnceInOneLine() {
        CommandRun r = CommandRun.of("grpc", "--target", "127.0.0.1:99999", "get-transaction", "01");
        assertEquals(2, r.exit(), r.err());
        assertEquals("highwater: gRPC target '127.0.0.1:99999': port 99999 is not between 1 and 65535.", r.err().strip());

        CommandRun noPort = CommandRun.of("grpc", "--target", "localhost", "subscribe-blocks");
        assertEquals(2, noPort.exit(), noPort.err());
        assertEquals(1, noPort.err().lines().count(), noPort.err());
        assertTrue(noPort.err().contains("needs host:port"), noPort.err());
    }

    @Test
    void aTlsFileThatIsNotACertificateOrKeyIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.highwater.tls.TestCertificates certs = dev.highwater.tls.TestCertificates.create(dir);
        java.nio.file.Path junk = dir.resolve("junk.pem");
        java.nio.file.Files.writeString(junk, "hello\n");
        java.nio.file.Path junkStore = dir.resolve("junk.p12");
        java.nio.file.Files.writeString(junkStore, "hello\n");
        String target = "localhost:" + LocalPorts.free();

        CommandRun ca = CommandRun.of("grpc", "--target", target, "--cacert", junk.toString(), "get-transaction", "01");
        assertEquals(1, ca.exit(), ca.err());
        assertEquals("highwater: The CA file " + junk + " is not a PEM or PKCS12 certificate.", ca.err().strip());

        CommandRun caStore = CommandRun.of("grpc", "--target", target, "--cacert", junkStore.toString(), "get-transaction", "01");
        assertEquals(1, caStore.exit(), caStore.err());
        assertTrue(caStore.err().startsWith("highwater: The CA file " + junkStore + " is not a PKCS12 store")
                && caStore.err().lines().count() == 1, caStore.err());

        CommandRun cert = CommandRun.of("grpc", "--target", target, "--cert", junk.toString(), "--key",
                certs.clientKeyPem().toString(), "get-transaction", "01");
        assertEquals(1, cert.exit(), cert.err());
        assertEquals("highwater: The client certificate file " + junk + " is not a PEM or PKCS12 certificate.",
                cert.err().strip());

        CommandRun key = CommandRun.of("grpc", "--target", target, "--cert", certs.clientCertPem().toString(), "--key",
                junk.toString(), "get-transaction", "01");
        assertEquals(1, key.exit(), key.err());
        assertEquals("highwater: The client key file " + junk + " is not a PEM private key (PKCS#8).", key.err().strip());

        CommandRun missing = CommandRun.of("grpc", "--target", target, "--cacert", dir.resolve("none.pem").toString(),
                "get-transaction", "01");
        assertEquals(1, missing.exit(), missing.err());
        assertEquals("highwater: The CA file " + dir.resolve("none.pem") + " cannot be read: check the path.",
                missing.err().strip());
    }
}
