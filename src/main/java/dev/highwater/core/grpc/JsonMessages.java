package dev.highwater.core.grpc;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonStreamParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON to Protobuf and back for any message type, in Protobuf's JSON mapping. A request that does not fit its
 * type is refused with the field and the reason, found by trying the fields one at a time.
 */
public final class JsonMessages {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRETTY = JsonFormat.printer();
    private static final JsonFormat.Printer COMPACT = JsonFormat.printer().omittingInsignificantWhitespace();

    private JsonMessages() {
    }

    /** Parses one JSON object into a message of {@code type}; blank text is the empty message. */
    public static DynamicMessage parse(String json, Descriptor type) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        if (json == null || json.isBlank()) {
            return builder.build();
        }
        try {
            PARSER.merge(json, builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw explain(json, type, e);
        }
    }

    /**
     * Splits text holding several JSON objects (one per line, as in a JSONL file, or simply one after another)
     * and parses each; a failure names the message's position.
     */
    public static List<DynamicMessage> parseAll(String text, Descriptor type) {
        List<JsonElement> values = values(text);
        List<DynamicMessage> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                out.add(parse(values.get(i).toString(), type));
            } catch (RequestJsonException e) {
                throw new RequestJsonException(e.field(), "message " + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The top-level values one after another, or separated by commas as inside an array. */
    private static List<JsonElement> values(String text) {
        List<JsonElement> values = new ArrayList<>();
        try {
            new JsonStreamParser(text).forEachRemaining(values::add);
            return values;
        } catch (JsonParseException e) {
            try {
                List<JsonElement> listed = new ArrayList<>(JsonParser.parseString("[" + text + "]").getAsJsonArray().asList());
                while (!listed.isEmpty() && listed.getLast().isJsonNull()) {
                    listed.removeLast(); // a comma after the last message, as a list copied from a file often has
                }
                return listed;
            } catch (JsonParseException notAList) {
                throw new RequestJsonException(null, "message " + (values.size() + 1) + ": " + notJson(e));
            }
        }
    }

    public static String pretty(MessageOrBuilder message) {
        return print(PRETTY, message);
    }

    /** One line, for live lists and JSON lines. */
    public static String compact(MessageOrBuilder message) {
        return print(COMPACT, message);
    }

    private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
        try {
            return printer.print(message);
        } catch (InvalidProtocolBufferException e) {
            // only an Any whose type is unknown gets here: say so rather than fail the whole view
            return "{\"error\":\"" + e.getMessage().replace("\"", "'") + "\"}";
        }
    }

    private static RequestJsonException explain(String json, Descriptor type, Exception failure) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return new RequestJsonException(null, notJson(e));
        }
        if (!root.isJsonObject()) {
            return new RequestJsonException(null, "The request must be a JSON object (" + type.getFullName()
                    + "), not " + kind(root) + ".");
        }
        RequestJsonException located = locate(root.getAsJsonObject(), type, "");
        return located != null ? located
                : new RequestJsonException(null, "The request does not fit " + type.getFullName() + ": "
                + reason(failure));
    }

    private static String notJson(JsonParseException e) {
        String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : e.getMessage();
        return "The request is not valid JSON: " + why;
    }

    private static RequestJsonException locate(JsonObject object, Descriptor type, String path) {
        for (var entry : object.entrySet()) {
            String name = entry.getKey();
            FieldDescriptor field = field(type, name);
            String at = path + name;
            if (field == null) {
                return new RequestJsonException(at, "field " + at + ": " + type.getFullName()
                        + " has no such field (its fields: " + fieldNames(type) + ").");
            }
            JsonObject single = new JsonObject();
            single.add(name, entry.getValue());
            try {
                PARSER.merge(single.toString(), DynamicMessage.newBuilder(type));
                continue;
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                RequestJsonException inner = inside(field, entry.getValue(), at);
                return inner != null ? inner
                        : new RequestJsonException(at, "field " + at + " (" + typeName(field) + "): " + reason(e));
            }
        }
        return null;
    }

    private static RequestJsonException inside(FieldDescriptor field, JsonElement value, String at) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()
                || field.getMessageType().getFullName().startsWith("google.protobuf.")) {
            return null;
        }
        if (!field.isRepeated() && value.isJsonObject()) {
            return locate(value.getAsJsonObject(), field.getMessageType(), at + ".");
        }
        if (field.isRepeated() && value.isJsonArray()) {
            JsonArray items = value.getAsJsonArray();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).isJsonObject()) {
                    RequestJsonException e = locate(items.get(i).getAsJsonObject(), field.getMessageType(),
                            at + "[" + i + "].");
                    if (e != null) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private static FieldDescriptor field(Descriptor type, String jsonName) {
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJsonName().equals(jsonName) || f.getName().equals(jsonName)) {
                return f;
            }
        }
        return null;
    }

    private static String fieldNames(Descriptor type) {
        List<String> names = type.getFields().stream().map(FieldDescriptor::getJsonName).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String typeName(FieldDescriptor f) {
        String base = switch (f.getJavaType()) {
            case MESSAGE -> f.getMessageType().getFullName();
            case ENUM -> f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
        return f.isMapField() ? "map" : f.isRepeated() ? "repeated " + base : base;
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        return "a plain value";
    }
}
