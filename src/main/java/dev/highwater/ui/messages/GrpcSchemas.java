package dev.highwater.ui.messages;

import dev.highwater.core.schema.SchemaCatalog;

/** Types from a gRPC backend's server reflection, as a schema source. */
final class GrpcSchemas {

    private GrpcSchemas() {
    }

    /** Whether this build can load types over server reflection. */
    static boolean available() {
        return false;
    }

    static SchemaCatalog.Source load(String target) {
        throw new IllegalStateException("loading types over gRPC server reflection is not available in this build");
    }
}
