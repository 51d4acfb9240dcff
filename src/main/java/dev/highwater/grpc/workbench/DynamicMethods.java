package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/** gRPC method descriptors for any Protobuf method, its messages as {@link DynamicMessage}s. */
public final class DynamicMethods {

    private DynamicMethods() {
    }

    public static MethodDescriptor<DynamicMessage, DynamicMessage> of(Descriptors.MethodDescriptor m) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(type(m))
                .setFullMethodName(fullName(m))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .build();
    }

    /** package.Service/Method, as gRPC and grpcurl name it. */
    public static String fullName(Descriptors.MethodDescriptor m) {
        return MethodDescriptor.generateFullMethodName(m.getService().getFullName(), m.getName());
    }

    public static MethodDescriptor.MethodType type(Descriptors.MethodDescriptor m) {
        if (m.isClientStreaming()) {
            return m.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING
                    : MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return m.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
                : MethodDescriptor.MethodType.UNARY;
    }

    /** unary, server streaming, client streaming, bidi streaming. */
    public static String kind(Descriptors.MethodDescriptor m) {
        return switch (type(m)) {
            case UNARY -> "unary";
            case SERVER_STREAMING -> "server streaming";
            case CLIENT_STREAMING -> "client streaming";
            default -> "bidi streaming";
        };
    }
}
