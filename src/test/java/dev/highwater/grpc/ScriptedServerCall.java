package dev.highwater.grpc;

import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * A server call whose readiness the test sets, recording what the service sends and how many messages it
 * asks the client for, to check flow control without a network.
 */
final class ScriptedServerCall<T> extends ServerCallStreamObserver<T> {

    final List<T> sent = new ArrayList<>();
    long requested;
    boolean completed;
    private long budget = Long.MAX_VALUE;
    private Runnable onReady = () -> { };

    /** From now on the call is ready only until it has sent this many messages in all. */
    synchronized void readyFor(long messagesInAll) {
        budget = messagesInAll;
    }

    /** Lets the call take more messages and tells the service it is ready. */
    void allow(long more) {
        synchronized (this) {
            budget += more;
        }
        onReady.run();
    }

    @Override
    public synchronized void onNext(T value) {
        sent.add(value);
    }

    @Override
    public synchronized void onCompleted() {
        completed = true;
    }

    @Override
    public void onError(Throwable t) {
        throw new AssertionError("the service failed the call", t);
    }

    @Override
    public synchronized boolean isReady() {
        return sent.size() < budget;
    }

    @Override
    public synchronized void setOnReadyHandler(Runnable handler) {
        onReady = handler;
    }

    @Override
    public synchronized void request(int count) {
        requested += count;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
    }

    @Override
    public void disableAutoRequest() {
    }

    @Override
    public void disableAutoInboundFlowControl() {
    }

    @Override
    public void setCompression(String compression) {
    }

    @Override
    public void setMessageCompression(boolean enable) {
    }
}
