package dev.highwater.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks a cluster who it is, within a few seconds, and says in one sentence when it does not answer. */
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
            return new Result(false, 0, null, "Cannot use " + settings.bootstrapServers() + ": "
                    + EmbeddedKafka.rootMessage(e));
        }
        try {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int brokers = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, brokers, id, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException auth) {
                return new Result(false, 0, null, "The cluster at " + settings.bootstrapServers()
                        + " refused this client (" + auth.getMessage() + "): it needs security settings (SSL or"
                        + " SASL); on the command line give them with --config FILE.");
            }
            return new Result(false, 0, null, noAnswer(settings, timeout));
        } catch (TimeoutException e) {
            return new Result(false, 0, null, noAnswer(settings, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, 0, null, "Interrupted while probing " + settings.bootstrapServers());
        } finally {
            admin.close(Duration.ofSeconds(1)); // never let closing outlast the probe's own time limit
        }
    }

    private static String noAnswer(ClientSettings settings, Duration timeout) {
        return "No Kafka broker answered at " + settings.bootstrapServers() + " within " + timeout.toSeconds()
                + " s: check the address and that the broker is running.";
    }
}
