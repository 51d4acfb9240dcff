package dev.highwater.registry;

import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.CachingSchemaRegistry;
import dev.highwater.core.registry.SchemaRegistries;
import dev.highwater.core.registry.SchemaRegistry;

/** Opens a profile's registry over HTTP, its schemas cached by id for as long as it is open. */
public final class HttpSchemaRegistries implements SchemaRegistries {

    @Override
    public SchemaRegistry open(RegistrySettings settings, SecretResolver secrets) {
        return new CachingSchemaRegistry(new HttpSchemaRegistry(settings, secrets));
    }
}
