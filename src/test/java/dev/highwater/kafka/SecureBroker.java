package dev.highwater.kafka;

import dev.highwater.net.LocalPorts;
import dev.highwater.tls.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded broker with a SASL_SSL listener beside its plaintext one, certificates made at test time:
 * SCRAM-SHA-256 user {@code alice} and PLAIN user {@code bob}, with the passwords below.
 */
public final class SecureBroker implements AutoCloseable {

    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-Scram-pass-4711";
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-Plain-pass-0815";

    public final TestCertificates certs;
    public final EmbeddedKafka kafka;
    final int saslSslPort;

    public SecureBroker(Path dir) throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        saslSslPort = LocalPorts.free();
        Map<String, Object> p = Map.of(
                "sasl.enabled.mechanisms", "SCRAM-SHA-256,PLAIN",
                "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.sasl_ssl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + BOB + "=\"" + BOB_PASSWORD + "\";",
                "listener.name.sasl_ssl.ssl.keystore.location", certs.serverKeyStore().toString(),
                "listener.name.sasl_ssl.ssl.keystore.type", "PKCS12",
                "listener.name.sasl_ssl.ssl.keystore.password", certs.password(),
                "listener.name.sasl_ssl.ssl.key.password", certs.password());
        kafka = EmbeddedKafka.start(0, dir.resolve("kafka"),
                new EmbeddedKafka.ExtraListener("SASL_SSL", saslSslPort, p));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(ALICE,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), ALICE_PASSWORD)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    public String saslSslBootstrap() {
        return "127.0.0.1:" + saslSslPort;
    }

    /** The broker's plaintext listener (no TLS, no SASL). */
    public String plaintextBootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
