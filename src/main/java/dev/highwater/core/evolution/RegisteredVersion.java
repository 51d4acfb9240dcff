package dev.highwater.core.evolution;

import dev.highwater.core.registry.RegisteredSchema;

/** One registered version of a subject with its schema (text and resolved references). */
public record RegisteredVersion(int version, RegisteredSchema schema) {

    /** How findings name it: "v2 (id 7)". */
    public String label() {
        return "v" + version + " (id " + schema.id() + ")";
    }
}
