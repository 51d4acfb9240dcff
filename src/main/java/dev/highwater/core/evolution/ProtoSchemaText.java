package dev.highwater.core.evolution;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Protobuf schema as a registry holds it (the text of one .proto file, its imports by import path) compiled
 * with our own .proto compiler, and its message types by the index path that registry framing names them with.
 */
final class ProtoSchemaText {

    private ProtoSchemaText() {
    }

    /**
     * Compiles the schema; an IllegalArgumentException says in one sentence why it does not compile.
     *
     * @param what how the sentence names the schema ("the new schema", "v2 (id 7)")
     */
    static FileDescriptor compile(String text, Map<String, String> imports, String what) {
        String name = mainName(imports);
        Map<String, String> texts = new HashMap<>(imports);
        texts.put(name, text);
        SchemaCatalog.Source source = ProtoFolderSource.compile(what, texts, List.of());
        for (FileDescriptor f : source.files()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        String problem = source.problems().stream().filter(p -> p.startsWith(name)).findFirst()
                .orElse(source.problems().isEmpty() ? "it did not link" : source.problems().getFirst());
        throw new IllegalArgumentException(what + " does not compile: " + problem);
    }

    /** A file name for the schema's own text that none of its imports has. */
    private static String mainName(Map<String, String> imports) {
        String name = "schema.proto";
        for (int i = 1; imports.containsKey(name); i++) {
            name = "schema-" + i + ".proto";
        }
        return name;
    }

    /** Every message type with its index path ([0] the first top-level message, [0, 1] its second nested one). */
    static Map<List<Integer>, Descriptor> byIndexPath(FileDescriptor file) {
        Map<List<Integer>, Descriptor> out = new java.util.LinkedHashMap<>();
        List<Descriptor> top = file.getMessageTypes();
        for (int i = 0; i < top.size(); i++) {
            add(top.get(i), List.of(i), out);
        }
        return out;
    }

    private static void add(Descriptor d, List<Integer> path, Map<List<Integer>, Descriptor> out) {
        out.put(path, d);
        List<Descriptor> nested = d.getNestedTypes();
        for (int i = 0; i < nested.size(); i++) {
            if (!nested.get(i).getOptions().getMapEntry()) {
                List<Integer> p = new ArrayList<>(path);
                p.add(i);
                add(nested.get(i), List.copyOf(p), out);
            }
        }
    }

    /** The message at a framed index path, or null. */
    static Descriptor at(FileDescriptor file, int[] indexes) {
        List<Descriptor> level = file.getMessageTypes();
        Descriptor d = null;
        for (int i : indexes) {
            if (i >= level.size()) {
                return null;
            }
            d = level.get(i);
            level = d.getNestedTypes();
        }
        return d;
    }

    /** A message type of the file (top level or nested) by full name, or null. */
    static Descriptor named(FileDescriptor file, String fullName) {
        for (Descriptor d : byIndexPath(file).values()) {
            if (d.getFullName().equals(fullName)) {
                return d;
            }
        }
        return null;
    }
}
