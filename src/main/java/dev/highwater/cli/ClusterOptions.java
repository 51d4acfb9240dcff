package dev.highwater.cli;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.kafka.ClientSettings;

import java.nio.file.Path;

/** The cluster options every command shares: checked bootstrap servers and the --config FILE properties. */
final class ClusterOptions {

    private ClusterOptions() {
    }

    /**
     * Client settings for a command; a malformed bootstrap list, an unreadable file or an unresolvable secret
     * reference is one line (exit 1), before any client is made.
     */
    static ClientSettings settings(String bootstrap, Path config) {
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
