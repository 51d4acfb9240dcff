package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

import java.util.Set;

/**
 * A request to start editing from: every field of the type with its zero value, nested messages filled in a
 * few levels deep, one element in repeated messages, the first member of each oneof.
 */
public final class JsonTemplate {

    private static final int DEPTH = 4;
    // JSON forms with no useful zero to show (an unset Value does not print): left for the user to fill
    private static final Set<String> LEFT_EMPTY = Set.of("google.protobuf.Value", "google.protobuf.ListValue",
            "google.protobuf.Any");
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().alwaysPrintFieldsWithNoPresence();

    private JsonTemplate() {
    }

    public static String of(Descriptor type) {
        try {
            return PRINTER.print(sample(type, 0));
        } catch (InvalidProtocolBufferException e) {
            return "{}";
        }
    }

    private static DynamicMessage sample(Descriptor type, int depth) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        if (depth >= DEPTH || type.getFullName().startsWith("google.protobuf.")) {
            return b.build();
        }
        for (FieldDescriptor f : type.getFields()) {
            OneofDescriptor oneof = f.getRealContainingOneof();
            if (oneof != null && oneof.getField(0) != f) {
                continue;
            }
            boolean message = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (message && (f.isMapField() || LEFT_EMPTY.contains(f.getMessageType().getFullName()))) {
                continue;
            }
            if (message && f.isRepeated()) {
                b.addRepeatedField(f, sample(f.getMessageType(), depth + 1));
            } else if (message) {
                b.setField(f, sample(f.getMessageType(), depth + 1));
            } else if (oneof != null || f.hasPresence() && !f.isRepeated()) {
                b.setField(f, f.getDefaultValue()); // shown even though it is the zero value
            }
        }
        return b.build();
    }
}
