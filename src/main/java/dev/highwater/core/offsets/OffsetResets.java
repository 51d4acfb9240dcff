package dev.highwater.core.offsets;

import dev.highwater.core.connect.ClientSettings;

/** Makes the offset resets of a cluster for a profile; the composition root chooses the implementation. */
@FunctionalInterface
public interface OffsetResets {

    /**
     * @param writable    whether the profile allows writing actions
     * @param profileName the profile's name, for a refusal
     */
    OffsetReset on(ClientSettings cluster, boolean writable, String profileName);
}
