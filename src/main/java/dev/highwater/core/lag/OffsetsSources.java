package dev.highwater.core.lag;

import dev.highwater.core.connect.ClientSettings;

/** Makes a cluster's offsets source (the caller closes it); the composition root chooses the implementation. */
@FunctionalInterface
public interface OffsetsSources {
    OffsetsSource on(ClientSettings cluster);
}
