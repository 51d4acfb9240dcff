package dev.highwater.kafka;

import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck.Result;
import dev.highwater.core.connect.Redaction;
import dev.highwater.core.text.ErrorText;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a cluster who it is, within a few seconds, and says in one sentence what is wrong when it does not
 * answer: an address that does not resolve, a port where no broker speaks, refused credentials, a certificate
 * the trust store does not vouch for. No message repeats a secret. The Kafka side of {@link
 * dev.highwater.core.connect.ClusterCheck}.
 */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    public static Result probe(ClientSettings settings, Duration timeout) {
        if (nothingListens(settings)) {
            // said at once: the client would retry a closed port until the whole timeout has passed
            return failed(settings, refused(settings), true);
        }
        Map<String, Object> props = settings.admin("highwater-probe");
        props.put("request.timeout.ms", (int) timeout.toMillis());
        props.put("default.api.timeout.ms", (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException | IllegalArgumentException e) {
            return failed(settings, ClientFailure.cannotCreate(settings, e), false);
        }
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int brokers = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, brokers, id, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean silent = cause instanceof org.apache.kafka.common.errors.TimeoutException;
            return failed(settings, silent ? noAnswer(settings, timeout) : explain(settings, cause), silent);
        } catch (TimeoutException e) {
            return failed(settings, noAnswer(settings, timeout), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(settings, "Interrupted while probing " + settings.bootstrapServers(), false);
        } finally {
            admin.close(Duration.ofSeconds(1)); // never let closing outlast the probe's own time limit
        }
    }

    /** One sentence for a failure of a client of these settings. */
    private static String explain(ClientSettings settings, Throwable cause) {
        return ClientFailure.definite(settings, cause)
                .orElseGet(() -> "The cluster at " + settings.bootstrapServers() + " failed: "
                        + ErrorText.rootMessage(cause));
    }

    private static Result failed(ClientSettings settings, String problem, boolean silent) {
        return new Result(false, 0, null, Redaction.scrub(problem, settings.secretValues()), silent);
    }

    private static String noAnswer(ClientSettings settings, Duration timeout) {
        String first = settings.bootstrapServers().split(",")[0].strip();
        int colon = first.lastIndexOf(':');
        String host = colon > 0 ? first.substring(0, colon).replace("[", "").replace("]", "") : first;
        return switch (colon > 0 ? tcp(host, first.substring(colon + 1)) : Tcp.NO_REPLY) {
            case ACCEPTS -> "Something answers at " + first + " but no Kafka reply came within " + timeout.toSeconds()
                    + " s: check the port, and the security protocol (a TLS or SASL listener needs those settings).";
            case REFUSED -> refused(settings);
            case NO_REPLY -> "No Kafka broker answered at " + settings.bootstrapServers() + " within "
                    + timeout.toSeconds() + " s: check the address and that the broker is running.";
        };
    }

    private static String refused(ClientSettings settings) {
        return "No Kafka broker answered at " + settings.bootstrapServers() + ": nothing listens there (connection"
                + " refused); check the port and that the broker is running.";
    }

    /** Whether every bootstrap address refuses a TCP connection (an unresolvable one is left to the client). */
    private static boolean nothingListens(ClientSettings settings) {
        for (String entry : settings.bootstrapServers().split(",")) {
            String e = entry.strip();
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || tcp(e.substring(0, colon).replace("[", "").replace("]", ""),
                    e.substring(colon + 1)) != Tcp.REFUSED) {
                return false;
            }
        }
        return true;
    }

    /** What a plain TCP connection to the address finds, to tell a closed port from a silent listener. */
    private enum Tcp { ACCEPTS, REFUSED, NO_REPLY }

    private static Tcp tcp(String host, String port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, Integer.parseInt(port)), 1_000);
            return Tcp.ACCEPTS;
        } catch (java.net.ConnectException e) {
            return Tcp.REFUSED;
        } catch (java.net.UnknownHostException e) {
            return Tcp.NO_REPLY;
        } catch (Exception e) {
            return Tcp.NO_REPLY;
        }
    }
}
