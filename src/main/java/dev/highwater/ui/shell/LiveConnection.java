package dev.highwater.ui.shell;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SharedSchemaRegistry;

/**
 * What the console is connected to, handed to every area's screen when a connection is up: how to reach the
 * cluster, the gRPC target (null when there is none) and the connection's running lag watcher.
 *
 * @param kafka      bootstrap servers and client properties
 * @param grpcTarget host:port of the gRPC backend, or null
 * @param lag        the lag watcher of this connection
 * @param profile    the profile connected to (its name, security, and whether it is writable)
 * @param registry   the profile's schema registry, shared by the screens (they {@link SharedSchemaRegistry#borrowed()
 *                   borrow} it), or null when the profile has none
 */
public record LiveConnection(ClientSettings kafka, String grpcTarget, LagService lag, ConnectionProfile profile,
                             SharedSchemaRegistry registry) {

    /** True for the embedded demo. */
    public boolean demo() {
        return profile.demo();
    }

    /** The registry for one screen (its close leaves the connection's open), or null when there is none. */
    public SchemaRegistry borrowedRegistry() {
        return registry == null ? null : registry.borrowed();
    }

    /** Whether writing actions (offset resets) are allowed; each is still confirmed. */
    public boolean writable() {
        return profile.writable();
    }
}
