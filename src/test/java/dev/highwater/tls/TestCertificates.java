package dev.highwater.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time: a CA, a server certificate for localhost/127.0.0.1 and a client certificate
 * it signed, as PKCS12 key and trust stores and as PEM files; plus a trust store of an unrelated CA, for the
 * "wrong truststore" case.
 *
 * @param password        the password of every store
 * @param serverKeyStore  PKCS12 with the server's key and chain
 * @param clientKeyStore  PKCS12 with the client's key and chain
 * @param trustStore      PKCS12 trusting the CA
 * @param otherTrustStore PKCS12 trusting an unrelated CA
 * @param caPem           the CA certificate, PEM
 * @param serverCertPem   the server's certificate chain, PEM
 * @param serverKeyPem    the server's private key, PKCS#8 PEM
 * @param clientCertPem   the client's certificate chain, PEM
 * @param clientKeyPem    the client's private key, PKCS#8 PEM
 */
public record TestCertificates(String password, Path serverKeyStore, Path clientKeyStore, Path trustStore,
                               Path otherTrustStore, Path caPem, Path serverCertPem, Path serverKeyPem,
                               Path clientCertPem, Path clientKeyPem) {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public static TestCertificates create(Path dir) throws Exception {
        Files.createDirectories(dir);
        String password = "test-store-pass";
        KeyPair caKeys = keys();
        X509Certificate ca = sign("CN=Highwater Test CA", caKeys, "CN=Highwater Test CA", caKeys, true, false);
        KeyPair serverKeys = keys();
        X509Certificate server = sign("CN=localhost", serverKeys, "CN=Highwater Test CA", caKeys, false, true);
        KeyPair clientKeys = keys();
        X509Certificate client = sign("CN=highwater-client", clientKeys, "CN=Highwater Test CA", caKeys, false, false);
        KeyPair otherKeys = keys();
        X509Certificate other = sign("CN=Some Other CA", otherKeys, "CN=Some Other CA", otherKeys, true, false);

        TestCertificates c = new TestCertificates(password, dir.resolve("server.p12"), dir.resolve("client.p12"),
                dir.resolve("truststore.p12"), dir.resolve("other-truststore.p12"), dir.resolve("ca.pem"),
                dir.resolve("server.pem"), dir.resolve("server.key"), dir.resolve("client.pem"),
                dir.resolve("client.key"));
        keyStore(c.serverKeyStore, "server", serverKeys, password, server, ca);
        keyStore(c.clientKeyStore, "client", clientKeys, password, client, ca);
        trustStore(c.trustStore, ca, password);
        trustStore(c.otherTrustStore, other, password);
        pem(c.caPem, ca);
        pem(c.serverCertPem, server, ca);
        pem(c.clientCertPem, client, ca);
        privateKeyPem(c.serverKeyPem, serverKeys);
        privateKeyPem(c.clientKeyPem, clientKeys);
        return c;
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                        boolean ca, boolean server) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    private static void keyStore(Path file, String alias, KeyPair keys, String password, X509Certificate... chain)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, keys.getPrivate(), password.toCharArray(), chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
    }

    private static void trustStore(Path file, X509Certificate ca, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
    }

    private static void pem(Path file, Object... objects) throws Exception {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        }
    }

    private static void privateKeyPem(Path file, KeyPair keys) throws Exception {
        try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
    }
}
