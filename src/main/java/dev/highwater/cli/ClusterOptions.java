package dev.highwater.cli;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.kafka.ClientSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The cluster options every Kafka command shares (a picocli mixin): --bootstrap and --config FILE. */
final class ClusterOptions {

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
}
