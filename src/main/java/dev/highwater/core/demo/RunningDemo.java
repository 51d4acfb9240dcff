package dev.highwater.core.demo;

/** The embedded demo backends while they run: where they listen, how they are doing; closing stops them. */
public interface RunningDemo extends AutoCloseable {

    /** host:port of the broker. */
    String kafkaBootstrap();

    /** host:port of the gRPC indexer. */
    String grpcTarget();

    /** A moment's view, cheap to take from any thread. */
    DemoStatus status();

    @Override
    void close();
}
