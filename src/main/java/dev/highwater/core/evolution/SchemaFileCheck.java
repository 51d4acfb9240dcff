package dev.highwater.core.evolution;

import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks a new schema file against a subject: the subject's registered history at its compatibility level (the
 * latest version, or every one for a _TRANSITIVE level) and, with a topic, whether the last records of each
 * partition framed with the subject's schemas still decode with it. The file imports what the latest version
 * references, each import replaced by a file of the same path beside the new one where there is one. Runs on the
 * calling thread; prints nothing.
 */
public final class SchemaFileCheck {

    /** What the check found; {@code records} is null when no topic was read. */
    public record Result(EvolutionReport report, DecodabilityCheck.Result records) {

        /** Nothing breaks the level and every record checked decodes. */
        public boolean passes() {
            return report.compatible() && (records == null || records.failed() == 0);
        }
    }

    /**
     * The topic to read with the new schema: its name, how many of the last offsets of each partition, and the
     * cluster's topics (asked only once the history has been checked).
     */
    public record Topic(String name, long last, Supplier<TailSource> source) {
    }

    /** The check could not be made, for a reason the user can act on; the message is one sentence. */
    public static class Problem extends RuntimeException {
        public Problem(String message) {
            super(message);
        }
    }

    /** The registry answers a compatibility level Highwater does not know; the caller may give one instead. */
    public static final class UnknownLevel extends Problem {
        UnknownLevel(String level) {
            super("the registry answers the compatibility level " + level + ", which Highwater does not know");
        }
    }

    private SchemaFileCheck() {
    }

    /** The schema file's text; {@link Problem} names the file when it is missing or unreadable. */
    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new Problem("the schema file " + path + " does not exist");
        } catch (IOException e) {
            throw new Problem("the schema file " + path + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Checks {@code text} (read from {@code file}) against {@code subject}.
     *
     * @param level the level to check at, or null for the subject's own
     * @param topic the topic whose records to decode with the new schema, or null
     * @throws Problem           in one sentence: no versions, an unknown level, a file of another type, a schema
     *                           that does not compile, a topic that cannot be read
     * @throws RegistryException when the registry fails
     */
    public static Result check(SchemaRegistry registry, Path file, String text, String subject,
                               CompatibilityLevel level, Topic topic) throws InterruptedException {
        List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw new Problem("the subject " + subject + " has no versions in the registry at " + registry.where());
        }
        CompatibilityLevel at = level != null ? level : level(registry.compatibility(subject));
        List<RegisteredVersion> history = new ArrayList<>();
        for (int v : at.transitive() ? versions : List.of(versions.getLast())) {
            SubjectVersion sv = registry.version(subject, v);
            history.add(new RegisteredVersion(sv.version(), registry.schema(sv.id())));
        }
        RegisteredSchema latest = history.getLast().schema();
        SchemaType type = latest.type();
        matchesType(file, subject, type);
        Map<String, String> imports = imports(file, latest);
        try {
            EvolutionReport report = CompatibilityCheck.check(type, text, imports, history, at);
            DecodabilityCheck.Result records = topic == null ? null
                    : records(registry, subject, type, text, imports, topic);
            return new Result(report, records);
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage());
        }
    }

    private static DecodabilityCheck.Result records(SchemaRegistry registry, String subject, SchemaType type,
                                                    String text, Map<String, String> imports, Topic topic)
            throws InterruptedException {
        TailSource source = topic.source().get();
        DecodabilityCheck check = new DecodabilityCheck(type, text, imports, subject, registry);
        try {
            LastRecords.read(source, topic.name(), topic.last(), check::check);
        } catch (TailException e) {
            throw new Problem(e.getMessage());
        }
        return check.result();
    }

    private static CompatibilityLevel level(String registryLevel) {
        try {
            return CompatibilityLevel.of(registryLevel);
        } catch (IllegalArgumentException e) {
            throw new UnknownLevel(registryLevel);
        }
    }

    /** A file whose name says another type than the subject's is a mistake worth one line, not a parse error. */
    private static void matchesType(Path file, String subject, SchemaType type) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        SchemaType named = name.endsWith(".proto") ? SchemaType.PROTOBUF : name.endsWith(".avsc") ? SchemaType.AVRO
                : name.endsWith(".json") ? SchemaType.JSON : null;
        if (named != null && named != type && !(named == SchemaType.JSON && type == SchemaType.AVRO)) {
            throw new Problem(file + " is " + named + " by its name, but the subject " + subject + " holds "
                    + type + " schemas");
        }
    }

    /**
     * What the new schema imports: the latest version's references, each replaced by a file of the same path
     * beside the new one where there is one (the user's newer copy of an imported schema).
     */
    private static Map<String, String> imports(Path file, RegisteredSchema latest) {
        Map<String, String> imports = new LinkedHashMap<>(latest.referenced());
        Path folder = file.toAbsolutePath().getParent();
        for (String name : latest.referenced().keySet()) {
            Path beside = folder.resolve(name).normalize();
            if (beside.startsWith(folder) && Files.isRegularFile(beside)) {
                imports.put(name, read(beside));
            }
        }
        return imports;
    }
}
