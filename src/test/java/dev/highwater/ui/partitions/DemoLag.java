package dev.highwater.ui.partitions;

import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.demo.DemoBackends;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.DemoTopics;
import dev.highwater.kafka.lag.KafkaKeySampler;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import dev.highwater.store.H2LagHistoryStore;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** The embedded demo with a started lag service over it and history in H2, as the screen's tests use it. */
final class DemoLag implements AutoCloseable {

    final DemoBackends demo;
    final H2LagHistoryStore store;
    final LagService service;
    private boolean demoClosed;

    DemoLag(int rate, Path historyDir) {
        demo = DemoBackends.start(new DemoOptions(0, 0, null, rate, 0.4));
        ClientSettings client = ClientSettings.of(demo.kafkaBootstrap());
        store = H2LagHistoryStore.open(historyDir.resolve("lag-history"));
        service = new LagService(new KafkaOffsetsSource(client, Clock.systemUTC()), new KafkaKeySampler(client),
                store, demo.kafkaBootstrap(), LagSettings.defaults(), Clock.systemUTC());
        service.start();
    }

    /** The partition of the transactions topic that a key goes to, as Kafka's default partitioner puts it. */
    static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % DemoTopics.PARTITIONS;
    }

    /** Takes the cluster away while the service keeps watching. */
    void closeDemo() {
        demoClosed = true;
        demo.close();
    }

    @Override
    public void close() {
        service.close();
        store.close();
        if (!demoClosed) {
            demo.close();
        }
    }
}
