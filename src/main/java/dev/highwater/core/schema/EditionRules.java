package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.FeatureSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks protoc makes on an editions file once its types are known, which protobuf-java's linking does not:
 * features set on fields they cannot apply to (implicit presence on a message field, PACKED on strings …) and open
 * enums whose first value is not zero. A file breaking one is refused, as protoc refuses it.
 */
final class EditionRules {

    /** The first rule a file breaks: the symbol (a full name) and why. */
    record Broken(String symbol, String reason) {
    }

    private EditionRules() {
    }

    /** The first rule the linked file breaks, or null (always null before editions). */
    static Broken check(FileDescriptor file) {
        if (!file.toProto().getSyntax().equals("editions")) {
            return null;
        }
        List<FieldDescriptor> fields = new ArrayList<>(file.getExtensions());
        List<EnumDescriptor> enums = new ArrayList<>(file.getEnumTypes());
        file.getMessageTypes().forEach(m -> collect(m, fields, enums));
        for (EnumDescriptor e : enums) {
            if (!e.isClosed() && e.getValues().getFirst().getNumber() != 0) {
                return new Broken(e.getFullName(), "the first value of an open enum must be zero");
            }
        }
        for (FieldDescriptor f : fields) {
            String reason = reason(f);
            if (reason != null) {
                return new Broken(f.getFullName(), reason);
            }
        }
        return null;
    }

    private static void collect(Descriptor m, List<FieldDescriptor> fields, List<EnumDescriptor> enums) {
        fields.addAll(m.getFields());
        fields.addAll(m.getExtensions());
        enums.addAll(m.getEnumTypes());
        m.getNestedTypes().forEach(n -> collect(n, fields, enums));
    }

    /** A map with a string key or value: protoc lets it set utf8_validation, which its entry's fields get. */
    private static boolean isStringMap(FieldDescriptor f) {
        return f.isMapField() && f.getMessageType().getFields().stream()
                .anyMatch(e -> e.getType() == FieldDescriptor.Type.STRING);
    }

    private static String reason(FieldDescriptor f) {
        FeatureSet set = f.toProto().getOptions().getFeatures();
        boolean implicit = !f.isRepeated() && !f.hasPresence();
        if (implicit && f.toProto().hasDefaultValue()) {
            return "fields with implicit presence cannot have a default value";
        }
        if (implicit && f.getJavaType() == FieldDescriptor.JavaType.ENUM && f.getEnumType().isClosed()) {
            return "enum fields with implicit presence must have an open enum type";
        }
        if (f.isExtension() && f.isRequired()) {
            return "extensions cannot be required";
        }
        if (f.getContainingType() != null && f.getContainingType().getOptions().getMapEntry()) {
            return null; // map entries take their features from the map field, which is checked
        }
        if (set.hasFieldPresence()) {
            if (f.getRealContainingOneof() != null) {
                return "fields in a oneof cannot set features.field_presence";
            }
            if (f.isRepeated()) {
                return "repeated fields cannot set features.field_presence";
            }
            if (f.isExtension() && set.getFieldPresence() != FeatureSet.FieldPresence.LEGACY_REQUIRED) {
                return "extensions cannot set features.field_presence";
            }
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && set.getFieldPresence() == FeatureSet.FieldPresence.IMPLICIT) {
                return "message fields cannot have implicit presence";
            }
        }
        if (!f.isRepeated() && set.hasRepeatedFieldEncoding()) {
            return "only repeated fields can set features.repeated_field_encoding";
        }
        if (f.getType() != FieldDescriptor.Type.STRING && !isStringMap(f) && set.hasUtf8Validation()) {
            return "only string fields (and maps of strings) can set features.utf8_validation";
        }
        if (!f.isPackable() && set.getRepeatedFieldEncoding() == FeatureSet.RepeatedFieldEncoding.PACKED) {
            return "only repeated numbers, booleans and enums can be PACKED";
        }
        if ((f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || f.isMapField()) && set.hasMessageEncoding()) {
            return "only message fields (not maps) can set features.message_encoding";
        }
        return null;
    }
}
