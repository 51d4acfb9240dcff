package dev.highwater.core.registry;

import java.util.List;

/**
 * A schema registry speaking the Confluent REST API (Confluent Schema Registry, Apicurio's ccompat API,
 * Karapace, Redpanda). Every method may block on the network; none is for the FX thread. Failures are
 * {@link RegistryException}s. Read-only: Highwater never registers or deletes a schema.
 */
public interface SchemaRegistry extends AutoCloseable {

    /** The schema of an id, its references resolved ({@code GET /schemas/ids/{id}}). */
    RegisteredSchema schema(int id);

    /** Where the id is registered: subjects and versions ({@code GET /schemas/ids/{id}/versions}). */
    List<SubjectVersion> usages(int id);

    /** Every subject ({@code GET /subjects}), sorted. */
    List<String> subjects();

    /** A subject's versions, oldest first ({@code GET /subjects/{subject}/versions}). */
    List<Integer> versions(String subject);

    /** One version of a subject; {@code version} &lt;= 0 means the latest. */
    SubjectVersion version(String subject, int version);

    /**
     * The compatibility level that applies to a subject (its own, else the registry's global one): BACKWARD,
     * FORWARD, FULL, NONE and their _TRANSITIVE forms.
     */
    String compatibility(String subject);

    /** The registry's address(es) for messages, without credentials. */
    String where();

    @Override
    void close();
}
