package dev.highwater.ui.grpc;

import com.google.protobuf.Descriptors;
import dev.highwater.core.grpc.GrpcMethods;

/** A method the workbench can call, as the method list shows it. */
public record MethodChoice(Descriptors.MethodDescriptor method) {

    public String service() {
        return method.getService().getFullName();
    }

    public String fullName() {
        return GrpcMethods.fullName(method);
    }

    public String kind() {
        return GrpcMethods.kind(method);
    }

    /** Whether the call takes requests after it starts (client or bidi streaming). */
    public boolean sendsStream() {
        return method.isClientStreaming();
    }

    @Override
    public String toString() {
        return method.getName() + "  (" + kind() + ")";
    }
}
