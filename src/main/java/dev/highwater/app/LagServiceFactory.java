package dev.highwater.app;

import dev.highwater.core.lag.LagService;

/** Makes a started lag watcher for a cluster; called off the UI thread. */
@FunctionalInterface
public interface LagServiceFactory {
    LagService start(String bootstrapServers);
}
