package dev.highwater.registry;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.demo.SchemaRegistryServer;
import dev.highwater.demo.TestRegistries;
import dev.highwater.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS against a real registry (Apicurio on HTTPS), the stores as PKCS12, JKS and PEM; mutual TLS and the host
 * name check against the JDK's HTTPS server, which can ask for a client certificate (Apicurio's ready-made app is
 * built not to).
 */
class HttpSchemaRegistryTlsTest {

    private static final SecretResolver NO_ENV = new SecretResolver(name -> null);

    @TempDir
    static Path dir;
    private static TestCertificates certs;
    private static SchemaRegistryServer server;
    private static int id;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir.resolve("certs"));
        server = SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(TestRegistries.cache())
                .withTls(new SchemaRegistryServer.Tls(certs.serverCertPem(), certs.serverKeyPem())));
        id = server.register("tls-value", "AVRO", HttpSchemaRegistryTest.AVRO, List.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static KafkaSecurity.Store store(Path file, String type) {
        return new KafkaSecurity.Store(file, type, Secret.of(certs.password()));
    }

    private static RegistrySettings tls(String url, KafkaSecurity.Store trust, KafkaSecurity.Store key,
                                        boolean verifyHostname) {
        return new RegistrySettings(RegistrySettings.parseUrls(url), RegistrySettings.Auth.NONE, "", Secret.NONE,
                Secret.NONE, trust, key, Secret.NONE, verifyHostname);
    }

    @Test
    void tlsWithPkcs12JksAndPemTrustStores() throws Exception {
        try (SchemaRegistry p12 = new HttpSchemaRegistry(tls(server.tlsUrl(), store(certs.trustStore(), null), null,
                true), NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, p12.schema(id).text());
        }
        try (SchemaRegistry pem = new HttpSchemaRegistry(tls(server.tlsUrl(), store(certs.caPem(), "PEM"), null,
                true), NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, pem.schema(id).text());
        }
        Path jks = dir.resolve("truststore.jks");
        KeyStore trust = KeyStore.getInstance("JKS");
        trust.load(null, null);
        trust.setCertificateEntry("ca", load(certs.trustStore()).getCertificate("ca"));
        try (OutputStream out = Files.newOutputStream(jks)) {
            trust.store(out, certs.password().toCharArray());
        }
        try (SchemaRegistry withJks = new HttpSchemaRegistry(tls(server.tlsUrl(), store(jks, "JKS"), null, true),
                NO_ENV)) {
            assertEquals(HttpSchemaRegistryTest.AVRO, withJks.schema(id).text());
        }
    }

    @Test
    void trustingAnotherCaTheRegistryIsUnreachableOverTls() {
        try (SchemaRegistry otherCa = new HttpSchemaRegistry(tls(server.tlsUrl(), store(certs.otherTrustStore(), null),
                null, true), NO_ENV)) {
            RegistryException e = assertThrows(RegistryException.class, () -> otherCa.schema(id));
            assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().contains(server.tlsUrl()) && e.getMessage().contains("TLS"), e.getMessage());
        }
    }

    @Test
    void mutualTlsWithAPkcs12OrPemKeyStoreAndNotWithout() throws Exception {
        HttpsServer https = https("127.0.0.1", true);
        try {
            String url = "https://localhost:" + https.getAddress().getPort();
            try (SchemaRegistry p12 = new HttpSchemaRegistry(tls(url, store(certs.trustStore(), null),
                    store(certs.clientKeyStore(), null), true), NO_ENV)) {
                assertEquals("\"string\"", p12.schema(5).text());
            }
            Path pemKeyStore = dir.resolve("client-with-key.pem");
            Files.writeString(pemKeyStore, Files.readString(certs.clientCertPem())
                    + Files.readString(certs.clientKeyPem()));
            try (SchemaRegistry pem = new HttpSchemaRegistry(tls(url, store(certs.caPem(), "PEM"),
                    new KafkaSecurity.Store(pemKeyStore, "PEM", Secret.NONE), true), NO_ENV)) {
                assertEquals("\"string\"", pem.schema(5).text());
            }
            try (SchemaRegistry noKey = new HttpSchemaRegistry(tls(url, store(certs.trustStore(), null), null, true),
                    NO_ENV)) {
                RegistryException e = assertThrows(RegistryException.class, () -> noKey.schema(5));
                assertEquals(RegistryException.Kind.UNREACHABLE, e.kind());
                assertTrue(e.getMessage().contains(url), e.getMessage());
            }
        } finally {
            https.stop(0);
        }
    }

    @Test
    void aStoreThatDoesNotOpenIsASettingsErrorAtOpen() {
        KafkaSecurity.Store wrongPassword = new KafkaSecurity.Store(certs.trustStore(), null, Secret.of("wrong"));
        ConnectionSettingsException e = assertThrows(ConnectionSettingsException.class,
                () -> new HttpSchemaRegistry(tls(server.tlsUrl(), wrongPassword, null, true), NO_ENV));
        assertTrue(e.getMessage().contains(certs.trustStore().toString()), e.getMessage());
        KafkaSecurity.Store missing = store(dir.resolve("nowhere.p12"), null);
        assertThrows(ConnectionSettingsException.class,
                () -> new HttpSchemaRegistry(tls(server.tlsUrl(), missing, null, true), NO_ENV));
        KafkaSecurity.Store noKey = new KafkaSecurity.Store(certs.clientCertPem(), "PEM", Secret.NONE);
        assertThrows(ConnectionSettingsException.class,
                () -> new HttpSchemaRegistry(tls(server.tlsUrl(), null, noKey, true), NO_ENV));
    }

    /**
     * The server's certificate names localhost and 127.0.0.1; served on 127.0.0.2 (loopback too), its name does
     * not match: refused by default, accepted when the user turned the check off for this registry.
     */
    @Test
    void theHostNameCheckCanBeTurnedOffForThisRegistryAlone() throws Exception {
        HttpsServer https = https("127.0.0.2", false);
        try {
            String url = "https://127.0.0.2:" + https.getAddress().getPort();
            try (SchemaRegistry checked = new HttpSchemaRegistry(tls(url, store(certs.trustStore(), null), null, true),
                    NO_ENV)) {
                assertEquals(RegistryException.Kind.UNREACHABLE,
                        assertThrows(RegistryException.class, () -> checked.schema(5)).kind());
            }
            try (SchemaRegistry unchecked = new HttpSchemaRegistry(tls(url, store(certs.trustStore(), null), null,
                    false), NO_ENV)) {
                assertEquals("\"string\"", unchecked.schema(5).text());
            }
            // the chain is still checked
            try (SchemaRegistry otherCa = new HttpSchemaRegistry(tls(url, store(certs.otherTrustStore(), null), null,
                    false), NO_ENV)) {
                assertEquals(RegistryException.Kind.UNREACHABLE,
                        assertThrows(RegistryException.class, () -> otherCa.schema(5)).kind());
            }
        } finally {
            https.stop(0);
        }
    }

    /** An HTTPS server with the test server certificate, answering schema id 5, asking for a client's or not. */
    private static HttpsServer https(String address, boolean needClientCertificate) throws Exception {
        SSLContext serverTls = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(certs.serverKeyStore()), certs.password().toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(certs.trustStore()));
        serverTls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters p = serverTls.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientCertificate);
                parameters.setSSLParameters(p);
            }
        });
        https.createContext("/schemas/ids/5", exchange -> {
            byte[] body = "{\"schema\":\"\\\"string\\\"\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        return https;
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, certs.password().toCharArray());
        }
        return ks;
    }
}
