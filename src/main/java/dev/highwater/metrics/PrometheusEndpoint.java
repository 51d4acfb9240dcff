package dev.highwater.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.highwater.core.BackendStartException;
import dev.highwater.core.DaemonThreads;
import dev.highwater.core.serve.ClusterLag;
import dev.highwater.core.serve.LagEndpoint;
import dev.highwater.core.serve.ServeSettings;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The lag service's HTTP endpoint, on the JDK's HTTP server: {@code /metrics} written by the Prometheus client
 * library (Prometheus text or OpenMetrics as the scraper's Accept header asks, gzip when it accepts it) from a
 * {@link LagCollector}, and {@code /healthz}, 200 while the service runs.
 */
public final class PrometheusEndpoint implements LagEndpoint {

    /** Scrapes and health checks at once: a slow scrape of a large cluster must not fail a liveness probe. */
    private static final int THREADS = 4;
    /** The endpoint's threads are called this, followed by a number. */
    public static final String THREAD_NAME = "metrics-http-";

    private final HttpServer server;
    private final ExecutorService threads;
    private final URI metrics;
    private final LagCollector collector;

    private PrometheusEndpoint(HttpServer server, ExecutorService threads, URI metrics, LagCollector collector) {
        this.server = server;
        this.threads = threads;
        this.metrics = metrics;
        this.collector = collector;
    }

    /** Listens as the settings say; a port in use or an address not of this machine is one line. */
    public static PrometheusEndpoint open(ServeSettings settings, Supplier<List<ClusterLag>> clusters) {
        PrometheusRegistry registry = new PrometheusRegistry();
        LagCollector collector = new LagCollector(clusters, settings.partitionSeries());
        registry.register(collector);
        InetSocketAddress address = address(settings);
        HttpServer server;
        try {
            server = HttpServer.create(address, 50);
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new BackendStartException("port " + settings.port() + " on " + settings.bind()
                        + " is already in use; stop what holds it or choose another --port", e);
            }
            throw new BackendStartException("cannot listen on " + settings.bind() + ":" + settings.port() + " ("
                    + e.getMessage() + "); --bind takes an address of this machine, such as 127.0.0.1 or 0.0.0.0", e);
        } catch (IOException e) {
            throw new BackendStartException("cannot listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", exchange -> reply(exchange, 200, "ok\n"));
        server.createContext("/", exchange -> reply(exchange, 404,
                "Not found. Highwater's lag service answers on /metrics and /healthz.\n"));
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, DaemonThreads.numbered(THREAD_NAME));
        server.setExecutor(threads);
        server.start();
        String host = address.getAddress().getHostAddress();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort() + "/metrics");
        return new PrometheusEndpoint(server, threads, uri, collector);
    }

    private static InetSocketAddress address(ServeSettings settings) {
        try {
            return new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port());
        } catch (UnknownHostException e) {
            throw new BackendStartException("--bind " + settings.bind() + " is not an address of this machine that"
                    + " resolves; give an IP address such as 127.0.0.1 or 0.0.0.0");
        } catch (IllegalArgumentException e) {
            throw new BackendStartException("--port " + settings.port() + " is not a port (0 to 65535)");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    /** Makes the series of the new state now, on the refresh's thread, so that the next scrape only writes them. */
    @Override
    public void refreshed() {
        try {
            collector.prepare();
        } catch (RuntimeException e) {
            // said by the scrape that meets the same failure; the refreshes go on
        }
    }

    @Override
    public URI metricsUri() {
        return metrics;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
