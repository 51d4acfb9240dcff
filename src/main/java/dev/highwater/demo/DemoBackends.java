package dev.highwater.demo;

/**
 * The embedded demo: a real Kafka broker (KRaft) in this JVM, the gRPC indexer, demo traffic and demo
 * consumer groups. (Being built: the signature is what the shell and the CLI use.)
 */
public final class DemoBackends implements AutoCloseable {

    /** Starts everything and returns once both ports accept connections; throws BackendStartException. */
    public static DemoBackends start(DemoOptions options) {
        throw new UnsupportedOperationException("being built");
    }

    public String kafkaBootstrap() {
        throw new UnsupportedOperationException("being built");
    }

    public String grpcTarget() {
        throw new UnsupportedOperationException("being built");
    }

    public DemoStatus status() {
        throw new UnsupportedOperationException("being built");
    }

    @Override
    public void close() {
    }
}
