package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors;

/** How the workbench, its history and grpcurl name a Protobuf method and its kind of call. */
public final class GrpcMethods {

    private GrpcMethods() {
    }

    /** package.Service/Method, as gRPC and grpcurl name it. */
    public static String fullName(Descriptors.MethodDescriptor m) {
        return m.getService().getFullName() + "/" + m.getName();
    }

    /** unary, server streaming, client streaming, bidi streaming. */
    public static String kind(Descriptors.MethodDescriptor m) {
        if (m.isClientStreaming()) {
            return m.isServerStreaming() ? "bidi streaming" : "client streaming";
        }
        return m.isServerStreaming() ? "server streaming" : "unary";
    }
}
