package dev.highwater.cli;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The cluster options every Kafka command shares (a picocli mixin): --bootstrap and --config FILE. */
final class ClusterOptions {

    /**
     * As long as the commands' own calls wait (an Admin call's default timeout, a tail's metadata wait): a TLS
     * and SCRAM handshake from a JVM just started can take seconds on a busy machine.
     */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--bootstrap", required = true, paramLabel = "B", description = "bootstrap servers, host:port[,host:port…]")
    String bootstrap;

    @Option(names = "--config", paramLabel = "FILE", description = "Kafka client properties (security and the like)")
    Path config;

    /** The bootstrap servers as given, for messages. */
    String bootstrap() {
        return bootstrap;
    }

    /**
     * Client settings for a command; a malformed bootstrap list, an unreadable file or an unresolvable secret
     * reference is one line (exit 1), before any client is made.
     */
    ClientSettings settings() {
        BootstrapList.problem(bootstrap).ifPresent(p -> {
            throw new CommandFailure(p);
        });
        try {
            return ClientSettings.of(BootstrapList.normalized(bootstrap), config);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /**
     * Client settings once the cluster has answered them: a cluster that refuses them (credentials, certificate,
     * protocol), settings a client cannot be made from, or a cluster that does not answer end the command with
     * the cause in one line. Asked first because a command's own calls fail later and in the client library's
     * words ("Failed to find brokers to send ListGroups"), which name neither the password nor the certificate.
     */
    ClientSettings answeredSettings(ClusterCheck cluster) {
        return answeredSettings(cluster, false);
    }

    /**
     * As {@link #answeredSettings(ClusterCheck)}; with {@code waitIfSilent}, a cluster that merely does not answer
     * yet is left to the caller to wait for, while a refusal still ends the command.
     */
    ClientSettings answeredSettings(ClusterCheck cluster, boolean waitIfSilent) {
        ClientSettings settings = settings();
        ClusterCheck.Result probe = cluster.probe(settings, PROBE_TIMEOUT);
        if (!probe.reachable() && !(waitIfSilent && probe.silent())) {
            throw new CommandFailure(probe.problem());
        }
        return settings;
    }
}
