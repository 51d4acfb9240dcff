package dev.highwater.core.registry;

import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;

/** Opens a connection to the schema registry of a profile (the port the app wires an HTTP adapter behind). */
@FunctionalInterface
public interface SchemaRegistries {

    /**
     * @throws dev.highwater.core.connect.ConnectionSettingsException when the settings cannot be used (a store
     *         that does not open, a secret reference that does not resolve), in one sentence
     */
    SchemaRegistry open(RegistrySettings settings, SecretResolver secrets);
}
