package dev.highwater.core.serve;

import dev.highwater.core.lag.OffsetsSources;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lag service: every cluster watched on a refresh thread of its own, and an HTTP endpoint that shows the
 * newest state of each at every scrape. One cluster that does not answer is reported as such; the others go on.
 * Read-only: it never joins, commits for or changes a group.
 */
public final class LagServer implements AutoCloseable {

    private final List<ClusterWatch> watches = new ArrayList<>();
    private volatile LagEndpoint endpoint;

    private LagServer() {
    }

    /**
     * Opens the endpoint, then starts watching every cluster (the first refreshes begin at once).
     *
     * @param notices where a cluster that stops answering, or answers again, is said in one line
     * @throws dev.highwater.core.BackendStartException when the endpoint cannot listen; nothing is left running
     */
    public static LagServer start(List<ServedCluster> clusters, ServeSettings settings, OffsetsSources offsets,
                                  LagEndpoints endpoints, Consumer<String> notices, Clock clock) {
        LagServer server = new LagServer();
        try {
            for (ServedCluster c : clusters) {
                server.watches.add(new ClusterWatch(c, offsets.on(c.client()), settings, notices,
                        server::refreshed, clock));
            }
            server.endpoint = endpoints.open(settings, server::clusters);
        } catch (RuntimeException e) {
            server.watches.forEach(ClusterWatch::close);
            throw e;
        }
        server.watches.forEach(ClusterWatch::start);
        return server;
    }

    private void refreshed() {
        LagEndpoint e = endpoint;
        if (e != null) {
            e.refreshed();
        }
    }

    /** Where Prometheus scrapes. */
    public URI metricsUri() {
        return endpoint.metricsUri();
    }

    /** Each cluster's newest state, in the order they were given. */
    public List<ClusterLag> clusters() {
        return watches.stream().map(ClusterWatch::state).toList();
    }

    /** Stops listening, then stops every cluster's refreshes and closes its clients. */
    @Override
    public void close() {
        endpoint.close();
        watches.parallelStream().forEach(ClusterWatch::close);
    }
}
