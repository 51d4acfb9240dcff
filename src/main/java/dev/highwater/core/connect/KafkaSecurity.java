package dev.highwater.core.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a profile authenticates to Kafka: the security protocol, SASL (PLAIN or SCRAM) credentials, and the TLS
 * trust and key material as stores (PKCS12, JKS) or PEM files. Turned into Kafka client properties here, so the
 * desktop, the command line and the tests agree on what each choice means.
 *
 * @param protocol       PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param mechanism      the SASL mechanism (ignored without SASL)
 * @param username       the SASL user
 * @param password       the SASL password (a value or a reference)
 * @param trustStore     what to trust (null: the JDK's default trust)
 * @param keyStore       the client's own certificate and key, for mutual TLS (null: none)
 */
public record KafkaSecurity(Protocol protocol, Mechanism mechanism, String username, Secret password,
                            Store trustStore, Store keyStore) {

    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity(Protocol.PLAINTEXT, Mechanism.PLAIN, "",
            Secret.NONE, null, null);

    public enum Protocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        public boolean tls() {
            return this == SSL || this == SASL_SSL;
        }

        public boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }
    }

    public enum Mechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return kafkaName;
        }

        @Override
        public String toString() {
            return kafkaName;
        }
    }

    /** A key or trust store: a file, its type (PKCS12, JKS or PEM) and its password (none for PEM). */
    public record Store(Path file, String type, Secret password) {
        public Store {
            type = type == null || type.isBlank() ? guessType(file) : type.strip().toUpperCase();
            password = password == null ? Secret.NONE : password;
        }

        static String guessType(Path file) {
            String name = file == null ? "" : file.getFileName().toString().toLowerCase();
            return name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") ? "PEM"
                    : name.endsWith(".jks") ? "JKS" : "PKCS12";
        }
    }

    public KafkaSecurity {
        protocol = protocol == null ? Protocol.PLAINTEXT : protocol;
        mechanism = mechanism == null ? Mechanism.PLAIN : mechanism;
        username = username == null ? "" : username.strip();
        password = password == null ? Secret.NONE : password;
    }

    /**
     * The Kafka client properties for these settings, secrets resolved.
     *
     * @param profile the profile's name, for messages
     * @throws ConnectionSettingsException when something needed is missing (a user, a store file, a reference)
     */
    public Map<String, String> clientProperties(SecretResolver secrets, String profile) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol.name());
        if (protocol.sasl()) {
            if (username.isEmpty()) {
                throw new ConnectionSettingsException("Profile " + profile + " uses SASL " + mechanism
                        + " but has no user name; enter the user the cluster gave you.");
            }
            String pass = secrets.resolve(password, "the SASL password of profile " + profile);
            p.put("sasl.mechanism", mechanism.kafkaName());
            p.put("sasl.jaas.config", mechanism.loginModule + " required username=\"" + jaasQuote(username)
                    + "\" password=\"" + jaasQuote(pass) + "\";");
        }
        if (protocol.tls()) {
            if (trustStore != null) {
                store(p, "truststore", trustStore, secrets, profile, "trust store");
            }
            if (keyStore != null) {
                store(p, "keystore", keyStore, secrets, profile, "key store");
            }
        }
        return p;
    }

    private static void store(Map<String, String> p, String kind, Store s, SecretResolver secrets, String profile,
                              String label) {
        if (s.file() == null) {
            return;
        }
        if (!Files.isRegularFile(s.file())) {
            throw new ConnectionSettingsException("The " + label + " file " + s.file() + " of profile " + profile
                    + " does not exist; check the path.");
        }
        if (!Files.isReadable(s.file())) {
            throw new ConnectionSettingsException("The " + label + " file " + s.file() + " of profile " + profile
                    + " cannot be read; check its permissions.");
        }
        p.put("ssl." + kind + ".location", s.file().toAbsolutePath().toString());
        p.put("ssl." + kind + ".type", s.type());
        String pass = secrets.resolve(s.password(), "the " + label + " password of profile " + profile);
        if (!pass.isEmpty()) {
            p.put("ssl." + kind + ".password", pass);
            if (kind.equals("keystore")) {
                p.put("ssl.key.password", pass);
            }
        }
    }

    private static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
