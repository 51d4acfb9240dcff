package dev.highwater.core.decode;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The detail pane's tree of a value, with values as people read them ({@link ValueText}): a Protobuf value's
 * enums by name, bytes in hex, epoch milliseconds with their instant; a JSON value's time-like numbers with
 * their instant. Field names are the JSON names, as in the JSON tab beside it; the well-known types
 * (google.protobuf.Timestamp and the like) keep their JSON form, which is already readable.
 */
public final class ReadableTree {

    private ReadableTree() {
    }

    /** A Protobuf message: "name: value" leaves, "name {n}" messages, "name [n]" repeated fields. */
    public static JsonTree of(String rootLabel, Message m, JsonFormat.Printer wellKnown) {
        Map<FieldDescriptor, Object> fields = m.getAllFields();
        List<JsonTree> kids = new ArrayList<>();
        int n = 0;
        for (Map.Entry<FieldDescriptor, Object> e : fields.entrySet()) {
            if (n++ == JsonTree.MAX_CHILDREN) {
                kids.add(new JsonTree("… " + (fields.size() - JsonTree.MAX_CHILDREN) + " more fields", List.of()));
                break;
            }
            FieldDescriptor f = e.getKey();
            if (f.isRepeated()) {
                List<?> items = (List<?>) e.getValue();
                List<JsonTree> elements = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (i == JsonTree.MAX_CHILDREN) {
                        elements.add(new JsonTree("… " + (items.size() - JsonTree.MAX_CHILDREN) + " more items",
                                List.of()));
                        break;
                    }
                    elements.add(node(f.isMapField() ? mapKey((Message) items.get(i)) : "[" + i + "]",
                            f.isMapField() ? mapValueField(f) : f,
                            f.isMapField() ? mapValue((Message) items.get(i)) : items.get(i), wellKnown));
                }
                kids.add(new JsonTree(f.getJsonName() + (f.isMapField() ? " {" : " [") + items.size()
                        + (f.isMapField() ? "}" : "]"), elements));
            } else {
                kids.add(node(f.getJsonName(), f, e.getValue(), wellKnown));
            }
        }
        return new JsonTree(rootLabel + " {" + fields.size() + "}", kids);
    }

    private static JsonTree node(String name, FieldDescriptor f, Object v, JsonFormat.Printer wellKnown) {
        if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            return new JsonTree(name + ": " + ValueText.protobuf(f, v), List.of());
        }
        Message m = (Message) v;
        if (m.getDescriptorForType().getFullName().startsWith("google.protobuf.")) {
            try {
                return json(name, wellKnown.print(m));
            } catch (InvalidProtocolBufferException e) {
                return new JsonTree(name + ": " + e.getMessage(), List.of());
            }
        }
        return of(name, m, wellKnown);
    }

    private static String mapKey(Message entry) {
        FieldDescriptor key = entry.getDescriptorForType().findFieldByName("key");
        return String.valueOf(entry.getField(key));
    }

    private static FieldDescriptor mapValueField(FieldDescriptor map) {
        return map.getMessageType().findFieldByName("value");
    }

    private static Object mapValue(Message entry) {
        return entry.getField(entry.getDescriptorForType().findFieldByName("value"));
    }

    /** A JSON value, its time-like numbers followed by their instant. */
    public static JsonTree json(String rootLabel, String json) {
        return json(rootLabel, JsonParser.parseString(json));
    }

    private static JsonTree json(String name, JsonElement e) {
        JsonTree plain = JsonTree.of(name, e.toString());
        return annotated(plain, e);
    }

    /** The tree JsonTree makes, its numeric leaves under a time-like name followed by their instant. */
    private static JsonTree annotated(JsonTree node, JsonElement e) {
        if (e.isJsonObject()) {
            List<JsonTree> kids = new ArrayList<>(node.children().size());
            int i = 0;
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (i >= Math.min(node.children().size(), JsonTree.MAX_CHILDREN)) { // then the "… more" node
                    break;
                }
                kids.add(leafWithInstant(annotated(node.children().get(i++), m.getValue()), m.getKey(), m.getValue()));
            }
            kids.addAll(node.children().subList(i, node.children().size()));
            return new JsonTree(node.label(), kids);
        }
        if (e.isJsonArray()) {
            List<JsonTree> kids = new ArrayList<>(node.children().size());
            var a = e.getAsJsonArray();
            for (int i = 0; i < node.children().size(); i++) {
                kids.add(i < Math.min(a.size(), JsonTree.MAX_CHILDREN) ? annotated(node.children().get(i), a.get(i)) : node.children().get(i));
            }
            return new JsonTree(node.label(), kids);
        }
        return node;
    }

    private static JsonTree leafWithInstant(JsonTree node, String name, JsonElement v) {
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
            return node;
        }
        try {
            String at = ValueText.instant(name, Long.parseLong(v.getAsString()));
            return at == null ? node : new JsonTree(name + ": " + at + " (" + v.getAsString() + ")", List.of());
        } catch (NumberFormatException notWhole) {
            return node;
        }
    }
}
