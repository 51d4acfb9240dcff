package dev.highwater.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestCertificatesTest {

    @Test
    void theServerChainIsTrustedByTheTrustStoreAndNotByTheOther(@TempDir Path dir) throws Exception {
        TestCertificates c = TestCertificates.create(dir);
        KeyStore server = load(c.serverKeyStore(), c.password());
        X509Certificate[] chain = java.util.Arrays.stream(server.getCertificateChain("server"))
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        assertEquals(2, chain.length);
        trustManager(load(c.trustStore(), c.password())).checkServerTrusted(chain, "RSA");
        assertThrows(CertificateException.class,
                () -> trustManager(load(c.otherTrustStore(), c.password())).checkServerTrusted(chain, "RSA"));
        assertTrue(Files.readString(c.serverKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }

    private static X509TrustManager trustManager(KeyStore trust) throws Exception {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(trust);
        return (X509TrustManager) f.getTrustManagers()[0];
    }
}
