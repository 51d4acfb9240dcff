package dev.highwater.app;

import dev.highwater.core.lag.LagService;
import dev.highwater.core.connect.ClientSettings;

/** Makes a started lag watcher for a cluster; called off the UI thread. */
@FunctionalInterface
public interface LagServiceFactory {
    LagService start(ClientSettings cluster);
}
