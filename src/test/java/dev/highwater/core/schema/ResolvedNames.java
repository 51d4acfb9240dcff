package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * Our compiler's descriptor with type names, extendees and method types written as protoc writes them: resolved,
 * with a leading dot, and the type (message or enum) of each named field filled in. Our parser leaves names as
 * written and linking resolves them, so the comparison with protoc is made after linking.
 */
final class ResolvedNames {

    private ResolvedNames() {
    }

    static FileDescriptorProto of(FileDescriptor linked) {
        FileDescriptorProto.Builder b = linked.toProto().toBuilder();
        for (int i = 0; i < b.getMessageTypeCount(); i++) {
            resolve(b.getMessageTypeBuilder(i), linked.getMessageTypes().get(i));
        }
        for (int i = 0; i < b.getExtensionCount(); i++) {
            resolve(b.getExtensionBuilder(i), linked.getExtensions().get(i));
        }
        for (int s = 0; s < b.getServiceCount(); s++) {
            for (int m = 0; m < b.getService(s).getMethodCount(); m++) {
                var method = linked.getServices().get(s).getMethods().get(m);
                b.getServiceBuilder(s).getMethodBuilder(m).setInputType("." + method.getInputType().getFullName())
                        .setOutputType("." + method.getOutputType().getFullName());
            }
        }
        return b.build();
    }

    private static void resolve(DescriptorProto.Builder m, Descriptor d) {
        for (int i = 0; i < m.getFieldCount(); i++) {
            resolve(m.getFieldBuilder(i), d.getFields().get(i));
        }
        for (int i = 0; i < m.getExtensionCount(); i++) {
            resolve(m.getExtensionBuilder(i), d.getExtensions().get(i));
        }
        for (int i = 0; i < m.getNestedTypeCount(); i++) {
            resolve(m.getNestedTypeBuilder(i), d.getNestedTypes().get(i));
        }
    }

    private static void resolve(FieldDescriptorProto.Builder f, FieldDescriptor d) {
        if (f.hasTypeName()) {
            boolean isEnum = d.getJavaType() == FieldDescriptor.JavaType.ENUM;
            f.setTypeName("." + (isEnum ? d.getEnumType().getFullName() : d.getMessageType().getFullName()));
            if (!f.hasType()) {
                f.setType(isEnum ? FieldDescriptorProto.Type.TYPE_ENUM : FieldDescriptorProto.Type.TYPE_MESSAGE);
            }
        }
        if (f.hasExtendee()) {
            f.setExtendee("." + d.getContainingType().getFullName());
        }
    }
}
