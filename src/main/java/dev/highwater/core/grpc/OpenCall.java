package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

import java.util.concurrent.CompletableFuture;

/**
 * A call in progress on the workbench: requests go out while responses come in, until it is half-closed,
 * cancelled or ended by the server. Sending is safe from one thread at a time.
 */
public interface OpenCall {

    Descriptors.MethodDescriptor method();

    /** @throws IllegalStateException once the requests are finished (half-closed) */
    void send(DynamicMessage request);

    /** No more requests: the server may answer (client streaming) or end (bidi). */
    void halfClose();

    void cancel();

    /** Completes once the call closed and is in the session's history; never exceptionally. */
    CompletableFuture<CallOutcome> outcome();
}
