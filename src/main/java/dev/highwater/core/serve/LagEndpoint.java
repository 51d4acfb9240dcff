package dev.highwater.core.serve;

import java.net.URI;

/** The lag service's HTTP endpoint while it listens: {@code /metrics} and {@code /healthz}. Closing stops it. */
public interface LagEndpoint extends AutoCloseable {

    /** Where Prometheus scrapes, with the port actually bound (so a port of 0 shows the one chosen). */
    URI metricsUri();

    /**
     * A cluster's state changed (called on its refresh thread): an endpoint may prepare its next answer now, so
     * that a scrape only writes it. Does nothing by default.
     */
    default void refreshed() {
    }

    @Override
    void close();
}
