package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.core.registry.SchemaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a new schema breaks a subject's compatibility level against its registered versions: the latest one for
 * BACKWARD, FORWARD and FULL, every one for their _TRANSITIVE forms. A level of NONE breaks nothing, but what the
 * check finds against the latest version is still reported, for information. Pure: the caller fetches the versions.
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {
    }

    /**
     * @param type       the subject's schema type (the new schema is read as the same type)
     * @param text       the new schema's text (a .proto file, an .avsc, a JSON Schema)
     * @param referenced the texts the new schema references, by reference name (Protobuf import paths), in the
     *                   order they must be read
     * @param history    the subject's registered versions, oldest first
     * @throws IllegalArgumentException in one sentence when a schema does not compile or parse
     */
    public static EvolutionReport check(SchemaType type, String text, Map<String, String> referenced,
                                        List<RegisteredVersion> history, CompatibilityLevel level) {
        List<RegisteredVersion> against = history.isEmpty() ? List.of()
                : level.transitive() ? history : List.of(history.getLast());
        List<Finding> findings = new ArrayList<>();
        switch (type) {
            case PROTOBUF -> {
                FileDescriptor now = ProtoSchemaText.compile(text, referenced, "the new schema");
                for (RegisteredVersion v : against) {
                    FileDescriptor old = ProtoSchemaText.compile(v.schema().text(), v.schema().referenced(), v.label());
                    ProtoEvolution.compare(old, now, v.label(), level.backward(), level.forward(), findings);
                }
            }
            case AVRO -> {
                var now = AvroEvolution.parse(text, referenced, "the new schema");
                for (RegisteredVersion v : against) {
                    var old = AvroEvolution.parse(v.schema().text(), v.schema().referenced(), v.label());
                    AvroEvolution.compare(old, now, v.label(), level.backward(), level.forward(), findings);
                }
            }
            case JSON -> {
                var now = JsonSchemaEvolution.parse(text, "the new schema");
                for (RegisteredVersion v : against) {
                    var old = JsonSchemaEvolution.parse(v.schema().text(), v.label());
                    JsonSchemaEvolution.compare(old, now, v.label(), level.backward(), level.forward(), findings);
                }
                findings.add(Finding.info(JsonSchemaEvolution.NOT_CHECKED));
            }
        }
        List<Finding> deduplicated = findings.stream().distinct()
                .map(f -> level == CompatibilityLevel.NONE ? f.informational() : f).toList();
        return new EvolutionReport(level, against.stream().map(RegisteredVersion::version).toList(), deduplicated);
    }
}
