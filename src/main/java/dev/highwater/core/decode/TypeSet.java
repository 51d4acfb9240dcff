package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.TypeRegistry;
import dev.highwater.core.schema.SchemaCatalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message types a tail decodes with, taken from the schema catalog when the tail starts (a catalog change
 * makes a new set), with their prepared shapes and the registry JSON printing needs for {@code Any}.
 */
public final class TypeSet {

    private final Map<String, Descriptor> byName = new LinkedHashMap<>();
    private final ProtoShape.Cache shapes = new ProtoShape.Cache();
    private final TypeRegistry registry;

    public TypeSet(List<Descriptor> types) {
        types.forEach(t -> byName.put(t.getFullName(), t));
        registry = TypeRegistry.newBuilder().add(types).build();
    }

    public static TypeSet of(SchemaCatalog catalog) {
        return new TypeSet(catalog.messageTypes());
    }

    /** The shape of the type of that full name (a leading dot is allowed), or null. */
    public ProtoShape shape(String fullName) {
        String name = fullName.startsWith(".") ? fullName.substring(1) : fullName;
        Descriptor d = byName.get(name);
        return d == null ? null : shapes.shape(d);
    }

    public ProtoShape shape(Descriptor type) {
        return shapes.shape(type);
    }

    public List<Descriptor> all() {
        return List.copyOf(byName.values());
    }

    public int size() {
        return byName.size();
    }

    TypeRegistry jsonRegistry() {
        return registry;
    }

    /** A sentence naming up to a few types whose name is close to {@code wanted}, for "does not exist" errors. */
    public String suggest(String wanted) {
        String last = wanted.substring(wanted.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        List<String> close = byName.keySet().stream()
                .filter(n -> n.toLowerCase(java.util.Locale.ROOT).contains(last)).limit(5).toList();
        if (close.isEmpty()) {
            close = byName.keySet().stream().limit(8).toList();
            return byName.isEmpty() ? "no types are loaded" : "known types include " + String.join(", ", close);
        }
        return "did you mean " + String.join(", ", close) + "?";
    }
}
