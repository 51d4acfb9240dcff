package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.OpenCall;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A call in progress on the workbench: requests typed as JSON, the outcome recorded in the session's history
 * when it closes. Sending is safe from one thread at a time (the screen's background task).
 */
public final class WorkbenchCall implements OpenCall {

    /** Requests kept for "copy as grpcurl": enough to repeat a typical call, not a whole file's worth. */
    static final int REQUESTS_KEPT = 200;

    private final Descriptors.MethodDescriptor method;
    private final DynamicCall call;
    private final List<DynamicMessage> sentRequests = new ArrayList<>();
    private final CompletableFuture<CallOutcome> recorded;
    private boolean halfClosed;

    WorkbenchCall(Descriptors.MethodDescriptor method, DynamicCall call,
                  java.util.function.Function<WorkbenchCall, CallOutcome> record) {
        this.method = method;
        this.call = call;
        this.recorded = call.outcome().thenApply(o -> record.apply(this));
    }

    @Override
    public Descriptors.MethodDescriptor method() {
        return method;
    }

    /**
     * Parses and sends one request.
     *
     * @throws dev.highwater.core.grpc.RequestJsonException naming the field and why; nothing is sent then
     */
    public void send(String json) {
        send(JsonMessages.parse(json, method.getInputType()));
    }

    @Override
    public synchronized void send(DynamicMessage request) {
        if (halfClosed) {
            throw new IllegalStateException("The requests are already finished (half-closed); start a new call.");
        }
        call.send(request);
        if (sentRequests.size() < REQUESTS_KEPT) {
            sentRequests.add(request);
        }
    }

    @Override
    public synchronized void halfClose() {
        if (!halfClosed) {
            halfClosed = true;
            call.halfClose();
        }
    }

    @Override
    public void cancel() {
        call.cancel();
    }

    public long received() {
        return call.received();
    }

    /** Completes once the call closed and is in the history. */
    @Override
    public CompletableFuture<CallOutcome> outcome() {
        return recorded;
    }

    /** The requests sent (the first {@link #REQUESTS_KEPT}), as JSON. */
    synchronized List<String> sentJson() {
        return sentRequests.stream().map(JsonMessages::compact).toList();
    }

    CompletableFuture<CallOutcome> rawOutcome() {
        return call.outcome();
    }
}
