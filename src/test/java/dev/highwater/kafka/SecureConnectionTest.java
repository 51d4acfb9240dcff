package dev.highwater.kafka;

import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.KafkaSecurity.Mechanism;
import dev.highwater.core.connect.KafkaSecurity.Protocol;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profiles against a real broker with a SASL_SSL listener: what works, and what each mistake says. */
class SecureConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    static SecureBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new SecureBroker(dir);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ConnectionProfile profile(Mechanism mechanism, String user, String passwordRef, Path trustStore) {
        KafkaSecurity security = new KafkaSecurity(Protocol.SASL_SSL, mechanism, user, Secret.of(passwordRef),
                new KafkaSecurity.Store(trustStore, "PKCS12", Secret.of(broker.certs.password())), null);
        return new ConnectionProfile("prod", broker.saslSslBootstrap(), security, Map.of(), "", GrpcTls.PLAINTEXT,
                null, false, false);
    }

    private static SecretResolver env(String name, String value) {
        return new SecretResolver(Map.of(name, value)::get);
    }

    @Test
    void scramOverSslWithThePasswordFromTheEnvironmentConnectsAndWorks() throws Exception {
        ConnectionProfile p = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, "${env:KAFKA_PASS}",
                broker.certs.trustStore());
        ClientSettings settings = ClientSettings.of(p, env("KAFKA_PASS", SecureBroker.ALICE_PASSWORD));
        ClusterCheck.Result r = ClusterProbe.probe(settings, TIMEOUT);
        assertTrue(r.reachable(), r.problem());
        try (Admin admin = Admin.create(settings.admin("t"))) {
            admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
            assertTrue(admin.listTopics().names().get(20, TimeUnit.SECONDS).contains("secured"));
        }
        assertFalse(settings.toString().contains(SecureBroker.ALICE_PASSWORD), "settings print no secret");
    }

    @Test
    void plainOverSslConnectsToo() {
        ConnectionProfile p = profile(Mechanism.PLAIN, SecureBroker.BOB, SecureBroker.BOB_PASSWORD,
                broker.certs.trustStore());
        ClusterCheck.Result r = ClusterProbe.probe(ClientSettings.of(p, SecretResolver.system()), TIMEOUT);
        assertTrue(r.reachable(), r.problem());
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailedAndNeverRepeatsThePassword() {
        String wrong = "not-the-Password-999";
        ConnectionProfile p = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, wrong, broker.certs.trustStore());
        long start = System.nanoTime();
        ClusterCheck.Result r = ClusterProbe.probe(ClientSettings.of(p, SecretResolver.system()), TIMEOUT);
        assertFalse(r.reachable());
        assertTrue(r.problem().contains("refused the credentials of user alice (SASL SCRAM-SHA-256 authentication"
                + " failed)"),
                r.problem());
        assertFalse(r.problem().contains(wrong));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "within a few seconds");
    }

    @Test
    void aTrustStoreWithoutTheBrokersCaSaysWhichCertificateCheckFailed() {
        ConnectionProfile p = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, SecureBroker.ALICE_PASSWORD,
                broker.certs.otherTrustStore());
        ClusterCheck.Result r = ClusterProbe.probe(ClientSettings.of(p, SecretResolver.system()), TIMEOUT);
        assertFalse(r.reachable());
        assertTrue(r.problem().startsWith("The TLS handshake with " + broker.saslSslBootstrap() + " failed: the"
                + " broker's certificate is not signed by a CA in the trust store " + broker.certs.otherTrustStore()),
                r.problem());
    }

    @Test
    void settingsMistakesAreOneSentenceBeforeAnyConnection() {
        ConnectionProfile missingStore = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, "x",
                dir.resolve("no-such-truststore.p12"));
        ConnectionSettingsException e = assertThrows(ConnectionSettingsException.class,
                () -> ClientSettings.of(missingStore, SecretResolver.system()));
        assertEquals("The trust store file " + dir.resolve("no-such-truststore.p12") + " of profile prod does not"
                + " exist; check the path.", e.getMessage());

        ConnectionProfile unsetEnv = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, "${env:HW_UNSET_PASS}",
                broker.certs.trustStore());
        e = assertThrows(ConnectionSettingsException.class,
                () -> ClientSettings.of(unsetEnv, new SecretResolver(name -> null)));
        assertEquals("The environment variable HW_UNSET_PASS is not set (the SASL password of profile prod refers"
                + " to it as ${env:HW_UNSET_PASS}); set it before starting Highwater, or change the reference.",
                e.getMessage());
    }

    @Test
    void anUnknownHostAndAPortThatIsNotKafkaAreSaidPlainlyWithinSeconds() throws Exception {
        ClusterCheck.Result unknown = ClusterProbe.probe(ClientSettings.of("no-such-host.invalid:9092"), TIMEOUT);
        assertEquals("No bootstrap server in no-such-host.invalid:9092 resolves to an address: check the host"
                + " names.", unknown.problem());
        try (ServerSocket notKafka = new ServerSocket(0)) {
            Thread accepter = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        notKafka.accept(); // accepts and never answers
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            long start = System.nanoTime();
            ClusterCheck.Result r = ClusterProbe.probe(ClientSettings.of("127.0.0.1:" + notKafka.getLocalPort()),
                    Duration.ofSeconds(3));
            assertTrue(r.problem().startsWith("Something answers at 127.0.0.1:" + notKafka.getLocalPort()
                    + " but no Kafka reply came within 3 s"), r.problem());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "within a few seconds");
            accepter.interrupt();
        }
    }

    @Test
    void nothingSecretReachesTheLogEvenAtDebug() {
        StringWriter captured = new StringWriter();
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender = WriterAppender.newBuilder().setName("capture").setTarget(captured)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build()).build();
        appender.start();
        ctx.getConfiguration().addAppender(appender);
        ctx.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG);
        try {
            ConnectionProfile good = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, "${env:KAFKA_PASS}",
                    broker.certs.trustStore());
            assertTrue(ClusterProbe.probe(ClientSettings.of(good, env("KAFKA_PASS", SecureBroker.ALICE_PASSWORD)),
                    TIMEOUT).reachable());
            ConnectionProfile bad = profile(Mechanism.SCRAM_SHA_256, SecureBroker.ALICE, "wrong-Secret-31337",
                    broker.certs.trustStore());
            assertFalse(ClusterProbe.probe(ClientSettings.of(bad, SecretResolver.system()), TIMEOUT).reachable());
        } finally {
            ctx.getConfiguration().getRootLogger().removeAppender("capture");
            appender.stop();
            Configurator.reconfigure();
        }
        String log = captured.toString();
        assertTrue(log.contains("sasl.jaas.config = [hidden]"), "the client's config was logged, redacted");
        for (String secret : List.of(SecureBroker.ALICE_PASSWORD, "wrong-Secret-31337", broker.certs.password())) {
            assertFalse(log.contains(secret), "a secret reached the log: " + secret);
        }
    }
}
