package dev.highwater.kafka;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.Redaction;
import dev.highwater.core.text.ErrorText;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a Kafka client of some settings could not be made or could not talk to its cluster, in one sentence that
 * names the cause in the user's terms (the user, the mechanism, the trust store, the file, the host) and what to
 * do. The client library's own words ("Failed to create new KafkaAdminClient", "Failed to find brokers to send
 * ListGroups") name neither. No sentence repeats a secret.
 */
public final class ClientFailure {

    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+?)(?:\\s|;|$))");

    private ClientFailure() {
    }

    /**
     * The sentence for a failure whose cause is in the settings or in how the cluster answered them, or empty
     * when {@code failure} is none of those (a cluster that did not answer in time, a missing topic…).
     */
    public static Optional<String> definite(ClientSettings settings, Throwable failure) {
        String at = settings.bootstrapServers();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String sentence = null;
            if (t instanceof SaslAuthenticationException) {
                sentence = "The cluster at " + at + " refused the credentials of " + user(settings) + " (SASL "
                        + mechanism(settings) + " authentication failed): check the user name and password.";
            } else if (t instanceof IllegalSaslStateException e) {
                sentence = saslMismatch(settings, e);
            } else if (t instanceof UnsupportedSaslMechanismException e) {
                sentence = "The cluster at " + at + " does not offer the SASL mechanism " + mechanism(settings) + " ("
                        + e.getMessage() + "): set sasl.mechanism to one it offers.";
            } else if (t instanceof SslAuthenticationException) {
                sentence = "The TLS handshake with " + at + " failed: " + certificateProblem(settings, t) + ".";
            } else if (t instanceof AuthenticationException e) {
                sentence = "The cluster at " + at + " refused this client (" + e.getMessage() + "): check the security"
                        + " settings (security.protocol, SASL, TLS) against the listener on that port.";
            } else if (t instanceof NoSuchFileException e) {
                sentence = missingStore(settings, e.getFile());
            } else if (t.getMessage() != null) {
                sentence = fromMessage(settings, t.getMessage());
            }
            if (sentence != null) {
                return Optional.of(Redaction.scrub(sentence, settings.secretValues()));
            }
        }
        return Optional.empty();
    }

    /** The sentence for a client that could not be made from these settings. */
    public static String cannotCreate(ClientSettings settings, Throwable e) {
        return definite(settings, e).orElseGet(() -> {
            String root = ErrorText.rootMessage(e);
            boolean tls = root.contains("keystore") || root.contains("truststore") || root.contains("SSL");
            return Redaction.scrub((tls ? "The TLS settings for " : "The client settings for ")
                    + settings.bootstrapServers() + " cannot be used: " + root
                    + (tls ? " (check the store files, their types and passwords)." : "."), settings.secretValues());
        });
    }

    private static String fromMessage(ClientSettings settings, String m) {
        String at = settings.bootstrapServers();
        if (m.contains("No resolvable bootstrap urls")) {
            return "No bootstrap server in " + at + " resolves to an address: check the host names.";
        }
        if (m.contains("JAAS config entry not terminated by semi-colon")) {
            return "The sasl.jaas.config setting does not end with ';': write it as one entry ending in a semicolon,"
                    + " e.g. org.apache.kafka.common.security.scram.ScramLoginModule required username=\"…\""
                    + " password=\"…\";";
        }
        if (m.contains("JAAS config") || m.contains("JAAS configuration")) {
            return "The sasl.jaas.config setting cannot be read (" + m + "): write it as one entry, e.g."
                    + " org.apache.kafka.common.security.scram.ScramLoginModule required username=\"…\""
                    + " password=\"…\";";
        }
        if (m.contains("keystore password was incorrect") || m.contains("password was incorrect")) {
            return "A key or trust store for " + at + " cannot be opened: its password is wrong (check"
                    + " ssl.truststore.password and ssl.keystore.password).";
        }
        return null;
    }

    private static String saslMismatch(ClientSettings settings, IllegalSaslStateException e) {
        String at = settings.bootstrapServers();
        if (protocol(settings).startsWith("SASL_")) {
            return "The listener at " + at + " does not use SASL, yet this client is set to " + protocol(settings)
                    + " (the broker answered: " + e.getMessage() + "): use the port of the cluster's SASL listener,"
                    + " or set security.protocol to PLAINTEXT or SSL.";
        }
        return "The listener at " + at + " needs SASL authentication, which this client is not set up for ("
                + e.getMessage() + "): set security.protocol, sasl.mechanism and sasl.jaas.config (--config FILE).";
    }

    private static String missingStore(ClientSettings settings, String file) {
        for (String kind : new String[] {"truststore", "keystore"}) {
            String location = settings.properties().get("ssl." + kind + ".location");
            if (location != null && file != null && (location.equals(file) || location.endsWith(file)
                    || file.endsWith(location))) {
                return "The " + kind + " file " + location + " (ssl." + kind + ".location) does not exist: check the"
                        + " path.";
            }
        }
        return "The file " + file + " named in the client settings for " + settings.bootstrapServers()
                + " does not exist: check the path.";
    }

    /** Which certificate check failed, in words, from the handshake's causes. */
    static String certificateProblem(ClientSettings settings, Throwable e) {
        String store = settings.properties().get("ssl.truststore.location");
        String trust = store != null ? "the trust store " + store
                : settings.properties().containsKey("ssl.truststore.certificates") ? "the trusted certificates given"
                : "the JDK's default trust store (no ssl.truststore.location is set)";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return "the broker's certificate is not signed by a CA in " + trust + " (PKIX path building failed);"
                        + " use a trust store holding the CA that signed the broker's certificate";
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the broker's certificate does not name the host you connect to (" + m + "); connect by a"
                        + " name the certificate holds";
            }
            if (m.contains("expired") || m.contains("NotAfter")) {
                return "a certificate has expired (" + m + ")";
            }
            if (m.contains("bad_certificate") || m.contains("certificate_required")) {
                return "the broker did not accept the client's certificate (" + m + "); check the key store";
            }
            if (m.contains("Remote host terminated the handshake") || m.contains("Unsupported or unrecognized SSL")) {
                return "the listener on that port does not speak TLS (" + m + "); check the port and"
                        + " security.protocol";
            }
        }
        return ErrorText.rootMessage(e) + "; check the trust store and the security protocol";
    }

    /** The SASL user the settings log in as, for messages ("user alice"), never the password. */
    static String user(ClientSettings settings) {
        String jaas = settings.properties().get("sasl.jaas.config");
        if (jaas != null) {
            Matcher m = JAAS_USER.matcher(jaas);
            if (m.find()) {
                return "user " + (m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                        : m.group(2));
            }
        }
        return "this client (no user name found in sasl.jaas.config)";
    }

    /** The SASL mechanism the settings use (Kafka's default is GSSAPI). */
    static String mechanism(ClientSettings settings) {
        return settings.properties().getOrDefault("sasl.mechanism", "GSSAPI");
    }

    private static String protocol(ClientSettings settings) {
        return settings.properties().getOrDefault("security.protocol", "PLAINTEXT").strip().toUpperCase();
    }
}
