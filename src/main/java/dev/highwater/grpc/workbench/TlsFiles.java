package dev.highwater.grpc.workbench;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS files a channel uses, read and checked here so that a file that is not what it should be is named in
 * one sentence (gRPC's own loader reports it later, as a failure of the whole channel, without the file).
 * PEM or PKCS12 (.p12/.pfx) certificates; PEM private keys in PKCS#8.
 */
final class TlsFiles {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

    private TlsFiles() {
    }

    static boolean isPkcs12(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    /** The bytes of a PEM file holding at least one X.509 certificate ({@code what}: "CA file", …). */
    static byte[] pemCertificates(Path p, String what) {
        byte[] bytes = read(p, what);
        try {
            if (!CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                    .isEmpty()) {
                return bytes;
            }
        } catch (CertificateException e) {
            // said below
        }
        throw notACertificate(p, what);
    }

    /** The bytes of a PEM file holding a PKCS#8 private key of a kind TLS uses. */
    static byte[] pemPrivateKey(Path p, String what) {
        byte[] bytes = read(p, what);
        Matcher m = PEM_KEY.matcher(new String(bytes, StandardCharsets.US_ASCII));
        if (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                der = null;
            }
            for (String algorithm : der == null ? List.<String>of() : KEY_ALGORITHMS) {
                try {
                    KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    return bytes;
                } catch (GeneralSecurityException e) {
                    // try the next kind
                }
            }
        }
        throw new IllegalArgumentException("The " + what + " " + p + " is not a PEM private key (PKCS#8).");
    }

    static TrustManagerFactory trustStore(Path p, String password, String what) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(pkcs12(p, password, what));
            return f;
        } catch (GeneralSecurityException e) {
            throw unusableStore(p, what, e);
        }
    }

    static KeyManagerFactory keyStore(Path p, String password, String what) {
        try {
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(pkcs12(p, password, what), password(password));
            return f;
        } catch (GeneralSecurityException e) {
            throw unusableStore(p, what, e);
        }
    }

    private static KeyStore pkcs12(Path p, String password, String what) {
        byte[] bytes = read(p, what);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password(password));
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            // the JDK says "keystore password was incorrect" for a wrong password and other words for other bytes
            throw new IllegalArgumentException("The " + what + " " + p + " is not a PKCS12 store that opens with the "
                    + "password given (" + e.getMessage() + ").");
        }
    }

    private static IllegalArgumentException unusableStore(Path p, String what, GeneralSecurityException e) {
        return new IllegalArgumentException("The " + what + " " + p + " cannot be used for TLS: " + e.getMessage()
                + ".");
    }

    private static IllegalArgumentException notACertificate(Path p, String what) {
        return new IllegalArgumentException("The " + what + " " + p + " is not a PEM or PKCS12 certificate.");
    }

    private static byte[] read(Path p, String what) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("The " + what + " " + p + " cannot be read: check the path.");
        }
    }

    private static char[] password(String p) {
        return p == null ? new char[0] : p.toCharArray();
    }
}
