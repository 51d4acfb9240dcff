package dev.highwater.core.serve;

import java.net.URI;

/** The lag service's HTTP endpoint while it listens: {@code /metrics} and {@code /healthz}. Closing stops it. */
public interface LagEndpoint extends AutoCloseable {

    /** Where Prometheus scrapes, with the port actually bound (so a port of 0 shows the one chosen). */
    URI metricsUri();

    @Override
    void close();
}
