package dev.highwater.grpc;

import io.grpc.stub.StreamObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Catches the first message of a call (or its failure), for tests of single-answer streams. */
final class FirstResponse<T> implements StreamObserver<T> {

    private final CompletableFuture<T> first = new CompletableFuture<>();

    /** The first message, waiting a few seconds for it; a failed call throws. */
    T get() throws Exception {
        return first.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onNext(T value) {
        first.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        first.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
    }
}
