package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.MessageOptions;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Field declarations as protoc reads them: labels (none in a oneof; in editions only {@code repeated}), scalar and
 * named types, proto2 groups (a nested type named as written and a field of type group named in lower case), map
 * fields (a nested map-entry type), and extensions; every field gets protoc's JSON name.
 */
final class ProtoFields {

    static final int MAX_FIELD_NUMBER = 536_870_911;
    private static final Map<String, Type> SCALARS = Map.ofEntries(
            Map.entry("double", Type.TYPE_DOUBLE), Map.entry("float", Type.TYPE_FLOAT),
            Map.entry("int64", Type.TYPE_INT64), Map.entry("uint64", Type.TYPE_UINT64),
            Map.entry("int32", Type.TYPE_INT32), Map.entry("fixed64", Type.TYPE_FIXED64),
            Map.entry("fixed32", Type.TYPE_FIXED32), Map.entry("bool", Type.TYPE_BOOL),
            Map.entry("string", Type.TYPE_STRING), Map.entry("bytes", Type.TYPE_BYTES),
            Map.entry("uint32", Type.TYPE_UINT32), Map.entry("sfixed32", Type.TYPE_SFIXED32),
            Map.entry("sfixed64", Type.TYPE_SFIXED64), Map.entry("sint32", Type.TYPE_SINT32),
            Map.entry("sint64", Type.TYPE_SINT64));

    /** Where a block's declarations go: its fields (or extensions) and the types groups add beside them. */
    record Holder(Consumer<FieldDescriptorProto> fields, Consumer<DescriptorProto> types) {
    }

    /** Reads a message body (the parser's), for a group's braces. */
    @FunctionalInterface
    interface Body {
        void read(DescriptorProto.Builder type, ProtoTokens.Token name, String what);
    }

    private final ProtoCursor c;
    private final ProtoOptions options;
    private final ProtoScope scope;
    private final Body body;

    ProtoFields(ProtoCursor c, ProtoOptions options, ProtoScope scope, Body body) {
        this.c = c;
        this.options = options;
        this.scope = scope;
        this.body = body;
    }

    /** A field, a group, or (with an extendee) an extension; what it declares goes into {@code holder}. */
    void field(Holder holder, int oneof, String extendee) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setLabel(Label.LABEL_OPTIONAL);
        boolean explicitOptional = false;
        if (c.peekIs("optional") || c.peekIs("required") || c.peekIs("repeated")) {
            ProtoTokens.Token label = c.next();
            checkLabel(label, oneof);
            f.setLabel(switch (label.text()) {
                case "required" -> Label.LABEL_REQUIRED;
                case "repeated" -> Label.LABEL_REPEATED;
                default -> Label.LABEL_OPTIONAL;
            });
            explicitOptional = label.text().equals("optional");
        }
        if (c.peekIs("map")) {
            throw c.error(c.peek(), extendee != null ? "a map field cannot be an extension"
                    : "a map field cannot have a label");
        }
        ProtoTokens.Token nameToken = c.peekIs("group") ? group(f) : typeAndName(f);
        if (extendee != null) {
            f.setExtendee(extendee);
        }
        if (c.peekIs("[")) {
            options.fieldList(f, extendee != null, scope.proto3());
        }
        if (f.getType() == Type.TYPE_GROUP) {
            c.expect("{");
            DescriptorProto.Builder type = DescriptorProto.newBuilder().setName(nameToken.text());
            body.read(type, nameToken, "group " + nameToken.text());
            holder.types().accept(type.build());
        } else {
            c.expect(";");
        }
        if (!f.hasJsonName()) {
            f.setJsonName(ProtoNames.camelCase(f.getName(), false));
        }
        if (oneof >= 0) {
            f.setOneofIndex(oneof);
        } else if (scope.proto3() && explicitOptional) {
            f.setProto3Optional(true);
        }
        scope.declared(scope.qualify(f.getName()), nameToken);
        holder.fields().accept(f.build());
    }

    private ProtoTokens.Token typeAndName(FieldDescriptorProto.Builder f) {
        String type = c.ident("a field type");
        Type scalar = SCALARS.get(type);
        if (scalar != null) {
            f.setType(scalar);
        } else {
            f.setTypeName(type);
        }
        ProtoTokens.Token nameToken = c.identToken("a field name");
        f.setName(nameToken.text());
        c.expect("=");
        f.setNumber(fieldNumber());
        return nameToken;
    }

    /** protoc's rules for labels: none in a oneof, and in editions only {@code repeated}. */
    private void checkLabel(ProtoTokens.Token label, int oneof) {
        if (oneof >= 0) {
            throw c.error(label, "fields in a oneof cannot have labels (required, optional or repeated)");
        }
        if (scope.editions() && label.text().equals("optional")) {
            throw c.error(label, "label \"optional\" is not allowed in editions: singular fields have presence "
                    + "unless features.field_presence says otherwise; remove the label");
        }
        if (scope.editions() && label.text().equals("required")) {
            throw c.error(label, "label \"required\" is not allowed in editions; use "
                    + "[features.field_presence = LEGACY_REQUIRED] instead");
        }
    }

    /** {@code group Name = N}: the field is named in lower case, its type is the group's message. */
    private ProtoTokens.Token group(FieldDescriptorProto.Builder f) {
        ProtoTokens.Token at = c.next();
        if (scope.proto3()) {
            throw c.error(at, "groups are not allowed in proto3; use a nested message");
        }
        if (scope.editions()) {
            throw c.error(at, "group syntax is not allowed in editions; use a message field with "
                    + "[features.message_encoding = DELIMITED]");
        }
        ProtoTokens.Token nameToken = c.identToken("a group name");
        String name = nameToken.text();
        if (!Character.isUpperCase(name.charAt(0))) {
            throw c.error(nameToken, "group names must start with a capital letter");
        }
        c.expect("=");
        f.setName(name.toLowerCase(Locale.ROOT)).setNumber(fieldNumber()).setType(Type.TYPE_GROUP)
                .setTypeName("." + scope.qualify(name));
        return nameToken;
    }

    private int fieldNumber() {
        ProtoTokens.Token t = c.next();
        int n = c.intValue(t, "a field number");
        if (n < 1 || n > MAX_FIELD_NUMBER) {
            throw c.error(t, "field numbers run from 1 to " + MAX_FIELD_NUMBER + ", not " + n);
        }
        return n;
    }

    /** {@code map<K, V> name = N;}: a repeated field of a nested map-entry type, declared just before it. */
    void mapField(DescriptorProto.Builder m, boolean inOneof) {
        ProtoTokens.Token at = c.next(); // map
        c.expect("<");
        String key = c.ident("the map's key type");
        c.expect(",");
        String value = c.ident("the map's value type");
        c.expect(">");
        ProtoTokens.Token nameToken = c.identToken("a field name");
        String name = nameToken.text();
        c.expect("=");
        String entryName = ProtoNames.camelCase(name, true) + "Entry";
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(fieldNumber())
                .setLabel(Label.LABEL_REPEATED).setType(Type.TYPE_MESSAGE).setTypeName("." + scope.qualify(entryName));
        if (c.peekIs("[")) {
            options.fieldList(f, false, scope.proto3());
        }
        c.expect(";");
        if (inOneof) {
            throw c.error(at, "a map field cannot be inside a oneof");
        }
        if (!f.hasJsonName()) {
            f.setJsonName(ProtoNames.camelCase(name, false));
        }
        DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(entryName)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true));
        entry.addField(entryField("key", 1, key, f));
        entry.addField(entryField("value", 2, value, f));
        m.addNestedType(entry);
        m.addField(f);
        scope.declared(scope.qualify(name), nameToken);
    }

    /** The key or value field of a map entry, with the map field's features, which protoc copies to both. */
    private static FieldDescriptorProto entryField(String name, int number, String type,
                                                   FieldDescriptorProto.Builder map) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_OPTIONAL).setJsonName(name);
        if (map.getOptions().hasFeatures()) {
            f.getOptionsBuilder().setFeatures(map.getOptions().getFeatures());
        }
        Type scalar = SCALARS.get(type);
        if (scalar != null) {
            f.setType(scalar);
        } else {
            f.setTypeName(type);
        }
        return f.build();
    }
}
