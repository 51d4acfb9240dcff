package dev.highwater.core.grpc;

import dev.highwater.core.schema.SchemaCatalog;

/** A gRPC backend's types over server reflection, as a schema source for decoding. */
@FunctionalInterface
public interface ReflectedSchemas {

    /** Loads the backend's types; an IllegalArgumentException says in one sentence why not. */
    SchemaCatalog.Source load(ChannelSettings target);
}
