package dev.highwater.core.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.GenericDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A service, method, message or enum as .proto text, the way grpcurl's describe prints it: a line saying what the
 * symbol is, then its definition with every type named in full ({@code .pkg.Type}).
 */
public final class ProtoDescribe {

    private static final String INDENT = "  ";

    private ProtoDescribe() {
    }

    public static String of(GenericDescriptor d) {
        StringBuilder out = new StringBuilder();
        switch (d) {
            case ServiceDescriptor s -> {
                out.append(s.getFullName()).append(" is a service:\n");
                service(s, out);
            }
            case MethodDescriptor m -> out.append(m.getService().getFullName()).append('.').append(m.getName())
                    .append(" is a method:\n").append(rpc(m)).append('\n');
            case Descriptor m -> {
                out.append(m.getFullName()).append(" is a message:\n");
                message(m, "", out);
            }
            case EnumDescriptor e -> {
                out.append(e.getFullName()).append(" is an enum:\n");
                enumType(e, "", out);
            }
            default -> out.append(d.getFullName()).append('\n');
        }
        return out.toString();
    }

    private static void service(ServiceDescriptor s, StringBuilder out) {
        out.append("service ").append(s.getName()).append(" {\n");
        for (MethodDescriptor m : s.getMethods()) {
            out.append(INDENT).append(rpc(m)).append('\n');
        }
        out.append("}\n");
    }

    /** rpc Name ( [stream] .pkg.Request ) returns ( [stream] .pkg.Response ); */
    static String rpc(MethodDescriptor m) {
        return "rpc " + m.getName() + " ( " + (m.isClientStreaming() ? "stream " : "") + "."
                + m.getInputType().getFullName() + " ) returns ( " + (m.isServerStreaming() ? "stream " : "") + "."
                + m.getOutputType().getFullName() + " );";
    }

    private static void message(Descriptor m, String indent, StringBuilder out) {
        out.append(indent).append("message ").append(m.getName()).append(" {\n");
        String in = indent + INDENT;
        Set<OneofDescriptor> printed = new HashSet<>();
        for (FieldDescriptor f : m.getFields()) {
            OneofDescriptor oneof = f.getRealContainingOneof();
            if (oneof == null) {
                out.append(in).append(field(f, true)).append('\n');
            } else if (printed.add(oneof)) {
                // a oneof stands where its first field is declared, with all its fields
                out.append(in).append("oneof ").append(oneof.getName()).append(" {\n");
                for (FieldDescriptor member : oneof.getFields()) {
                    out.append(in).append(INDENT).append(field(member, false)).append('\n');
                }
                out.append(in).append("}\n");
            }
        }
        reserved(m.toProto(), in, out);
        for (Descriptor nested : m.getNestedTypes()) {
            if (!nested.getOptions().getMapEntry()) {
                message(nested, in, out);
            }
        }
        for (EnumDescriptor e : m.getEnumTypes()) {
            enumType(e, in, out);
        }
        out.append(indent).append("}\n");
    }

    private static String field(FieldDescriptor f, boolean withLabel) {
        StringBuilder line = new StringBuilder();
        if (f.isMapField()) {
            Descriptor entry = f.getMessageType();
            line.append("map<").append(type(entry.findFieldByNumber(1))).append(", ")
                    .append(type(entry.findFieldByNumber(2))).append("> ");
        } else {
            if (withLabel) {
                line.append(label(f));
            }
            line.append(type(f)).append(' ');
        }
        line.append(f.getName()).append(" = ").append(f.getNumber());
        List<String> options = new ArrayList<>();
        if (f.toProto().hasDefaultValue()) {
            String v = f.toProto().getDefaultValue();
            options.add("default = " + (f.getType() == FieldDescriptor.Type.STRING
                    || f.getType() == FieldDescriptor.Type.BYTES ? "\"" + v.replace("\"", "\\\"") + "\"" : v));
        }
        if (f.getOptions().getDeprecated()) {
            options.add("deprecated = true");
        }
        if (!options.isEmpty()) {
            line.append(" [").append(String.join(", ", options)).append(']');
        }
        return line.append(';').toString();
    }

    private static String label(FieldDescriptor f) {
        if (f.isRepeated()) {
            return "repeated ";
        }
        if (f.isRequired()) {
            return "required ";
        }
        // proto3 writes "optional" only where it asked for presence; proto2 on every field that is not required
        boolean proto2 = "proto2".equals(f.getFile().toProto().getSyntax()) || f.getFile().toProto().getSyntax().isEmpty();
        return f.toProto().getProto3Optional() || proto2 ? "optional " : "";
    }

    private static String type(FieldDescriptor f) {
        return switch (f.getJavaType()) {
            case MESSAGE -> "." + f.getMessageType().getFullName();
            case ENUM -> "." + f.getEnumType().getFullName();
            default -> f.getType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static void reserved(DescriptorProto p, String indent, StringBuilder out) {
        List<String> ranges = new ArrayList<>();
        for (DescriptorProto.ReservedRange r : p.getReservedRangeList()) {
            int last = r.getEnd() - 1; // the range's end is exclusive in the descriptor
            ranges.add(r.getStart() == last ? Integer.toString(last)
                    : r.getStart() + " to " + (last == 536_870_911 ? "max" : Integer.toString(last)));
        }
        if (!ranges.isEmpty()) {
            out.append(indent).append("reserved ").append(String.join(", ", ranges)).append(";\n");
        }
        if (p.getReservedNameCount() > 0) {
            out.append(indent).append("reserved ").append(String.join(", ",
                    p.getReservedNameList().stream().map(n -> "\"" + n + "\"").toList())).append(";\n");
        }
    }

    private static void enumType(EnumDescriptor e, String indent, StringBuilder out) {
        out.append(indent).append("enum ").append(e.getName()).append(" {\n");
        for (EnumValueDescriptor v : e.getValues()) {
            out.append(indent).append(INDENT).append(v.getName()).append(" = ").append(v.getNumber()).append(";\n");
        }
        out.append(indent).append("}\n");
    }
}
