package dev.highwater.cli;

import dev.highwater.core.serve.ClustersFile;
import dev.highwater.core.serve.GroupFilter;
import dev.highwater.core.serve.LagServer;
import dev.highwater.core.serve.ServeSettings;
import dev.highwater.core.serve.ServedCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The lag monitor as a headless service: lag of every watched group, on /metrics for Prometheus. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
                "Serves consumer groups' lag for Prometheus until stopped: per group and partition the committed",
                "and end offsets, lag in offsets and in seconds (the age of the oldest unconsumed record), rates,",
                "time to drain, hot partitions and the group's status, and the refreshes' own duration and errors,",
                "on http://BIND:PORT/metrics (Prometheus text or OpenMetrics); /healthz answers 200 while it runs.",
                "One cluster (--bootstrap) or several (--clusters FILE, a properties file: NAME.bootstrap=HOST:PORT",
                "and NAME.PROPERTY=VALUE client properties, NAME.config=FILE). A cluster that does not answer is",
                "cluster_up 0 and the others go on. Read-only: never joins, commits for or changes a group.",
                "Stops on Ctrl+C or SIGTERM."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", paramLabel = "B", description = "one cluster's bootstrap servers, host:port[,host:port…]")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "with --bootstrap: Kafka client properties (security"
            + " and the like; values may be $${env:NAME} or $${file:PATH})")
    Path config;

    @Option(names = "--clusters", paramLabel = "FILE", description = "several clusters, from a properties file as"
            + " above (values may be references too)")
    Path clusters;

    @Option(names = "--include", paramLabel = "REGEX", description = "watch only the groups this regular expression"
            + " matches, whole (repeatable; default: every group)")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "never watch the groups this regular expression"
            + " matches, whole (repeatable)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between the end of one refresh of a"
            + " cluster and the next (default 10: a scrape every 15 to 60 s sees fresh values)")
    double intervalSeconds = ServeSettings.DEFAULT_INTERVAL.toSeconds();

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "the address to listen on (default"
            + " ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind = ServeSettings.DEFAULT_BIND;

    @Option(names = "--port", paramLabel = "N", description = "the port to listen on (default ${DEFAULT-VALUE};"
            + " 0 = any free port, shown on the start line)")
    int port = ServeSettings.DEFAULT_PORT;

    @Option(names = "--no-partition-metrics", description = "leave out the per-partition series (hot partitions"
            + " stay), for clusters where they would be too many")
    boolean noPartitionMetrics;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ServeSettings settings = settings();
        List<ServedCluster> served = served();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LagServer server = LagServer.start(served, settings, top.adapters().offsets(), top.adapters().lagEndpoints(),
                line -> {
                    synchronized (err) {
                        err.println("highwater: " + line);
                        err.flush();
                    }
                }, Clock.systemUTC());
        out.println("Serving lag of " + (served.size() == 1 ? "1 cluster (" + served.getFirst().name() + ")"
                : served.size() + " clusters") + " on " + server.metricsUri() + " (refresh every "
                + BigDecimal.valueOf(intervalSeconds).stripTrailingZeros().toPlainString() + " s); stop with Ctrl+C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            server.close();
            out.println("Stopped serving lag on " + server.metricsUri());
            out.flush();
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // stopped from within the process (a test, an embedding program): as a signal would stop it
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop.run();
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServeSettings settings() {
        if ((bootstrap == null) == (clusters == null)) {
            throw usage("say which clusters: --bootstrap B for one, or --clusters FILE for several");
        }
        if (config != null && clusters != null) {
            throw usage("--config goes with --bootstrap; in a clusters file each cluster has NAME.config=FILE");
        }
        if (!(intervalSeconds >= 0.1 && intervalSeconds <= 3600)) {
            throw usage("--interval must be 0.1 to 3600 seconds");
        }
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0 to 65535");
        }
        GroupFilter groups;
        try {
            groups = GroupFilter.of(include, exclude);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new ServeSettings(Duration.ofMillis(Math.round(intervalSeconds * 1000)), groups, bind, port,
                !noPartitionMetrics);
    }

    /** The clusters to watch; a bad clusters or client properties file is one line (exit 1). */
    private List<ServedCluster> served() {
        if (clusters != null) {
            try {
                return ClustersFile.read(clusters);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        ClusterOptions one = new ClusterOptions();
        one.bootstrap = bootstrap;
        one.config = config;
        var client = one.settings();
        return List.of(new ServedCluster(client.bootstrapServers(), client));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
