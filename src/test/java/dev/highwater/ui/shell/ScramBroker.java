package dev.highwater.ui.shell;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.Secret;
import dev.highwater.kafka.EmbeddedKafka;
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
 * A real broker with a plaintext listener and a SASL_SSL one (SCRAM-SHA-256, a certificate made at test time):
 * the console connects to it as a user's cluster, with the right password or a wrong one.
 */
final class ScramBroker implements AutoCloseable {

    static final String USER = "carol";
    static final String PASSWORD = "carol-Scram-pass-2718";

    private final TestCertificates certs;
    private final EmbeddedKafka kafka;
    private final int saslSslPort;

    ScramBroker(Path dir) throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        saslSslPort = LocalPorts.free();
        Map<String, Object> p = Map.of(
                "sasl.enabled.mechanisms", "SCRAM-SHA-256",
                "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.sasl_ssl.ssl.keystore.location", certs.serverKeyStore().toString(),
                "listener.name.sasl_ssl.ssl.keystore.type", "PKCS12",
                "listener.name.sasl_ssl.ssl.keystore.password", certs.password(),
                "listener.name.sasl_ssl.ssl.key.password", certs.password());
        kafka = EmbeddedKafka.start(0, dir.resolve("kafka"), new EmbeddedKafka.ExtraListener("SASL_SSL", saslSslPort, p));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), PASSWORD)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    String plaintextBootstrap() {
        return kafka.bootstrapServers();
    }

    /** A profile for the SASL_SSL listener with this password. */
    ConnectionProfile secured(String name, String password) {
        KafkaSecurity security = new KafkaSecurity(KafkaSecurity.Protocol.SASL_SSL, KafkaSecurity.Mechanism.SCRAM_SHA_256,
                USER, new Secret(password, false),
                new KafkaSecurity.Store(certs.trustStore(), "PKCS12", new Secret(certs.password(), false)), null);
        return new ConnectionProfile(name, "127.0.0.1:" + saslSslPort, security, Map.of(), "", GrpcTls.PLAINTEXT,
                false, false);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
