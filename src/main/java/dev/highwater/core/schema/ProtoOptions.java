package dev.highwater.core.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.FeatureSet;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldOptions;
import com.google.protobuf.DescriptorProtos.FieldOptions.FeatureSupport;
import com.google.protobuf.DescriptorProtos.FieldOptions.OptionTargetType;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.JavaFeaturesProto;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Options as protoc reads them: {@code option name = value;} statements and {@code [name = value, …]} lists, set
 * by name into the declaration's *Options message (FileOptions, FieldOptions …) through protobuf reflection, so
 * every option descriptor.proto declares is kept, editions features included. Features follow protoc's rules:
 * editions files only, each on the kinds of declaration it targets, in the editions it exists in; source-only
 * options are dropped from the descriptor as protoc drops them. Custom options (a name in parentheses) are read and
 * left out, as are names descriptor.proto does not know outside {@code features} (options older protoc versions
 * knew): they do not change how values read.
 */
final class ProtoOptions {

    static final String JAVA_FEATURES_FILE = "google/protobuf/java_features.proto";
    private static final ExtensionRegistry FEATURE_EXTENSIONS = featureExtensions();
    private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(\\S)");

    private record Part(String name, boolean extension) {
    }

    private record Name(List<Part> parts, ProtoTokens.Token at) {
        boolean is(String plain) {
            return parts.size() == 1 && !parts.getFirst().extension() && parts.getFirst().name().equals(plain);
        }

        String text() {
            return parts.stream().map(p -> p.extension() ? "(" + p.name() + ")" : p.name())
                    .collect(Collectors.joining("."));
        }
    }

    /** A value: one token (maybe after a minus), adjacent strings joined, or an aggregate as text format. */
    private record Value(ProtoTokens.Token token, boolean negative, String aggregate) {
    }

    private final ProtoCursor c;
    private final ProtoScope scope;
    private ProtoTokens.Token javaFeaturesUse;

    ProtoOptions(ProtoCursor c, ProtoScope scope) {
        this.c = c;
        this.scope = scope;
    }

    /** Where the file first uses {@code features.(pb.java)}, or null: protoc wants java_features.proto imported. */
    ProtoTokens.Token javaFeaturesUse() {
        return javaFeaturesUse;
    }

    /** {@code option name = value;}, the cursor at {@code option}. */
    void statement(Supplier<? extends Message.Builder> options, OptionTargetType target) {
        c.next();
        Name name = name();
        c.expect("=");
        set(options, target, name, value());
        c.expect(";");
    }

    /** {@code [name = value, …]} of a field or extension; {@code default} and {@code json_name} go to the field. */
    void fieldList(FieldDescriptorProto.Builder f, boolean extension, boolean proto3) {
        c.expect("[");
        do {
            Name name = name();
            c.expect("=");
            if (name.is("default")) {
                f.setDefaultValue(ProtoDefaults.read(c, f, name.at(), proto3));
            } else if (name.is("json_name")) {
                if (extension) {
                    throw c.error(name.at(), "json_name is not allowed on extension fields");
                }
                f.setJsonName(c.string("the JSON name"));
            } else {
                set(f::getOptionsBuilder, OptionTargetType.TARGET_TYPE_FIELD, name, value());
            }
        } while (c.accept(","));
        c.expect("]");
    }

    /**
     * {@code [name = value, …]} of an enum value or an extension range; false when every option in it was one protoc
     * leaves out of descriptors (source-only), so that it writes no options at all.
     */
    boolean list(Supplier<? extends Message.Builder> options, OptionTargetType target) {
        c.expect("[");
        boolean kept = false;
        do {
            Name name = name();
            c.expect("=");
            kept |= set(options, target, name, value());
        } while (c.accept(","));
        c.expect("]");
        return kept;
    }

    private Name name() {
        ProtoTokens.Token at = c.peek();
        List<Part> parts = new ArrayList<>();
        boolean more = true;
        while (more) {
            ProtoTokens.Token t = c.peek();
            if (ProtoCursor.is(t, "(")) {
                c.next();
                String n = c.ident("an option name");
                c.expect(")");
                parts.add(new Part(n.startsWith(".") ? n.substring(1) : n, true));
                ProtoTokens.Token after = c.peek();
                if (ProtoCursor.is(after, ".") && ProtoCursor.is(c.peek(1), "(")) {
                    c.next(); // (a).(b): the dot before a parenthesis is a token of its own
                    after = c.peek();
                }
                more = ProtoCursor.is(after, "(") || after != null && after.kind() == ProtoTokens.Kind.IDENT
                        && after.text().startsWith(".");
            } else if (t != null && t.kind() == ProtoTokens.Kind.IDENT) {
                c.next();
                for (String s : t.text().split("\\.")) {
                    if (!s.isEmpty()) {
                        parts.add(new Part(s, false));
                    }
                }
                ProtoTokens.Token after = c.peek();
                more = t.text().endsWith(".") || after != null && after.kind() == ProtoTokens.Kind.IDENT
                        && after.text().startsWith(".");
            } else {
                throw c.error(t, "expected an option name, found '" + (t == null ? "the end" : t.text()) + "'");
            }
        }
        return new Name(List.copyOf(parts), at);
    }

    private Value value() {
        if (c.peekIs("{")) {
            int from = c.position();
            c.skipBalanced("{", "}");
            List<ProtoTokens.Token> inside = c.since(from);
            return new Value(inside.getFirst(), false, textFormat(inside.subList(1, inside.size() - 1)));
        }
        boolean negative = c.accept("-");
        return new Value(c.nextJoined(), negative, null);
    }

    private static String textFormat(List<ProtoTokens.Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (ProtoTokens.Token t : tokens) {
            if (t.kind() == ProtoTokens.Kind.STRING) {
                ByteString bytes = ByteString.copyFrom(t.text(), StandardCharsets.ISO_8859_1);
                sb.append('"').append(TextFormat.escapeBytes(bytes)).append("\" ");
            } else {
                sb.append(t.text()).append(t.text().equals("-") ? "" : " ");
            }
        }
        return sb.toString();
    }

    /** Sets the option; false when it is source-only, read and checked but not kept. */
    private boolean set(Supplier<? extends Message.Builder> options, OptionTargetType target, Name name,
                        Value value) {
        Message.Builder root = options.get(); // the options exist, as with protoc, even when all are left out
        if (name.parts().getFirst().extension()) {
            return true; // a custom option: read, left out (protoc keeps it)
        }
        FieldDescriptor first = root.getDescriptorForType().findFieldByName(name.parts().getFirst().name());
        if (first == null) {
            return true; // not an option this descriptor.proto knows (see the class comment)
        }
        return assign(root, name, 0, value, target);
    }

    /** Sets part {@code k} of the name in {@code b}; false when the option is source-only. */
    private boolean assign(Message.Builder b, Name name, int k, Value value, OptionTargetType target) {
        Part part = name.parts().get(k);
        Descriptor type = b.getDescriptorForType();
        FieldDescriptor fd = part.extension() ? extension(type, part.name(), name) : type.findFieldByName(part.name());
        if (fd == null && part.extension()) {
            return true; // a custom option inside a built-in one: the value is left out, the built-in part kept
        }
        if (fd == null) {
            throw c.error(name.at(), "option " + name.text() + " is unknown: " + type.getName() + " has no "
                    + part.name());
        }
        check(fd, name, target);
        if (k < name.parts().size() - 1) {
            if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE || fd.isRepeated()) {
                throw c.error(name.at(), "option " + name.text() + " is unknown: " + part.name()
                        + " is not a message");
            }
            Message.Builder sub = subBuilder(b, fd);
            boolean kept = assign(sub, name, k + 1, value, target);
            b.setField(fd, sub.build());
            return kept;
        }
        Object v = convert(b, fd, name, value, target);
        if (fd.getOptions().getRetention() == FieldOptions.OptionRetention.RETENTION_SOURCE) {
            return false; // read and checked; protoc leaves source-only options out of descriptors
        }
        if (fd.isRepeated()) {
            b.addRepeatedField(fd, v);
        } else {
            b.setField(fd, v);
        }
        return true;
    }

    private FieldDescriptor extension(Descriptor extended, String fullName, Name name) {
        ExtensionRegistry.ExtensionInfo info = FEATURE_EXTENSIONS.findImmutableExtensionByName(fullName);
        if (info == null || info.descriptor.getContainingType() != extended) {
            return null;
        }
        if (javaFeaturesUse == null) {
            javaFeaturesUse = name.at();
        }
        return info.descriptor;
    }

    /** protoc's rules for where and in which editions an option may be set. */
    private void check(FieldDescriptor fd, Name name, OptionTargetType target) {
        String n = name.text();
        Edition edition = scope.edition();
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE && fd.getMessageType() == FeatureSet.getDescriptor()
                && !scope.editions()) {
            throw c.error(name.at(), "features are only valid in editions files (edition = \"2023\"), not in "
                    + (edition == Edition.EDITION_PROTO3 ? "proto3" : "proto2"));
        }
        if (fd.getContainingType() == MessageOptions.getDescriptor() && fd.getName().equals("map_entry")) {
            throw c.error(name.at(), "map_entry should not be set explicitly; use map<KeyType, ValueType> instead");
        }
        boolean fieldOption = fd.getContainingType() == FieldOptions.getDescriptor();
        if (fieldOption && fd.getName().equals("packed") && scope.editions()) {
            throw c.error(name.at(), "the packed option is not allowed in editions; use "
                    + "features.repeated_field_encoding = PACKED or EXPANDED");
        }
        if (fieldOption && fd.getName().equals("ctype") && scope.since2024()) {
            throw c.error(name.at(), "the ctype option is not allowed in edition 2024 and later; use "
                    + "features.(pb.cpp).string_type");
        }
        List<OptionTargetType> targets = fd.getOptions().getTargetsList();
        if (!targets.isEmpty() && !targets.contains(target)) {
            throw c.error(name.at(), n + " cannot be set on " + entity(target) + "; it applies to "
                    + targets.stream().map(ProtoOptions::entity).collect(Collectors.joining(", ")));
        }
        FeatureSupport support = fd.getOptions().getFeatureSupport();
        if (support.hasEditionIntroduced() && support.getEditionIntroduced().getNumber() > edition.getNumber()) {
            throw c.error(name.at(), n + " was introduced in edition " + label(support.getEditionIntroduced())
                    + " and cannot be used in " + (scope.editions() ? "edition " + label(edition) : label(edition)));
        }
        if (support.hasEditionRemoved() && support.getEditionRemoved().getNumber() <= edition.getNumber()) {
            throw c.error(name.at(), n + " was removed in edition " + label(support.getEditionRemoved())
                    + (support.hasRemovalError() ? ": " + oneSentence(support.getRemovalError()) : ""));
        }
    }

    private Object convert(Message.Builder b, FieldDescriptor fd, Name name, Value value, OptionTargetType target) {
        ProtoTokens.Token t = value.token();
        String n = name.text();
        if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            if (value.aggregate() == null) {
                throw c.error(t, "option " + n + " takes a { … } value, not '" + t.text() + "'");
            }
            Message.Builder sub = subBuilder(b, fd);
            try {
                TextFormat.getParser().merge(value.aggregate(), FEATURE_EXTENSIONS, sub);
            } catch (TextFormat.ParseException e) {
                // its positions are in the value's text, not the file's: the error's place is the value's brace
                String why = e.getMessage().replaceAll("(?m)^\\d+:\\d+:\\s*", "").replaceAll("\\s*\\R\\s*", " ");
                throw c.error(t, "the value of option " + n + " does not read: " + why);
            }
            checkSet(sub, name, target);
            return sub.build();
        }
        if (value.aggregate() != null) {
            throw c.error(t, "option " + n + " takes a single value, not { … }");
        }
        return switch (fd.getJavaType()) {
            case BOOLEAN -> {
                if (value.negative() || !ProtoCursor.is(t, "true") && !ProtoCursor.is(t, "false")) {
                    throw c.error(t, "option " + n + " takes true or false, not '" + t.text() + "'");
                }
                yield t.text().equals("true");
            }
            case ENUM -> {
                EnumValueDescriptor e = value.negative() || t.kind() != ProtoTokens.Kind.IDENT ? null
                        : fd.getEnumType().findValueByName(t.text());
                if (e == null) {
                    throw c.error(t, "option " + n + " has no value '" + t.text() + "'; use one of "
                            + fd.getEnumType().getValues().stream().map(EnumValueDescriptor::getName)
                            .collect(Collectors.joining(", ")));
                }
                yield e;
            }
            case INT, LONG -> integer(fd, n, value);
            case FLOAT, DOUBLE -> {
                double d = ProtoCursor.is(t, "inf") ? Double.POSITIVE_INFINITY : ProtoCursor.is(t, "nan") ? Double.NaN
                        : t.kind() == ProtoTokens.Kind.INT ? c.integer(t, "a number").doubleValue()
                        : t.kind() == ProtoTokens.Kind.FLOAT ? decimal(n, t) : failNumber(n, t);
                d = value.negative() ? -d : d;
                yield fd.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) d : d;
            }
            case STRING, BYTE_STRING -> {
                if (value.negative() || t.kind() != ProtoTokens.Kind.STRING) {
                    throw c.error(t, "option " + n + " takes a quoted string, not '" + t.text() + "'");
                }
                yield fd.getJavaType() == FieldDescriptor.JavaType.STRING ? t.utf8()
                        : ByteString.copyFrom(t.text(), StandardCharsets.ISO_8859_1);
            }
            case MESSAGE -> throw new IllegalStateException("handled above");
        };
    }

    private double decimal(String n, ProtoTokens.Token t) {
        try {
            return Double.parseDouble(t.text());
        } catch (NumberFormatException e) {
            return failNumber(n, t);
        }
    }

    private double failNumber(String n, ProtoTokens.Token t) {
        throw c.error(t, "option " + n + " takes a number, not '" + t.text() + "'");
    }

    private Object integer(FieldDescriptor fd, String n, Value value) {
        BigInteger v = c.integer(value.token(), "an integer for option " + n);
        v = value.negative() ? v.negate() : v;
        boolean unsigned = switch (fd.getType()) {
            case UINT32, FIXED32, UINT64, FIXED64 -> true;
            default -> false;
        };
        int bits = fd.getJavaType() == FieldDescriptor.JavaType.INT ? 32 : 64;
        boolean fits = unsigned ? v.signum() >= 0 && v.bitLength() <= bits : v.bitLength() < bits;
        if (!fits) {
            throw c.error(value.token(), "option " + n + ": " + v + " is out of range for a "
                    + fd.getType().name().toLowerCase(Locale.ROOT));
        }
        return bits == 32 ? (Object) v.intValue() : v.longValue();
    }

    /** Checks every field an aggregate value set, and drops the source-only ones, as protoc does. */
    private void checkSet(Message.Builder b, Name name, OptionTargetType target) {
        for (Map.Entry<FieldDescriptor, Object> e : b.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            Name inner = new Name(append(name, fd), name.at());
            check(fd, inner, target);
            if (fd.getOptions().getRetention() == FieldOptions.OptionRetention.RETENTION_SOURCE) {
                b.clearField(fd);
            } else if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !fd.isRepeated()) {
                Message.Builder sub = ((Message) e.getValue()).toBuilder();
                checkSet(sub, inner, target);
                b.setField(fd, sub.build());
            }
        }
    }

    private static List<Part> append(Name name, FieldDescriptor fd) {
        List<Part> parts = new ArrayList<>(name.parts());
        parts.add(new Part(fd.isExtension() ? fd.getFullName() : fd.getName(), fd.isExtension()));
        return parts;
    }

    private static Message.Builder subBuilder(Message.Builder b, FieldDescriptor fd) {
        if (!fd.isRepeated() && b.hasField(fd)) {
            return ((Message) b.getField(fd)).toBuilder();
        }
        if (fd.isExtension()) {
            return FEATURE_EXTENSIONS.findImmutableExtensionByNumber(fd.getContainingType(), fd.getNumber())
                    .defaultInstance.newBuilderForType();
        }
        return b.newBuilderForField(fd);
    }

    /** descriptor.proto's advice on a removed option, as the end of one sentence. */
    private static String oneSentence(String text) {
        String s = SENTENCE_END.matcher(text.strip().replaceAll("\\s+", " "))
                .replaceAll(m -> Matcher.quoteReplacement("; " + m.group(1).toLowerCase(Locale.ROOT)));
        s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String entity(OptionTargetType target) {
        return switch (target) {
            case TARGET_TYPE_FILE -> "a file";
            case TARGET_TYPE_EXTENSION_RANGE -> "an extension range";
            case TARGET_TYPE_MESSAGE -> "a message";
            case TARGET_TYPE_FIELD -> "a field";
            case TARGET_TYPE_ONEOF -> "a oneof";
            case TARGET_TYPE_ENUM -> "an enum";
            case TARGET_TYPE_ENUM_ENTRY -> "an enum value";
            case TARGET_TYPE_SERVICE -> "a service";
            case TARGET_TYPE_METHOD -> "a method";
            default -> target.name();
        };
    }

    /** "2024" for an edition, "proto2"/"proto3" for the syntaxes before editions. */
    static String label(Edition e) {
        return switch (e) {
            case EDITION_PROTO2 -> "proto2";
            case EDITION_PROTO3 -> "proto3";
            default -> e.name().replace("EDITION_", "");
        };
    }

    private static ExtensionRegistry featureExtensions() {
        DescriptorProtos.getDescriptor(); // JavaFeaturesProto fails to initialise when it is the first to load
        ExtensionRegistry r = ExtensionRegistry.newInstance();
        JavaFeaturesProto.registerAllExtensions(r);
        return r.getUnmodifiable();
    }
}
