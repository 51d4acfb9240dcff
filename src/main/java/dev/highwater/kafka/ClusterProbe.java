package dev.highwater.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

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
        try (Admin admin = Admin.create(props)) {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int brokers = cluster.nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(true, brokers, id, null);
        } catch (TimeoutException | ExecutionException e) {
            return new Result(false, 0, null, "No Kafka broker answered at " + settings.bootstrapServers()
                    + " within " + timeout.toSeconds() + " s: check the address and that the broker is running.");
        } catch (KafkaException | IllegalArgumentException e) {
            return new Result(false, 0, null, "Cannot reach " + settings.bootstrapServers() + ": "
                    + EmbeddedKafka.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, 0, null, "Interrupted while probing " + settings.bootstrapServers());
        }
    }
}
