package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.proto.blockchain.BlockchainIndexerProto;
import dev.highwater.tls.TestCertificates;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plaintext, TLS and mutual TLS against real servers on loopback, and the mismatches a user meets. */
class ChannelSecurityTest {

    private static final Descriptors.MethodDescriptor GET = BlockchainIndexerProto.getDescriptor()
            .findServiceByName("BlockchainIndexer").findMethodByName("GetTransaction");
    private static final String KNOWN = "{\"hash\":\"AQID\"}";

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Server tls;
    static Server mutual;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        tls = serve(TlsServerCredentials.newBuilder().keyManager(certs.serverCertPem().toFile(),
                certs.serverKeyPem().toFile()).build());
        mutual = serve(TlsServerCredentials.newBuilder().keyManager(certs.serverCertPem().toFile(),
                        certs.serverKeyPem().toFile()).trustManager(certs.caPem().toFile())
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        mutual.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void tlsWithAPemCa() throws Exception {
        assertEquals("OK", call(settings(tls).withTls(certs.caPem(), null)).code());
    }

    @Test
    void tlsWithAPkcs12TrustStore() throws Exception {
        assertEquals("OK", call(settings(tls).withTls(certs.trustStore(), certs.password())).code());
    }

    @Test
    void mutualTlsWithPemFiles() throws Exception {
        assertEquals("OK", call(settings(mutual).withMutualTls(certs.caPem(), certs.clientCertPem(),
                certs.clientKeyPem(), null)).code());
    }

    @Test
    void mutualTlsWithPkcs12Stores() throws Exception {
        assertEquals("OK", call(settings(mutual).withMutualTls(certs.trustStore(), certs.clientKeyStore(), null,
                certs.password())).code());
    }

    @Test
    void anUntrustedServerCertificateIsNamed() throws Exception {
        CallOutcome o = call(settings(tls).withTls(certs.otherTrustStore(), certs.password()));

        assertEquals("UNAVAILABLE", o.code());
        assertTrue(o.message().contains("not signed by a trusted CA"), o.message());
    }

    @Test
    void aMissingClientCertificateIsRefused() throws Exception {
        CallOutcome o = call(settings(mutual).withTls(certs.caPem(), null));

        assertEquals("UNAVAILABLE", o.code(), o.message());
        assertTrue(o.message().contains("TLS"), o.message());
    }

    @Test
    void plaintextToATlsServerSaysToCheckTls() throws Exception {
        CallOutcome o = call(settings(tls));

        assertEquals("UNAVAILABLE", o.code());
        assertTrue(o.message().contains("plaintext versus TLS"), o.message());
    }

    @Test
    void tlsToAPlaintextServerSaysSo() throws Exception {
        Server plain = serve(null);
        try {
            CallOutcome o = call(settings(plain).withTls(certs.caPem(), null));

            assertEquals("UNAVAILABLE", o.code());
            assertTrue(o.message().contains("TLS"), o.message());
        } finally {
            plain.shutdownNow();
        }
    }

    @Test
    void anUnreadableCertificateFileIsSaidBeforeConnecting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Channels.open(settings(tls).withTls(dir.resolve("missing.pem"), null)));

        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void aProfilesMutualTlsReachesTheBackendAndItsProbeAgrees() throws Exception {
        dev.highwater.core.connect.GrpcTls profileTls = new dev.highwater.core.connect.GrpcTls(
                TransportSecurity.MUTUAL_TLS, certs.caPem(), certs.clientCertPem(),
                certs.clientKeyPem());
        ChannelSettings fromProfile = ChannelSettings.of("localhost:" + mutual.getPort(), profileTls)
                .withDeadline(Duration.ofSeconds(5));
        assertEquals("OK", call(fromProfile).code());
        assertTrue(dev.highwater.grpc.TargetProbe.probe(fromProfile, Duration.ofSeconds(5)).reachable());
        assertTrue(!dev.highwater.grpc.TargetProbe.probe(ChannelSettings.of("localhost:" + mutual.getPort(),
                dev.highwater.core.connect.GrpcTls.PLAINTEXT), Duration.ofSeconds(3)).reachable(),
                "plaintext to a TLS backend does not pass for reachable");
    }

    private static CallOutcome call(ChannelSettings s) throws InterruptedException {
        try (GrpcSession session = new GrpcSession(s, new CallHistory(10))) {
            return session.unary(GET, KNOWN).outcome();
        }
    }

    private static ChannelSettings settings(Server server) {
        return ChannelSettings.plaintext("localhost:" + server.getPort()).withDeadline(Duration.ofSeconds(5));
    }

    private static Server serve(ServerCredentials credentials) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        NettyServerBuilder b = credentials == null ? NettyServerBuilder.forAddress(address)
                : NettyServerBuilder.forAddress(address, credentials);
        return b.addService(new ScriptedIndexer()).build().start();
    }
}
