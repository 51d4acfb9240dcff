package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.GrpcMethods;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/** gRPC method descriptors for any Protobuf method, its messages as {@link DynamicMessage}s. */
public final class DynamicMethods {

    private DynamicMethods() {
    }

    public static MethodDescriptor<DynamicMessage, DynamicMessage> of(Descriptors.MethodDescriptor m) {
        return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(type(m))
                .setFullMethodName(GrpcMethods.fullName(m))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .build();
    }

    public static MethodDescriptor.MethodType type(Descriptors.MethodDescriptor m) {
        if (m.isClientStreaming()) {
            return m.isServerStreaming() ? MethodDescriptor.MethodType.BIDI_STREAMING
                    : MethodDescriptor.MethodType.CLIENT_STREAMING;
        }
        return m.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING
                : MethodDescriptor.MethodType.UNARY;
    }
}
