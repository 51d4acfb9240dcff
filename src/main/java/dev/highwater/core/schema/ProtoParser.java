package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.ExtensionRangeOptions;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions.OptionTargetType;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SymbolVisibility;

import java.util.Map;

/**
 * Parses the text of a .proto file (proto2, proto3, editions 2023, 2024 and 2026) into the
 * {@link FileDescriptorProto} protoc writes for it, inside the app: no protoc. Declarations are read here, fields in
 * {@link ProtoFields}, options (editions features included) in {@link ProtoOptions}. Type names are left as
 * written; linking ({@link DescriptorLinker}) resolves them as protoc does. A syntax error is a
 * {@link ProtoSyntaxException} with its line and column.
 */
public final class ProtoParser {

    /** The editions both protoc and protobuf-java of our build accept (2025 was skipped). */
    private static final Map<String, Edition> EDITIONS = Map.of("2023", Edition.EDITION_2023,
            "2024", Edition.EDITION_2024, "2026", Edition.EDITION_2026);
    /** A range's end while its message's options are not all read yet ({@code to max}). */
    private static final int TO_MAX = Integer.MAX_VALUE;

    private final ProtoCursor c;
    private final ProtoScope scope = new ProtoScope();
    private ProtoOptions options;
    private ProtoFields fields;

    private ProtoParser(String text) {
        this.c = new ProtoCursor(text);
    }

    /** The parsed file and where ("line:column") each symbol (full name) and import ("import path") was declared. */
    public record Parsed(FileDescriptorProto file, Map<String, String> places) {
    }

    public static Parsed parse(String fileName, String text) {
        ProtoParser p = new ProtoParser(text);
        FileDescriptorProto file = p.file(fileName);
        return new Parsed(file, p.scope.places());
    }

    private FileDescriptorProto file(String name) {
        FileDescriptorProto.Builder f = FileDescriptorProto.newBuilder().setName(name);
        header(f);
        options = new ProtoOptions(c, scope);
        fields = new ProtoFields(c, options, scope, this::body);
        ProtoFields.Holder top = new ProtoFields.Holder(f::addExtension, f::addMessageType);
        while (c.peek() != null) {
            ProtoTokens.Token t = c.peek();
            switch (t.text()) {
                case ";" -> c.next();
                case "package" -> {
                    c.next();
                    String pkg = c.ident("a package name");
                    f.setPackage(pkg);
                    scope.enter(pkg);
                    c.expect(";");
                }
                case "import" -> importStatement(f);
                case "option" -> options.statement(f::getOptionsBuilder, OptionTargetType.TARGET_TYPE_FILE);
                case "message" -> f.addMessageType(message(null));
                case "enum" -> f.addEnumType(enumType(null));
                case "service" -> f.addService(service());
                case "extend" -> extend(top);
                default -> {
                    SymbolVisibility v = visibility();
                    if (v == null) {
                        throw c.error(t, "expected message, enum, service, import, package or option, found '"
                                + t.text() + "'");
                    }
                    if (c.peekIs("message")) {
                        f.addMessageType(message(v));
                    } else {
                        f.addEnumType(enumType(v));
                    }
                }
            }
        }
        ProtoTokens.Token javaFeatures = options.javaFeaturesUse();
        if (javaFeatures != null && !f.getDependencyList().contains(ProtoOptions.JAVA_FEATURES_FILE)
                && !f.getOptionDependencyList().contains(ProtoOptions.JAVA_FEATURES_FILE)) {
            throw c.error(javaFeatures, "features.(pb.java) needs import \"" + ProtoOptions.JAVA_FEATURES_FILE + "\"");
        }
        return f.build();
    }

    /** {@code syntax = "proto2"|"proto3";} or {@code edition = "2023";} and later (proto2 when neither is there). */
    private void header(FileDescriptorProto.Builder f) {
        if (c.peekIs("syntax")) {
            c.next();
            c.expect("=");
            ProtoTokens.Token s = c.next();
            if (s.kind() != ProtoTokens.Kind.STRING || !s.text().equals("proto3") && !s.text().equals("proto2")) {
                throw c.error(s, "syntax must be \"proto2\" or \"proto3\", not \"" + s.text() + "\"");
            }
            scope.edition(s.text().equals("proto3") ? Edition.EDITION_PROTO3 : Edition.EDITION_PROTO2);
            c.expect(";");
            if (scope.proto3()) {
                f.setSyntax("proto3");
            }
        } else if (c.peekIs("edition")) {
            c.next();
            c.expect("=");
            ProtoTokens.Token e = c.next();
            Edition edition = EDITIONS.get(e.kind() == ProtoTokens.Kind.STRING ? e.text() : "");
            if (edition == null) {
                throw c.error(e, "edition \"" + e.text() + "\" is not one this compiler reads ("
                        + String.join(", ", EDITIONS.keySet().stream().sorted().toList())
                        + "); load a descriptor set built by protoc instead");
            }
            c.expect(";");
            scope.edition(edition);
            f.setSyntax("editions").setEdition(edition);
        }
    }

    private void importStatement(FileDescriptorProto.Builder f) {
        ProtoTokens.Token at = c.next();
        String kind = c.peekIs("public") || c.peekIs("weak") || c.peekIs("option") ? c.next().text() : "";
        boolean editions2024 = scope.since2024();
        if (kind.equals("weak") && editions2024) {
            throw c.error(at, "weak imports are not allowed in edition 2024 and later; use import option");
        }
        if (kind.equals("option") && !editions2024) {
            throw c.error(at, "import option needs edition 2024 or later; use a plain import");
        }
        ProtoTokens.Token pathToken = c.peek();
        String path = c.string("the imported file's path");
        scope.declared("import " + path, pathToken);
        if (kind.equals("option")) {
            f.addOptionDependency(path);
        } else {
            if (f.getOptionDependencyCount() > 0) {
                throw c.error(at, "plain imports must come before option imports");
            }
            if (kind.equals("public")) {
                f.addPublicDependency(f.getDependencyCount());
            } else if (kind.equals("weak")) {
                f.addWeakDependency(f.getDependencyCount());
            }
            f.addDependency(path);
        }
        c.expect(";");
    }

    /** {@code export} or {@code local} before a message or enum (edition 2024), or null. */
    private SymbolVisibility visibility() {
        if (!scope.since2024() || !(c.peekIs("export") || c.peekIs("local"))
                || !(ProtoCursor.is(c.peek(1), "message") || ProtoCursor.is(c.peek(1), "enum"))) {
            return null;
        }
        return c.next().text().equals("export") ? SymbolVisibility.VISIBILITY_EXPORT
                : SymbolVisibility.VISIBILITY_LOCAL;
    }

    private DescriptorProto message(SymbolVisibility visibility) {
        c.next(); // message
        ProtoTokens.Token nameToken = c.identToken("a message name");
        DescriptorProto.Builder m = DescriptorProto.newBuilder().setName(nameToken.text());
        if (visibility != null) {
            m.setVisibility(visibility);
        }
        c.expect("{");
        body(m, nameToken, "message " + m.getName());
        return m.build();
    }

    /** The declarations between a message's (or a group's) braces, then its closing brace. */
    private void body(DescriptorProto.Builder m, ProtoTokens.Token nameToken, String what) {
        String fullName = scope.qualify(m.getName());
        String outer = scope.enter(fullName);
        scope.declared(fullName, nameToken);
        ProtoFields.Holder holder = new ProtoFields.Holder(m::addField, m::addNestedType);
        while (!c.peekIs("}")) {
            c.notAtEnd(what);
            ProtoTokens.Token t = c.peek();
            switch (t.text()) {
                case ";" -> c.next();
                case "message" -> m.addNestedType(message(null));
                case "enum" -> m.addEnumType(enumType(null));
                case "option" -> options.statement(m::getOptionsBuilder, OptionTargetType.TARGET_TYPE_MESSAGE);
                case "reserved" -> reserved(m);
                case "extensions" -> extensions(m);
                case "extend" -> extend(new ProtoFields.Holder(m::addExtension, m::addNestedType));
                case "oneof" -> oneof(m);
                case "map" -> fields.mapField(m, false);
                default -> {
                    SymbolVisibility v = visibility();
                    if (v == null) {
                        fields.field(holder, -1, null);
                    } else if (c.peekIs("message")) {
                        m.addNestedType(message(v));
                    } else {
                        m.addEnumType(enumType(v));
                    }
                }
            }
        }
        c.next();
        addSyntheticOneofs(m);
        endRangesAtMax(m);
        scope.leave(outer);
    }

    private void oneof(DescriptorProto.Builder m) {
        c.next();
        ProtoTokens.Token nameToken = c.identToken("a oneof name");
        String name = nameToken.text();
        scope.declared(scope.qualify(name), nameToken);
        int index = m.getOneofDeclCount();
        OneofDescriptorProto.Builder o = m.addOneofDeclBuilder().setName(name);
        ProtoFields.Holder holder = new ProtoFields.Holder(m::addField, m::addNestedType);
        c.expect("{");
        while (!c.peekIs("}")) {
            c.notAtEnd("oneof " + name);
            if (c.peekIs("option")) {
                options.statement(o::getOptionsBuilder, OptionTargetType.TARGET_TYPE_ONEOF);
            } else if (c.peekIs(";")) {
                c.next();
            } else if (c.peekIs("map")) {
                fields.mapField(m, true);
            } else {
                fields.field(holder, index, null);
            }
        }
        c.next();
    }

    /** proto3 {@code optional} fields each get a oneof of their own, after the declared ones (as protoc does). */
    private static void addSyntheticOneofs(DescriptorProto.Builder m) {
        for (int k = 0; k < m.getFieldCount(); k++) {
            FieldDescriptorProto f = m.getField(k);
            if (f.getProto3Optional()) {
                int index = m.getOneofDeclCount();
                m.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + f.getName()));
                m.setField(k, f.toBuilder().setOneofIndex(index));
            }
        }
    }

    /** {@code extend Type { fields }}: extensions of Type, declared in the current scope. */
    private void extend(ProtoFields.Holder holder) {
        c.next();
        String extendee = c.ident("the extended type");
        c.expect("{");
        while (!c.peekIs("}")) {
            c.notAtEnd("extend " + extendee);
            if (c.peekIs(";")) {
                c.next();
            } else {
                fields.field(holder, -1, extendee);
            }
        }
        c.next();
    }

    private void reserved(DescriptorProto.Builder m) {
        c.next();
        do {
            ProtoTokens.Token t = c.next();
            if (t.kind() == ProtoTokens.Kind.STRING || t.kind() == ProtoTokens.Kind.IDENT) {
                m.addReservedName(reservedName(t));
            } else {
                int from = c.intValue(t, "a reserved number");
                m.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(from)
                        .setEnd(rangeEnd(from, "the end of a reserved range")));
            }
        } while (c.accept(","));
        c.expect(";");
    }

    /** In editions reserved names are identifiers; before them, quoted (identifiers are let through). */
    private String reservedName(ProtoTokens.Token t) {
        if (scope.editions() && t.kind() == ProtoTokens.Kind.STRING) {
            throw c.error(t, "reserved names are identifiers in editions, not quoted strings; write " + t.utf8());
        }
        return t.kind() == ProtoTokens.Kind.STRING ? t.utf8() : t.text();
    }

    /** The exclusive end of a field number range from {@code from}: {@code to N}, {@code to max} or nothing. */
    private int rangeEnd(int from, String what) {
        if (!c.accept("to")) {
            return from + 1;
        }
        return c.accept("max") ? TO_MAX : c.intValue(c.next(), what) + 1;
    }

    /** {@code to max} ends where the message's field numbers do, which its options decide (as protoc does). */
    private static void endRangesAtMax(DescriptorProto.Builder m) {
        int end = m.getOptions().getMessageSetWireFormat() ? Integer.MAX_VALUE : ProtoFields.MAX_FIELD_NUMBER + 1;
        m.getExtensionRangeBuilderList().stream().filter(r -> r.getEnd() == TO_MAX).forEach(r -> r.setEnd(end));
        m.getReservedRangeBuilderList().stream().filter(r -> r.getEnd() == TO_MAX).forEach(r -> r.setEnd(end));
    }

    private void extensions(DescriptorProto.Builder m) {
        c.next();
        int first = m.getExtensionRangeCount();
        do {
            int from = c.intValue(c.next(), "an extension number");
            m.addExtensionRange(DescriptorProto.ExtensionRange.newBuilder().setStart(from)
                    .setEnd(rangeEnd(from, "the end of an extension range")));
        } while (c.accept(","));
        if (c.peekIs("[")) {
            ExtensionRangeOptions.Builder o = ExtensionRangeOptions.newBuilder();
            boolean kept = options.list(() -> o, OptionTargetType.TARGET_TYPE_EXTENSION_RANGE);
            for (int k = first; k < m.getExtensionRangeCount() && kept; k++) {
                m.getExtensionRangeBuilder(k).setOptions(o.build());
            }
        }
        c.expect(";");
    }

    private EnumDescriptorProto enumType(SymbolVisibility visibility) {
        c.next();
        ProtoTokens.Token nameToken = c.identToken("an enum name");
        String name = nameToken.text();
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(name);
        if (visibility != null) {
            e.setVisibility(visibility);
        }
        scope.declared(scope.qualify(name), nameToken);
        c.expect("{");
        while (!c.peekIs("}")) {
            c.notAtEnd("enum " + name);
            ProtoTokens.Token t = c.peek();
            if (t.text().equals("option")) {
                options.statement(e::getOptionsBuilder, OptionTargetType.TARGET_TYPE_ENUM);
            } else if (t.text().equals("reserved")) {
                c.next();
                do {
                    ProtoTokens.Token r = c.next();
                    if (r.kind() == ProtoTokens.Kind.STRING || r.kind() == ProtoTokens.Kind.IDENT) {
                        e.addReservedName(reservedName(r));
                    } else {
                        int from = c.intValue(r, "a reserved number");
                        int to = !c.accept("to") ? from : c.accept("max") ? Integer.MAX_VALUE
                                : c.intValue(c.next(), "the end of a reserved range");
                        e.addReservedRangeBuilder().setStart(from).setEnd(to);
                    }
                } while (c.accept(","));
                c.expect(";");
            } else if (t.text().equals(";")) {
                c.next();
            } else {
                ProtoTokens.Token valueToken = c.identToken("an enum value name");
                scope.declared(scope.qualify(valueToken.text()), valueToken); // values are the enum's siblings
                EnumValueDescriptorProto.Builder v = e.addValueBuilder().setName(valueToken.text());
                c.expect("=");
                v.setNumber(c.intValue(c.next(), "an enum value number"));
                if (c.peekIs("[")) {
                    options.list(v::getOptionsBuilder, OptionTargetType.TARGET_TYPE_ENUM_ENTRY);
                }
                c.expect(";");
            }
        }
        c.next();
        if (e.getValueCount() == 0) {
            throw c.error(nameToken, "enum " + name + " has no values");
        }
        return e.build();
    }

    private ServiceDescriptorProto service() {
        c.next();
        ProtoTokens.Token nameToken = c.identToken("a service name");
        String name = nameToken.text();
        scope.declared(scope.qualify(name), nameToken);
        ServiceDescriptorProto.Builder s = ServiceDescriptorProto.newBuilder().setName(name);
        c.expect("{");
        while (!c.peekIs("}")) {
            c.notAtEnd("service " + name);
            ProtoTokens.Token t = c.peek();
            switch (t.text()) {
                case ";" -> c.next();
                case "option" -> options.statement(s::getOptionsBuilder, OptionTargetType.TARGET_TYPE_SERVICE);
                case "rpc" -> s.addMethod(rpc(name));
                default -> throw c.error(t, "expected rpc or option in service " + name + ", found '" + t.text() + "'");
            }
        }
        c.next();
        return s.build();
    }

    private MethodDescriptorProto rpc(String service) {
        c.next();
        ProtoTokens.Token nameToken = c.identToken("a method name");
        scope.declared(scope.qualify(service + "." + nameToken.text()), nameToken);
        MethodDescriptorProto.Builder rpc = MethodDescriptorProto.newBuilder().setName(nameToken.text());
        c.expect("(");
        if (c.accept("stream")) {
            rpc.setClientStreaming(true);
        }
        rpc.setInputType(c.ident("the request type"));
        c.expect(")");
        if (!c.peekIs("returns")) {
            throw c.error(c.peek(), "expected 'returns'");
        }
        c.next();
        c.expect("(");
        if (c.accept("stream")) {
            rpc.setServerStreaming(true);
        }
        rpc.setOutputType(c.ident("the response type"));
        c.expect(")");
        if (c.accept("{")) {
            rpc.getOptionsBuilder(); // a body, even an empty one, gives the method options (as protoc does)
            while (!c.accept("}")) {
                c.notAtEnd("rpc " + rpc.getName());
                if (c.peekIs("option")) {
                    options.statement(rpc::getOptionsBuilder, OptionTargetType.TARGET_TYPE_METHOD);
                } else {
                    c.expect(";");
                }
            }
            c.accept(";");
        } else {
            c.expect(";");
        }
        return rpc.build();
    }
}
