package dev.highwater.grpc.reflection;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One reflection conversation: a request, then its answer, in turn. v1alpha has the same messages on the wire
 * as v1 under another service name, so both versions go through the v1 classes.
 */
final class ReflectionStream implements AutoCloseable {

    static final String V1 = "grpc.reflection.v1.ServerReflection";
    static final String V1ALPHA = "grpc.reflection.v1alpha.ServerReflection";

    private final ClientCall<ServerReflectionRequest, ServerReflectionResponse> call;
    private final StreamObserver<ServerReflectionRequest> requests;
    private final LinkedBlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final Deadline deadline;

    ReflectionStream(Channel channel, String service, Deadline deadline) {
        this.deadline = deadline;
        MethodDescriptor<ServerReflectionRequest, ServerReflectionResponse> method =
                MethodDescriptor.<ServerReflectionRequest, ServerReflectionResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "ServerReflectionInfo"))
                        .setRequestMarshaller(ProtoUtils.marshaller(ServerReflectionRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(ServerReflectionResponse.getDefaultInstance()))
                        .build();
        this.call = channel.newCall(method, CallOptions.DEFAULT.withDeadline(deadline));
        this.requests = ClientCalls.asyncBidiStreamingCall(call, new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                answers.add(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                answers.add(Status.INTERNAL.withDescription("the server ended the reflection stream early"));
            }
        });
    }

    /** Sends one request and waits for its answer, at the latest until the deadline. */
    ServerReflectionResponse ask(ServerReflectionRequest request) throws InterruptedException {
        requests.onNext(request);
        // the call's own deadline ends it with DEADLINE_EXCEEDED; the extra second only guards against a lost signal
        Object answer = answers.poll(deadline.timeRemaining(TimeUnit.MILLISECONDS) + 1_000, TimeUnit.MILLISECONDS);
        if (answer == null) {
            throw Status.DEADLINE_EXCEEDED.withDescription("no reflection answer in time").asRuntimeException();
        }
        if (answer instanceof Status status) {
            throw new StatusRuntimeException(status);
        }
        return (ServerReflectionResponse) answer;
    }

    @Override
    public void close() {
        try {
            requests.onCompleted();
        } catch (RuntimeException ignored) {
            // the call already ended
        }
        call.cancel("reflection done", null);
    }
}
