package dev.highwater.core.ledger;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import org.apache.avro.Schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the ledger's fields are in records framed for a schema registry (magic byte 0, a 4-byte schema id, for
 * Protobuf the message indexes, then the payload), by schema id: a ledger's schema evolves (a field added, one
 * removed and its tag reserved), so each record is read with the schema it was written with. Fields are found
 * by name ({@code event_id} or {@code eventId}, and so on), not by number, so a schema that numbers them
 * differently reads as well. Each id's schema is asked for and compiled once per replay; thread-safe.
 */
public final class LedgerSchemas {

    /** No registry: a framed record is a problem that says to give one. */
    public static final LedgerSchemas NONE = new LedgerSchemas(null);

    static final int ID = 1;
    static final int ACCOUNT = 2;
    static final int TYPE = 3;
    static final int AMOUNT = 4;
    static final int REFERENCE = 5;
    static final int TIMESTAMP = 6;
    private static final String[][] NAMES = {{}, {"event_id", "eventId"}, {"account_id", "accountId"},
            {"event_type", "eventType"}, {"amount"}, {"reference"}, {"timestamp"}};

    /** How one schema id's records are read, or why they cannot be. */
    sealed interface Layout permits Proto, Avro, Json, Unusable {
    }

    /**
     * A Protobuf ledger message: {@code roles[tag]} is the ledger field a tag carries (0: none of ours) for the
     * message at {@code path}; the event type's numbers for a credit and a debit.
     */
    record Proto(int[] path, int[] roles, long credit, long debit, boolean typeIsText, String schema)
            implements Layout {
    }

    record Avro(Schema writer, String schema) implements Layout {
    }

    record Json(String schema) implements Layout {
    }

    record Unusable(String reason) implements Layout {
    }

    private final SchemaRegistry registry;
    private final Map<Integer, Object> compiled = new ConcurrentHashMap<>();
    private final Map<String, Layout> layouts = new ConcurrentHashMap<>();

    public LedgerSchemas(SchemaRegistry registry) {
        this.registry = registry;
    }

    public static LedgerSchemas of(SchemaRegistry registry) {
        return registry == null ? NONE : new LedgerSchemas(registry);
    }

    boolean present() {
        return registry != null;
    }

    String where() {
        return registry == null ? "" : registry.where();
    }

    /**
     * What an id's schema is: a compiled Protobuf file (its layout depends on the record's message path, see
     * {@link #layout}) or the {@link Layout} of an Avro or JSON schema, or {@link Unusable} saying why it cannot be
     * read. Only what stays true is kept and made a record's problem: an id the registry does not know, a schema that
     * is no ledger event. A registry that does not answer, refuses the credentials or answers as no registry would
     * stops the replay instead: the records it holds back are ledger events like the others, and a balance without
     * them (or a snapshot made without them) would be a wrong answer given as a right one.
     *
     * @throws LedgerReplayException when the registry cannot be asked
     */
    Object schemaOf(int id) {
        try {
            return compiled.computeIfAbsent(id, this::fetch);
        } catch (RegistryException e) {
            throw new LedgerReplayException(e.getMessage() + "; the replay stops rather than leave out the records"
                    + " framed with schema id " + id + ": try again once the registry answers");
        }
    }

    private Object fetch(int id) {
        RegisteredSchema s;
        try {
            s = registry.schema(id);
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.UNKNOWN_ID && e.kind() != RegistryException.Kind.UNKNOWN_SUBJECT) {
                throw e;
            }
            return new Unusable(e.getMessage());
        }
        return switch (s.type()) {
            case PROTOBUF -> compileProto(s);
            case AVRO -> avro(s);
            case JSON -> new Json("schema id " + id);
        };
    }

    /** The layout of a Protobuf schema id's message at {@code path} (see {@link #schemaOf}). */
    Layout layout(int id, int[] path) {
        Object schema = schemaOf(id);
        if (!(schema instanceof FileDescriptor file)) {
            return (Layout) schema;
        }
        return layouts.computeIfAbsent(id + Arrays.toString(path), k -> protoLayout(id, file, path));
    }

    // ---------------------------------------------------------------- Protobuf

    private Object compileProto(RegisteredSchema s) {
        Map<String, String> texts = new LinkedHashMap<>(s.referenced());
        String main = "schema-" + s.id() + ".proto";
        texts.put(main, s.text());
        SchemaCatalog.Source compiled = ProtoFolderSource.compile("schema id " + s.id(), texts, List.of());
        if (!compiled.problems().isEmpty()) {
            return new Unusable("the Protobuf schema of id " + s.id() + " does not compile: "
                    + compiled.problems().getFirst());
        }
        return compiled.files().stream().filter(f -> f.getName().equals(main)).findFirst()
                .<Object>map(f -> f)
                .orElseGet(() -> new Unusable("the Protobuf schema of id " + s.id() + " did not compile"));
    }

    private static Layout protoLayout(int id, FileDescriptor file, int[] path) {
        List<Descriptor> level = file.getMessageTypes();
        Descriptor d = null;
        for (int index : path) {
            if (index >= level.size()) {
                return new Unusable("the record names message " + Arrays.toString(path) + " of schema id " + id
                        + ", which has no such message");
            }
            d = level.get(index);
            level = d.getNestedTypes();
        }
        if (d == null) {
            return new Unusable("schema id " + id + " has no message");
        }
        int maxTag = d.getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
        int[] roles = new int[maxTag + 1];
        long credit = 1;
        long debit = 2;
        boolean typeIsText = false;
        for (int role = ID; role <= TIMESTAMP; role++) {
            FieldDescriptor f = field(d, role);
            if (f == null) {
                if (role == REFERENCE) {
                    continue; // a reference is shown, never counted: a schema may drop it
                }
                return new Unusable("schema id " + id + " (" + d.getFullName() + ") has no field "
                        + NAMES[role][0] + ": not a ledger event schema");
            }
            boolean ok = switch (role) {
                case TYPE -> f.getType() == FieldDescriptor.Type.ENUM || f.getType() == FieldDescriptor.Type.STRING;
                case TIMESTAMP -> f.getJavaType() == FieldDescriptor.JavaType.LONG
                        || f.getJavaType() == FieldDescriptor.JavaType.INT;
                default -> f.getType() == FieldDescriptor.Type.STRING;
            };
            if (!ok || f.isRepeated()) {
                return new Unusable("schema id " + id + " (" + d.getFullName() + ") declares " + f.getName()
                        + " as " + (f.isRepeated() ? "repeated " : "") + f.getType().name().toLowerCase()
                        + ", which a ledger event's " + NAMES[role][0] + " cannot be");
            }
            if (role == TYPE && f.getType() == FieldDescriptor.Type.ENUM) {
                EnumValueDescriptor c = f.getEnumType().findValueByName("ACCOUNT_CREDITED");
                EnumValueDescriptor b = f.getEnumType().findValueByName("ACCOUNT_DEBITED");
                if (c == null || b == null) {
                    return new Unusable("schema id " + id + ": the enum " + f.getEnumType().getFullName()
                            + " has no ACCOUNT_CREDITED and ACCOUNT_DEBITED");
                }
                credit = c.getNumber();
                debit = b.getNumber();
            }
            typeIsText |= role == TYPE && f.getType() == FieldDescriptor.Type.STRING;
            roles[f.getNumber()] = role;
        }
        return new Proto(path.clone(), roles, credit, debit, typeIsText, d.getFullName());
    }

    private static FieldDescriptor field(Descriptor d, int role) {
        for (String name : NAMES[role]) {
            FieldDescriptor f = d.findFieldByName(name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- Avro

    private static Layout avro(RegisteredSchema s) {
        try {
            Schema.Parser parser = new Schema.Parser();
            for (String referenced : s.referenced().values()) {
                parser.parse(referenced); // named types the schema uses, defined in other subjects
            }
            Schema writer = parser.parse(s.text());
            if (writer.getType() != Schema.Type.RECORD) {
                return new Unusable("the Avro schema of id " + s.id() + " is a " + writer.getType().getName()
                        + ", not a ledger event record");
            }
            for (int role = ID; role <= TIMESTAMP; role++) {
                if (role != REFERENCE && avroField(writer, role) == null) {
                    return new Unusable("the Avro schema of id " + s.id() + " (" + writer.getFullName()
                            + ") has no field " + NAMES[role][1] + ": not a ledger event schema");
                }
            }
            return new Avro(writer, writer.getFullName());
        } catch (RuntimeException e) {
            return new Unusable("the Avro schema of id " + s.id() + " does not parse: " + e.getMessage());
        }
    }

    static Schema.Field avroField(Schema record, int role) {
        for (String name : NAMES[role]) {
            Schema.Field f = record.getField(name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
