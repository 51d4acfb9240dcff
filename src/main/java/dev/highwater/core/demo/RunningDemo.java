package dev.highwater.core.demo;

import java.util.Optional;

/** The embedded demo backends while they run: where they listen, how they are doing; closing stops them. */
public interface RunningDemo extends AutoCloseable {

    /** host:port of the broker. */
    String kafkaBootstrap();

    /** host:port of the gRPC indexer. */
    String grpcTarget();

    /**
     * The demo's schema registry while it runs: the base URL of its Confluent-compatible API. Empty when none
     * was asked for or it could not start ({@link #registryProblem()} says why).
     */
    default Optional<String> registryUrl() {
        return Optional.empty();
    }

    /** Why the schema registry asked for is not running, in one sentence; empty otherwise. */
    default Optional<String> registryProblem() {
        return Optional.empty();
    }

    /** A moment's view, cheap to take from any thread. */
    DemoStatus status();

    @Override
    void close();
}
