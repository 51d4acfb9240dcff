package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumOptions;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the text of a .proto file (proto2 or proto3) into a {@link FileDescriptorProto}, inside the app: no
 * protoc. Type names are left as written; linking ({@link DescriptorLinker}) resolves them as protoc does.
 * Options that change how values are read are kept (packed, json_name, allow_alias, defaults); custom options
 * are read and left out. A syntax error is a {@link ProtoSyntaxException} with its line and column.
 */
public final class ProtoParser {

    private static final Map<String, Type> SCALARS = Map.ofEntries(
            Map.entry("double", Type.TYPE_DOUBLE), Map.entry("float", Type.TYPE_FLOAT),
            Map.entry("int64", Type.TYPE_INT64), Map.entry("uint64", Type.TYPE_UINT64),
            Map.entry("int32", Type.TYPE_INT32), Map.entry("fixed64", Type.TYPE_FIXED64),
            Map.entry("fixed32", Type.TYPE_FIXED32), Map.entry("bool", Type.TYPE_BOOL),
            Map.entry("string", Type.TYPE_STRING), Map.entry("bytes", Type.TYPE_BYTES),
            Map.entry("uint32", Type.TYPE_UINT32), Map.entry("sfixed32", Type.TYPE_SFIXED32),
            Map.entry("sfixed64", Type.TYPE_SFIXED64), Map.entry("sint32", Type.TYPE_SINT32),
            Map.entry("sint64", Type.TYPE_SINT64));

    private final List<ProtoTokens.Token> tokens;
    private final Map<String, Integer> lines = new HashMap<>();
    private int i;
    private boolean proto3;
    private String scope = "";

    private ProtoParser(String text) {
        this.tokens = ProtoTokens.of(text);
    }

    /** The parsed file and the line each symbol (full name) and import was declared on. */
    public record Parsed(FileDescriptorProto file, Map<String, Integer> lines) {
    }

    public static Parsed parse(String fileName, String text) {
        ProtoParser p = new ProtoParser(text);
        FileDescriptorProto file = p.file(fileName);
        return new Parsed(file, Map.copyOf(p.lines));
    }

    private FileDescriptorProto file(String name) {
        FileDescriptorProto.Builder f = FileDescriptorProto.newBuilder().setName(name);
        if (peekIs("syntax")) {
            next();
            expect("=");
            ProtoTokens.Token s = next();
            if (!s.text().equals("proto3") && !s.text().equals("proto2")) {
                throw error(s, "syntax must be \"proto2\" or \"proto3\", not \"" + s.text() + "\"");
            }
            proto3 = s.text().equals("proto3");
            expect(";");
            if (proto3) {
                f.setSyntax("proto3");
            }
        } else if (peekIs("edition")) {
            throw error(peek(), "Protobuf editions are not supported yet; use syntax = \"proto3\" or a descriptor set");
        }
        while (peek() != null) {
            ProtoTokens.Token t = peek();
            switch (t.text()) {
                case ";" -> next();
                case "package" -> {
                    next();
                    String pkg = ident("a package name");
                    f.setPackage(pkg);
                    scope = pkg;
                    expect(";");
                }
                case "import" -> {
                    next();
                    boolean isPublic = peekIs("public");
                    boolean weak = peekIs("weak");
                    if (isPublic || weak) {
                        next();
                    }
                    ProtoTokens.Token path = next();
                    if (path.kind() != ProtoTokens.Kind.STRING) {
                        throw error(path, "expected the imported file's path in quotes");
                    }
                    lines.put("import " + path.text(), path.line());
                    if (isPublic) {
                        f.addPublicDependency(f.getDependencyCount());
                    }
                    f.addDependency(path.text());
                    expect(";");
                }
                case "option" -> option();
                case "message" -> f.addMessageType(message());
                case "enum" -> f.addEnumType(enumType());
                case "service" -> f.addService(service());
                case "extend" -> skipExtend();
                default -> throw error(t, "expected message, enum, service, import, package or option, found '"
                        + t.text() + "'");
            }
        }
        return f.build();
    }

    private DescriptorProto message() {
        next(); // message
        ProtoTokens.Token nameToken = peek();
        String name = ident("a message name");
        DescriptorProto.Builder m = DescriptorProto.newBuilder().setName(name);
        String outer = scope;
        scope = qualify(name);
        lines.put(scope, nameToken.line());
        expect("{");
        body(m);
        addSyntheticOneofs(m);
        scope = outer;
        return m.build();
    }

    private void body(DescriptorProto.Builder m) {
        while (!peekIs("}")) {
            ProtoTokens.Token t = peek();
            if (t == null) {
                throw new ProtoSyntaxException(lastLine(), 1, "message " + m.getName() + " is never closed with '}'");
            }
            switch (t.text()) {
                case ";" -> next();
                case "message" -> m.addNestedType(message());
                case "enum" -> m.addEnumType(enumType());
                case "option" -> option();
                case "reserved" -> reserved(m);
                case "extensions" -> extensions(m);
                case "extend" -> skipExtend();
                case "oneof" -> oneof(m);
                case "map" -> mapField(m, -1);
                case "group" -> throw error(t, "proto2 groups are not supported; use a nested message");
                default -> m.addField(field(m, -1));
            }
        }
        next();
    }

    private FieldDescriptorProto field(DescriptorProto.Builder m, int oneof) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setLabel(Label.LABEL_OPTIONAL);
        boolean explicitOptional = false;
        if (peekIs("optional") || peekIs("required") || peekIs("repeated")) {
            String label = next().text();
            f.setLabel(switch (label) {
                case "required" -> Label.LABEL_REQUIRED;
                case "repeated" -> Label.LABEL_REPEATED;
                default -> Label.LABEL_OPTIONAL;
            });
            explicitOptional = label.equals("optional");
        }
        if (peekIs("group")) {
            throw error(peek(), "proto2 groups are not supported; use a nested message");
        }
        if (peekIs("map")) {
            throw error(peek(), "a map field cannot have a label");
        }
        ProtoTokens.Token typeToken = peek();
        String type = ident("a field type");
        Type scalar = SCALARS.get(type);
        if (scalar != null) {
            f.setType(scalar);
        } else {
            f.setTypeName(type);
        }
        ProtoTokens.Token nameToken = peek();
        f.setName(ident("a field name"));
        expect("=");
        f.setNumber(intValue(next(), "a field number"));
        if (peekIs("[")) {
            fieldOptions(f);
        }
        expect(";");
        if (oneof >= 0) {
            f.setOneofIndex(oneof);
        } else if (proto3 && explicitOptional) {
            f.setProto3Optional(true);
        }
        lines.put(scope + "." + f.getName(), nameToken.line());
        lines.putIfAbsent("type " + type + " " + scope + "." + f.getName(), typeToken.line());
        return f.build();
    }

    private void mapField(DescriptorProto.Builder m, int oneof) {
        ProtoTokens.Token at = next(); // map
        expect("<");
        String key = ident("the map's key type");
        expect(",");
        String value = ident("the map's value type");
        expect(">");
        ProtoTokens.Token nameToken = peek();
        String name = ident("a field name");
        expect("=");
        int number = intValue(next(), "a field number");
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_REPEATED).setTypeName(entryName(name));
        if (peekIs("[")) {
            fieldOptions(f);
        }
        expect(";");
        if (oneof >= 0) {
            throw error(at, "a map field cannot be inside a oneof");
        }
        DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(entryName(name))
                .setOptions(MessageOptions.newBuilder().setMapEntry(true));
        entry.addField(entryField("key", 1, key));
        entry.addField(entryField("value", 2, value));
        m.addNestedType(entry);
        m.addField(f);
        lines.put(scope + "." + name, nameToken.line());
    }

    private static FieldDescriptorProto entryField(String name, int number, String type) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_OPTIONAL).setJsonName(name);
        Type scalar = SCALARS.get(type);
        if (scalar != null) {
            f.setType(scalar);
        } else {
            f.setTypeName(type);
        }
        return f.build();
    }

    private static String entryName(String field) {
        StringBuilder sb = new StringBuilder();
        boolean up = true;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.append("Entry").toString();
    }

    private void oneof(DescriptorProto.Builder m) {
        next();
        String name = ident("a oneof name");
        int index = m.getOneofDeclCount();
        m.addOneofDecl(OneofDescriptorProto.newBuilder().setName(name));
        expect("{");
        while (!peekIs("}")) {
            if (peek() == null) {
                throw new ProtoSyntaxException(lastLine(), 1, "oneof " + name + " is never closed with '}'");
            }
            if (peekIs("option")) {
                option();
            } else if (peekIs(";")) {
                next();
            } else if (peekIs("map")) {
                mapField(m, index);
            } else {
                m.addField(field(m, index));
            }
        }
        next();
    }

    /** proto3 `optional` fields each get a oneof of their own, after the declared ones (as protoc does). */
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

    private void reserved(DescriptorProto.Builder m) {
        next();
        do {
            ProtoTokens.Token t = next();
            if (t.kind() == ProtoTokens.Kind.STRING || t.kind() == ProtoTokens.Kind.IDENT) {
                m.addReservedName(t.text());
            } else {
                int from = intValue(t, "a reserved number");
                int to = from;
                if (peekIs("to")) {
                    next();
                    to = peekIs("max") ? maxAndSkip() : intValue(next(), "the end of a reserved range");
                }
                m.addReservedRange(DescriptorProto.ReservedRange.newBuilder().setStart(from).setEnd(to + 1));
            }
        } while (acceptSymbol(","));
        expect(";");
    }

    private void extensions(DescriptorProto.Builder m) {
        next();
        do {
            int from = intValue(next(), "an extension number");
            int to = from;
            if (peekIs("to")) {
                next();
                to = peekIs("max") ? maxAndSkip() : intValue(next(), "the end of an extension range");
            }
            m.addExtensionRange(DescriptorProto.ExtensionRange.newBuilder().setStart(from).setEnd(to + 1));
        } while (acceptSymbol(","));
        if (peekIs("[")) {
            skipBalanced("[", "]");
        }
        expect(";");
    }

    private int maxAndSkip() {
        next();
        return 536_870_911;
    }

    private EnumDescriptorProto enumType() {
        next();
        ProtoTokens.Token nameToken = peek();
        String name = ident("an enum name");
        EnumDescriptorProto.Builder e = EnumDescriptorProto.newBuilder().setName(name);
        lines.put(qualify(name), nameToken.line());
        expect("{");
        while (!peekIs("}")) {
            ProtoTokens.Token t = peek();
            if (t == null) {
                throw new ProtoSyntaxException(lastLine(), 1, "enum " + name + " is never closed with '}'");
            }
            if (t.text().equals("option")) {
                next();
                String opt = optionName();
                expect("=");
                ProtoTokens.Token v = next();
                if (opt.equals("allow_alias")) {
                    e.setOptions(EnumOptions.newBuilder().setAllowAlias(v.text().equals("true")));
                }
                expect(";");
            } else if (t.text().equals("reserved")) {
                next();
                do {
                    ProtoTokens.Token r = next();
                    if (r.kind() == ProtoTokens.Kind.STRING) {
                        e.addReservedName(r.text());
                    } else {
                        int from = intValue(r, "a reserved number");
                        int to = from;
                        if (peekIs("to")) {
                            next();
                            to = peekIs("max") ? (next() == null ? 0 : Integer.MAX_VALUE)
                                    : intValue(next(), "the end of a reserved range");
                        }
                        e.addReservedRange(EnumDescriptorProto.EnumReservedRange.newBuilder().setStart(from).setEnd(to));
                    }
                } while (acceptSymbol(","));
                expect(";");
            } else if (t.text().equals(";")) {
                next();
            } else {
                String valueName = ident("an enum value name");
                expect("=");
                int number = intValue(next(), "an enum value number");
                if (peekIs("[")) {
                    skipBalanced("[", "]");
                }
                expect(";");
                e.addValue(EnumValueDescriptorProto.newBuilder().setName(valueName).setNumber(number));
            }
        }
        next();
        if (e.getValueCount() == 0) {
            throw error(nameToken, "enum " + name + " has no values");
        }
        return e.build();
    }

    private ServiceDescriptorProto service() {
        next();
        ProtoTokens.Token nameToken = peek();
        String name = ident("a service name");
        lines.put(qualify(name), nameToken.line());
        ServiceDescriptorProto.Builder s = ServiceDescriptorProto.newBuilder().setName(name);
        expect("{");
        while (!peekIs("}")) {
            ProtoTokens.Token t = peek();
            if (t == null) {
                throw new ProtoSyntaxException(lastLine(), 1, "service " + name + " is never closed with '}'");
            }
            switch (t.text()) {
                case ";" -> next();
                case "option" -> option();
                case "rpc" -> {
                    next();
                    MethodDescriptorProto.Builder rpc = MethodDescriptorProto.newBuilder()
                            .setName(ident("a method name"));
                    expect("(");
                    if (peekIs("stream")) {
                        next();
                        rpc.setClientStreaming(true);
                    }
                    rpc.setInputType(ident("the request type"));
                    expect(")");
                    if (!peekIs("returns")) {
                        throw error(peek(), "expected 'returns'");
                    }
                    next();
                    expect("(");
                    if (peekIs("stream")) {
                        next();
                        rpc.setServerStreaming(true);
                    }
                    rpc.setOutputType(ident("the response type"));
                    expect(")");
                    if (peekIs("{")) {
                        skipBalanced("{", "}");
                        acceptSymbol(";");
                    } else {
                        expect(";");
                    }
                    s.addMethod(rpc);
                }
                default -> throw error(t, "expected rpc or option in service " + name + ", found '" + t.text() + "'");
            }
        }
        next();
        return s.build();
    }

    private void fieldOptions(FieldDescriptorProto.Builder f) {
        expect("[");
        FieldOptions.Builder o = FieldOptions.newBuilder();
        boolean any = false;
        do {
            String name = optionName();
            expect("=");
            ProtoTokens.Token v = peek();
            if (v != null && v.text().equals("{")) {
                skipBalanced("{", "}");
                continue;
            }
            next();
            switch (name) {
                case "packed" -> {
                    o.setPacked(v.text().equals("true"));
                    any = true;
                }
                case "deprecated" -> {
                    o.setDeprecated(v.text().equals("true"));
                    any = true;
                }
                case "json_name" -> f.setJsonName(v.text());
                case "default" -> f.setDefaultValue(v.text());
                default -> {
                    // custom and code-generation options do not change how values read
                }
            }
        } while (acceptSymbol(","));
        expect("]");
        if (any) {
            f.setOptions(o);
        }
    }

    private void option() {
        next();
        optionName();
        expect("=");
        if (peekIs("{")) {
            skipBalanced("{", "}");
        } else {
            next();
            while (peek() != null && peek().kind() == ProtoTokens.Kind.STRING) {
                next(); // adjacent strings concatenate
            }
        }
        expect(";");
    }

    private String optionName() {
        StringBuilder sb = new StringBuilder();
        if (acceptSymbol("(")) {
            sb.append('(').append(ident("an option name")).append(')');
            expect(")");
            while (peek() != null && peek().kind() == ProtoTokens.Kind.IDENT && peek().text().startsWith(".")) {
                sb.append(next().text());
            }
        } else {
            sb.append(ident("an option name"));
        }
        return sb.toString();
    }

    private void skipExtend() {
        next();
        ident("the extended type");
        skipBalanced("{", "}");
    }

    private void skipBalanced(String open, String close) {
        ProtoTokens.Token start = expect(open);
        int depth = 1;
        while (depth > 0) {
            ProtoTokens.Token t = next();
            if (t == null) {
                throw error(start, "'" + open + "' is never closed with '" + close + "'");
            }
            if (t.kind() == ProtoTokens.Kind.SYMBOL && t.text().equals(open)) {
                depth++;
            } else if (t.kind() == ProtoTokens.Kind.SYMBOL && t.text().equals(close)) {
                depth--;
            }
        }
    }

    // ---- tokens ----

    private String qualify(String name) {
        return scope.isEmpty() ? name : scope + "." + name;
    }

    private ProtoTokens.Token peek() {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    private boolean peekIs(String text) {
        ProtoTokens.Token t = peek();
        return t != null && t.kind() != ProtoTokens.Kind.STRING && t.text().equals(text);
    }

    private ProtoTokens.Token next() {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "the file ends in the middle of a declaration");
        }
        i++;
        return t;
    }

    private boolean acceptSymbol(String s) {
        if (peekIs(s)) {
            i++;
            return true;
        }
        return false;
    }

    private ProtoTokens.Token expect(String s) {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "expected '" + s + "', but the file ends");
        }
        if (!peekIs(s)) {
            throw error(t, "expected '" + s + "', found '" + t.text() + "'");
        }
        i++;
        return t;
    }

    private String ident(String what) {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "expected " + what + ", but the file ends");
        }
        if (t.kind() != ProtoTokens.Kind.IDENT) {
            throw error(t, "expected " + what + ", found '" + t.text() + "'");
        }
        i++;
        return t.text();
    }

    private int intValue(ProtoTokens.Token t, String what) {
        if (t.kind() != ProtoTokens.Kind.INT) {
            throw error(t, "expected " + what + ", found '" + t.text() + "'");
        }
        try {
            String s = t.text();
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            long v = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits, 8) : Long.parseLong(digits);
            return Math.toIntExact(neg ? -v : v);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(t, "'" + t.text() + "' is not a valid " + what);
        }
    }

    private ProtoSyntaxException error(ProtoTokens.Token t, String reason) {
        return t == null ? new ProtoSyntaxException(lastLine(), 1, reason)
                : new ProtoSyntaxException(t.line(), t.column(), reason);
    }

    private int lastLine() {
        return tokens.isEmpty() ? 1 : tokens.getLast().line();
    }
}
