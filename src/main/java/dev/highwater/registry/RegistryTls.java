package dev.highwater.registry;

import dev.highwater.core.connect.ConnectionSettingsException;
import dev.highwater.core.connect.KafkaSecurity;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS of a registry connection from the same stores as Kafka's: PKCS12, JKS, or PEM (certificates, and for a
 * key store the certificate chain with a PKCS#8 private key, encrypted or not). A store that does not open is one
 * sentence naming its file and the setting to check.
 */
final class RegistryTls {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN (ENCRYPTED )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (?:ENCRYPTED )?PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");
    /** The password of a key store built in memory from PEM files; it never leaves this process. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private RegistryTls() {
    }

    /** True when the JDK's default TLS will not do: stores of the profile, or no host name check. */
    static boolean needed(RegistrySettings s) {
        return s.trustStore() != null || s.keyStore() != null || !s.verifyHostname();
    }

    static SSLContext context(RegistrySettings s, SecretResolver secrets) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(s.trustStore() == null ? null : trustStore(s.trustStore(), secrets));
            TrustManager[] trust = tmf.getTrustManagers();
            if (!s.verifyHostname()) {
                trust = Arrays.stream(trust).map(t -> t instanceof X509TrustManager x
                        ? new WithoutHostnameCheck(x) : t).toArray(TrustManager[]::new);
            }
            KeyManager[] keys = null;
            if (s.keyStore() != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                char[][] password = new char[1][];
                KeyStore ks = keyStore(s.keyStore(), s, secrets, password);
                kmf.init(ks, password[0]);
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConnectionSettingsException("the schema registry's TLS settings cannot be used: "
                    + e.getMessage());
        }
    }

    private static KeyStore trustStore(KafkaSecurity.Store store, SecretResolver secrets) {
        String what = "trust store";
        if (store.type().equals("PEM")) {
            KeyStore ks = empty();
            List<X509Certificate> certificates = certificates(read(store.file(), what), store.file(), what);
            try {
                for (int i = 0; i < certificates.size(); i++) {
                    ks.setCertificateEntry("ca-" + i, certificates.get(i));
                }
            } catch (GeneralSecurityException e) {
                throw unusable(store.file(), what, e);
            }
            return ks;
        }
        String password = secrets.resolve(store.password(), "the schema registry's trust store password");
        return load(store, password, what);
    }

    /** The key store, and in {@code password[0]} the password its key opens with. */
    private static KeyStore keyStore(KafkaSecurity.Store store, RegistrySettings s, SecretResolver secrets,
                                     char[][] password) {
        String what = "key store";
        String storePassword = secrets.resolve(store.password(), "the schema registry's key store password");
        String keyPassword = secrets.resolve(s.keyPassword(), "the schema registry's key password");
        if (!store.type().equals("PEM")) {
            password[0] = (keyPassword.isEmpty() ? storePassword : keyPassword).toCharArray();
            return load(store, storePassword, what);
        }
        byte[] bytes = read(store.file(), what);
        List<X509Certificate> chain = certificates(bytes, store.file(), what);
        PrivateKey key = privateKey(bytes, store.file(), keyPassword.isEmpty() ? storePassword : keyPassword);
        KeyStore ks = empty();
        try {
            ks.setKeyEntry("client", key, IN_MEMORY, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw unusable(store.file(), what, e);
        }
        password[0] = IN_MEMORY;
        return ks;
    }

    private static KeyStore load(KafkaSecurity.Store store, String password, String what) {
        byte[] bytes = read(store.file(), what);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            KeyStore ks = KeyStore.getInstance(store.type());
            ks.load(in, password.toCharArray());
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            // the JDK says "keystore password was incorrect" for a wrong password and other words for other bytes
            throw new ConnectionSettingsException("the schema registry's " + what + " " + store.file() + " is not a "
                    + store.type() + " store that opens with the password given (" + e.getMessage() + "); check"
                    + " schema.registry.ssl." + what.replace(" ", "") + ".type and .password");
        }
    }

    private static KeyStore empty() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make a PKCS12 store", e);
        }
    }

    private static List<X509Certificate> certificates(byte[] pem, Path file, String what) {
        try {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (!out.isEmpty()) {
                return out;
            }
        } catch (CertificateException e) {
            // said below
        }
        throw new ConnectionSettingsException("the schema registry's " + what + " " + file
                + " holds no PEM certificate; check the file");
    }

    private static PrivateKey privateKey(byte[] pem, Path file, String password) {
        Matcher m = PEM_KEY.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new ConnectionSettingsException("the schema registry's key store " + file + " holds no PEM private"
                    + " key (PKCS#8, BEGIN PRIVATE KEY); check the file");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new ConnectionSettingsException("the schema registry's key store " + file + " has a private key"
                    + " that is not base64; check the file");
        }
        PKCS8EncodedKeySpec spec = m.group(1) == null ? new PKCS8EncodedKeySpec(der) : decrypt(der, file, password);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next kind
            }
        }
        throw new ConnectionSettingsException("the schema registry's key store " + file + " has a private key of a"
                + " kind TLS does not use here (RSA, EC, Ed25519 or Ed448 expected)");
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, Path file, String password) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConnectionSettingsException("the schema registry's key store " + file + " has an encrypted"
                    + " private key that does not open with the key password given; check"
                    + " schema.registry.ssl.key.password");
        }
    }

    private static byte[] read(Path file, String what) {
        if (file == null) {
            throw new ConnectionSettingsException("the schema registry's " + what + " names no file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConnectionSettingsException("the schema registry's " + what + " " + file
                    + " does not exist; check the path");
        } catch (IOException e) {
            throw new ConnectionSettingsException("the schema registry's " + what + " " + file
                    + " cannot be read; check its permissions");
        }
    }

    private static ConnectionSettingsException unusable(Path file, String what, GeneralSecurityException e) {
        return new ConnectionSettingsException("the schema registry's " + what + " " + file
                + " cannot be used for TLS: " + e.getMessage());
    }

    /**
     * The certificate chain checked as usual, the host name not: the JDK's HTTP client checks host names in the
     * trust manager it is given (through the engine's endpoint identification), and can switch that off only for
     * the whole JVM. Asking the plain chain check leaves other connections of the process as they are.
     */
    private static final class WithoutHostnameCheck extends X509ExtendedTrustManager {
        private final X509TrustManager trust;

        WithoutHostnameCheck(X509TrustManager trust) {
            this.trust = trust;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }
}
