package dev.highwater.core.tail;

import dev.highwater.core.connect.ClientSettings;

/** Makes the tail source of a cluster; the composition root chooses the implementation. */
@FunctionalInterface
public interface TailSources {
    TailSource on(ClientSettings cluster);
}
