package dev.highwater.core.demo;

import java.nio.file.Path;

/**
 * How to run the embedded demo backends.
 *
 * @param kafkaPort   the broker's port on 127.0.0.1 (0: any free port)
 * @param grpcPort    the indexer's port on 127.0.0.1 (0: any free port)
 * @param dataDir     a folder kept across runs, or null for a temporary one removed at exit
 * @param rate        demo transactions per second (0: no traffic)
 * @param hotKeyShare the share of transactions sent by the hot sender, 0 to 1
 * @param schemaRegistry also run a schema registry on loopback and write registry-framed records whose schema
 *                       evolves while the demo runs (off by default: the registry is a JVM of its own)
 */
public record DemoOptions(int kafkaPort, int grpcPort, Path dataDir, int rate, double hotKeyShare,
                          boolean schemaRegistry) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_GRPC_PORT = 50051;
    public static final int DEFAULT_RATE = 2_000;
    public static final double DEFAULT_HOT_KEY_SHARE = 0.4;

    public DemoOptions {
        if (kafkaPort < 0 || kafkaPort > 65535) {
            throw new IllegalArgumentException("--kafka-port must be 0-65535, not " + kafkaPort);
        }
        if (grpcPort < 0 || grpcPort > 65535) {
            throw new IllegalArgumentException("--grpc-port must be 0-65535, not " + grpcPort);
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be 0 or more transactions per second, not " + rate);
        }
        if (!(hotKeyShare >= 0 && hotKeyShare <= 1)) {
            throw new IllegalArgumentException("--hot-key-share must be between 0 and 1, not " + hotKeyShare);
        }
    }

    /** Without a schema registry. */
    public DemoOptions(int kafkaPort, int grpcPort, Path dataDir, int rate, double hotKeyShare) {
        this(kafkaPort, grpcPort, dataDir, rate, hotKeyShare, false);
    }

    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_KAFKA_PORT, DEFAULT_GRPC_PORT, null, DEFAULT_RATE, DEFAULT_HOT_KEY_SHARE);
    }

    public DemoOptions withPorts(int kafka, int grpc) {
        return new DemoOptions(kafka, grpc, dataDir, rate, hotKeyShare, schemaRegistry);
    }

    public DemoOptions withRate(int newRate) {
        return new DemoOptions(kafkaPort, grpcPort, dataDir, newRate, hotKeyShare, schemaRegistry);
    }

    public DemoOptions withSchemaRegistry(boolean on) {
        return new DemoOptions(kafkaPort, grpcPort, dataDir, rate, hotKeyShare, on);
    }
}
