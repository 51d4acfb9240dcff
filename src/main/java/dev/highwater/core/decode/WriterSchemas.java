package dev.highwater.core.decode;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.core.registry.CachingSchemaRegistry;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import org.apache.avro.Schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The schemas records were written with, beyond the loaded Protobuf types: a schema registry's, by id, and Avro
 * types from .avsc files. A registry schema is compiled once per id (an id never changes its schema): Protobuf by
 * our own .proto compiler with its references as its imports, Avro by Avro's parser with the referenced named
 * types read first, JSON Schema checked to be JSON. A schema that does not compile is remembered as such; a
 * registry that fails is asked again later (the {@link CachingSchemaRegistry} decides when). Thread-safe: the
 * decoding threads share one.
 */
public final class WriterSchemas {

    /** No registry and no Avro types: records decode as they did before registries. */
    public static final WriterSchemas NONE = new WriterSchemas(null, Map.of());

    /**
     * A registry schema compiled: exactly one of {@code proto}, {@code avro} (for JSON Schema: neither) is set,
     * or {@code problem} says in one sentence why it does not compile.
     */
    record Compiled(RegisteredSchema schema, FileDescriptor proto, AvroType avro, String problem) {
    }

    private final SchemaRegistry registry;
    private final Map<String, AvroType> avroTypes;
    private final ConcurrentMap<Integer, Compiled> compiled = new ConcurrentHashMap<>();
    private final ProtoShape.Cache shapes = new ProtoShape.Cache();

    private WriterSchemas(SchemaRegistry registry, Map<String, AvroType> avroTypes) {
        this.registry = registry == null || registry instanceof CachingSchemaRegistry ? registry
                : new CachingSchemaRegistry(registry);
        this.avroTypes = Map.copyOf(avroTypes);
    }

    /**
     * @param registry  the registry to decode framed records by, or null for none (then framed records need the
     *                  schema id → type mapping, as before); wrapped in a cache by id unless it is one
     * @param avroTypes Avro named types by full name ({@link AvscFiles#load}), for values pinned to one
     */
    public static WriterSchemas of(SchemaRegistry registry, Map<String, AvroType> avroTypes) {
        return registry == null && avroTypes.isEmpty() ? NONE : new WriterSchemas(registry, avroTypes);
    }

    public boolean hasRegistry() {
        return registry != null;
    }

    /** The Avro type of that full name from the .avsc files, or null. */
    public AvroType avroType(String fullName) {
        return avroTypes.get(fullName);
    }

    /** A sentence naming the Avro types there are, for "not among them" errors. */
    String avroTypesSentence() {
        return avroTypes.isEmpty() ? "no .avsc files are loaded"
                : "the .avsc files define " + String.join(", ", avroTypes.keySet().stream().sorted().limit(8).toList());
    }

    /** The schema of an id, compiled; a {@link dev.highwater.core.registry.RegistryException} when asking failed. */
    Compiled compiled(int id) {
        Compiled known = compiled.get(id);
        if (known != null) {
            return known;
        }
        RegisteredSchema schema = registry.schema(id);
        return compiled.computeIfAbsent(id, i -> compile(schema));
    }

    /**
     * Where the id is registered, for the row: the usage under {@code <topic>-value} (or {@code -key}) when
     * there is one, else the first. When the registry does not say, the id alone (subject null, version -1).
     */
    SubjectVersion usage(int id, String topic, boolean keys) {
        List<SubjectVersion> all;
        try {
            all = registry.usages(id);
        } catch (RuntimeException e) {
            return new SubjectVersion(null, -1, id);
        }
        if (all.isEmpty()) {
            return new SubjectVersion(null, -1, id);
        }
        String wanted = topic + (keys ? "-key" : "-value");
        for (SubjectVersion v : all) {
            if (wanted.equals(v.subject())) {
                return v;
            }
        }
        return all.getFirst();
    }

    /** The message a frame's index path names in a compiled Protobuf schema, or null when it names none. */
    ProtoShape message(Compiled c, int[] indexes) {
        List<Descriptor> level = c.proto().getMessageTypes();
        Descriptor d = null;
        for (int i : indexes) {
            if (i >= level.size()) {
                return null;
            }
            d = level.get(i);
            level = d.getNestedTypes();
        }
        return d == null ? null : shapes.shape(d);
    }

    private static Compiled compile(RegisteredSchema s) {
        try {
            return switch (s.type()) {
                case PROTOBUF -> protobuf(s);
                case AVRO -> avro(s);
                case JSON -> json(s);
            };
        } catch (RuntimeException e) {
            // a fault of a compiler's, not of the stream: this id's rows say so, the others still decode
            return failed(s, "the compiler failed on it (" + e + ")");
        }
    }

    private static Compiled protobuf(RegisteredSchema s) {
        String main = "schema-id-" + s.id() + ".proto";
        Map<String, String> texts = new LinkedHashMap<>(s.referenced());
        texts.put(main, s.text());
        SchemaCatalog.Source source = ProtoFolderSource.compile("schema id " + s.id(), texts, List.of());
        for (FileDescriptor f : source.files()) {
            if (f.getName().equals(main)) {
                return new Compiled(s, f, null, null);
            }
        }
        List<String> problems = source.problems();
        return failed(s, problems.isEmpty() ? "it defines nothing"
                : String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
    }

    private static Compiled avro(RegisteredSchema s) {
        try {
            Schema.Parser parser = new Schema.Parser();
            for (String referenced : s.referenced().values()) {
                parser.parse(referenced);
            }
            return new Compiled(s, null, AvroType.of(parser.parse(s.text())), null);
        } catch (org.apache.avro.AvroRuntimeException e) {
            return failed(s, String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
    }

    private static Compiled json(RegisteredSchema s) {
        try {
            JsonParser.parseString(s.text());
            return new Compiled(s, null, null, null);
        } catch (JsonParseException e) {
            return failed(s, "it is not JSON (" + e.getMessage() + ")");
        }
    }

    private static Compiled failed(RegisteredSchema s, String why) {
        return new Compiled(s, null, null, "the registry's " + label(s.type()) + " schema of id " + s.id()
                + " does not compile: " + why);
    }

    static String label(SchemaType type) {
        return switch (type) {
            case PROTOBUF -> "Protobuf";
            case AVRO -> "Avro";
            case JSON -> "JSON";
        };
    }

    static String path(int[] indexes) {
        return Arrays.toString(indexes);
    }
}
