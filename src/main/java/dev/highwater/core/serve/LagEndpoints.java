package dev.highwater.core.serve;

import java.util.List;
import java.util.function.Supplier;

/** Opens the lag service's HTTP endpoint; the composition root chooses the implementation (Prometheus's). */
@FunctionalInterface
public interface LagEndpoints {

    /**
     * Listens on the settings' address and port; each scrape shows what {@code clusters} gives at that moment.
     *
     * @throws dev.highwater.core.BackendStartException one line when it cannot listen (a port in use, an address
     *                                                  that is not this machine's)
     */
    LagEndpoint open(ServeSettings settings, Supplier<List<ClusterLag>> clusters);
}
