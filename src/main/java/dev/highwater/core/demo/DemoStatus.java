package dev.highwater.core.demo;

/**
 * A moment's view of the embedded backends, cheap to take from any thread.
 *
 * @param kafkaBootstrap  host:port of the broker
 * @param grpcTarget      host:port of the indexer
 * @param brokerUp        the broker accepts connections
 * @param grpcUp          the gRPC server is serving
 * @param targetRate      the demo traffic asked for, tx/s
 * @param ingestRate      transactions ingested per second over the last few seconds
 * @param ingested        transactions ingested (published to Kafka) since start
 * @param failed          transactions the indexer could not publish
 * @param blockHeight     the height of the newest block, -1 before the first
 */
public record DemoStatus(String kafkaBootstrap, String grpcTarget, boolean brokerUp, boolean grpcUp,
                         int targetRate, double ingestRate, long ingested, long failed, long blockHeight) {
}
