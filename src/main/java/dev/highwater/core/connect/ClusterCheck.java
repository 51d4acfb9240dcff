package dev.highwater.core.connect;

import java.time.Duration;

/**
 * Asks a cluster who it is within a time limit, and says in one sentence what is wrong when it does not answer.
 * No message repeats a secret.
 */
@FunctionalInterface
public interface ClusterCheck {

    Result probe(ClientSettings settings, Duration timeout);

    /**
     * What a probe found: reachable with broker count and cluster id, or not, with the reason.
     *
     * @param silent when not reachable, whether that is because nothing answered in time (a broker that is down
     *               may still come), as opposed to a refusal or settings that cannot work as they are
     */
    record Result(boolean reachable, int brokers, String clusterId, String problem, boolean silent) {
        public Result(boolean reachable, int brokers, String clusterId, String problem) {
            this(reachable, brokers, clusterId, problem, false);
        }
    }
}
