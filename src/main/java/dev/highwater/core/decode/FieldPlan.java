package dev.highwater.core.decode;

import com.google.protobuf.Descriptors.FieldDescriptor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields of a message to pick while reading it, by dotted path ({@code sender}, {@code meta.id}), each
 * into a slot of the caller's array. Fields not asked for are only checked and skipped, so reading a record
 * costs little more than walking its bytes.
 */
public final class FieldPlan {

    final ProtoShape shape;
    /** Slot per field number asked for; absent = not wanted. */
    final Map<Integer, Integer> slots = new HashMap<>();
    /** Plans for the nested messages that hold wanted fields. */
    final Map<Integer, FieldPlan> children = new HashMap<>();
    private final List<String> paths;

    private FieldPlan(ProtoShape shape, List<String> paths) {
        this.shape = shape;
        this.paths = paths;
    }

    /** A plan picking the given paths (proto or JSON field names); paths the type lacks stay empty. */
    public static FieldPlan of(ProtoShape shape, List<String> paths) {
        FieldPlan root = new FieldPlan(shape, List.copyOf(paths));
        for (int slot = 0; slot < paths.size(); slot++) {
            root.add(paths.get(slot).split("\\."), 0, slot);
        }
        return root;
    }

    /** The first {@code max} fields of the message that are not nested messages: what a one-line summary shows. */
    public static FieldPlan summary(ProtoShape shape, int max) {
        // text and numbers say more than bytes (hashes, ids): bytes fields come last
        List<String> names = new ArrayList<>();
        List<String> bytes = new ArrayList<>();
        for (FieldDescriptor f : shape.type().getFields()) {
            if (f.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING) {
                bytes.add(f.getName());
            } else if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                names.add(f.getName());
            }
        }
        names.addAll(bytes);
        return of(shape, names.subList(0, Math.min(max, names.size())));
    }

    public List<String> paths() {
        return paths;
    }

    boolean wantsAnything() {
        return !slots.isEmpty() || !children.isEmpty();
    }

    private void add(String[] parts, int i, int slot) {
        FieldDescriptor f = find(parts[i]);
        if (f == null) {
            return;
        }
        if (i == parts.length - 1) {
            slots.putIfAbsent(f.getNumber(), slot);
        } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            children.computeIfAbsent(f.getNumber(), n -> new FieldPlan(shape.nested(f), List.of()))
                    .add(parts, i + 1, slot);
        }
    }

    private FieldDescriptor find(String name) {
        for (FieldDescriptor f : shape.type().getFields()) {
            if (f.getName().equals(name) || f.getJsonName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
