package dev.highwater.kafka;

import dev.highwater.core.connect.Redaction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a cluster who it is, within a few seconds, and says in one sentence what is wrong when it does not
 * answer: an address that does not resolve, a port where no broker speaks, refused credentials, a certificate
 * the trust store does not vouch for. No message repeats a secret.
 */
public final class ClusterProbe {

    /** What a probe found: reachable with broker count and cluster id, or not, with the reason. */
    public record Result(boolean reachable, int brokers, String clusterId, String problem) {
    }

    private ClusterProbe() {
    }

    public static Result probe(ClientSettings settings, Duration timeout) {
        Map<String, Object> props = settings.admin("highwater-probe");
        props.put("request.timeout.ms", (int) timeout.toMillis());
        props.put("default.api.timeout.ms", (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException | IllegalArgumentException e) {
            return failed(settings, cannotCreate(settings, e));
        }
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int brokers = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, brokers, id, null);
        } catch (ExecutionException e) {
            return failed(settings, explain(settings, e.getCause(), timeout));
        } catch (TimeoutException e) {
            return failed(settings, noAnswer(settings, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(settings, "Interrupted while probing " + settings.bootstrapServers());
        } finally {
            admin.close(Duration.ofSeconds(1)); // never let closing outlast the probe's own time limit
        }
    }

    /** One sentence for a failure of a client of these settings. */
    private static String explain(ClientSettings settings, Throwable cause, Duration timeout) {
        String at = settings.bootstrapServers();
        if (cause instanceof SaslAuthenticationException) {
            return "The cluster at " + at + " refused the credentials (SASL " + settings.properties()
                    .getOrDefault("sasl.mechanism", "PLAIN") + " authentication failed): check the user name and"
                    + " password.";
        }
        if (cause instanceof SslAuthenticationException) {
            return "The TLS handshake with " + at + " failed: " + certificateProblem(cause) + ".";
        }
        if (cause instanceof AuthenticationException auth) {
            return "The cluster at " + at + " refused this client (" + auth.getMessage() + "): it needs security"
                    + " settings (SSL or SASL); set them in the profile, or with --config FILE on the command line.";
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return noAnswer(settings, timeout);
        }
        return "The cluster at " + at + " failed: " + EmbeddedKafka.rootMessage(cause);
    }

    private static String cannotCreate(ClientSettings settings, Exception e) {
        String root = EmbeddedKafka.rootMessage(e);
        if (root.contains("resolvable bootstrap")) {
            return "No bootstrap server in " + settings.bootstrapServers() + " resolves to an address: check the"
                    + " host names.";
        }
        if (root.contains("keystore") || root.contains("truststore") || root.contains("SSL")) {
            return "The TLS settings for " + settings.bootstrapServers() + " cannot be used: " + root
                    + " (check the store files, their types and passwords).";
        }
        return "Cannot use " + settings.bootstrapServers() + ": " + root;
    }

    /** Which certificate check failed, in words, from the handshake's causes. */
    static String certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return "the broker's certificate is not signed by a CA in the trust store (PKIX path building"
                        + " failed); use a trust store holding the CA that signed the broker's certificate";
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
        }
        return EmbeddedKafka.rootMessage(e) + "; check the trust store and the security protocol";
    }

    private static Result failed(ClientSettings settings, String problem) {
        return new Result(false, 0, null, Redaction.scrub(problem, settings.secretValues()));
    }

    private static String noAnswer(ClientSettings settings, Duration timeout) {
        String first = settings.bootstrapServers().split(",")[0].strip();
        int colon = first.lastIndexOf(':');
        if (colon > 0 && answersTcp(first.substring(0, colon), first.substring(colon + 1))) {
            return "Something answers at " + first + " but no Kafka reply came within " + timeout.toSeconds()
                    + " s: check the port, and the security protocol (a TLS or SASL listener needs those settings).";
        }
        return "No Kafka broker answered at " + settings.bootstrapServers() + " within " + timeout.toSeconds()
                + " s: check the address and that the broker is running.";
    }

    private static boolean answersTcp(String host, String port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host.replace("[", "").replace("]", ""), Integer.parseInt(port)), 1_000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
