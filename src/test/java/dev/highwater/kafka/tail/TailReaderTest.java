package dev.highwater.kafka.tail;

import dev.highwater.core.tail.TailListener;
import dev.highwater.core.tail.TailRequest;
import dev.highwater.core.tail.TailStart;
import dev.highwater.core.tail.TailStatus;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The group-less tail against a broker that goes away mid-tail and comes back on the same port and data. */
class TailReaderTest {

    @Test
    void saysWhenTheBrokerGoesAwayAndReadsOnWhenItReturns(@TempDir Path dir) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(0, dir);
        int port = kafka.port();
        send(kafka, 0, 5);
        List<Long> offsets = new CopyOnWriteArrayList<>();
        List<TailStatus> states = new CopyOnWriteArrayList<>();
        TailReader reader = new TailReader(ClientSettings.of(kafka.bootstrapServers()),
                new TailRequest("t", null, TailStart.beginning(), true, 0), new TailListener() {
            @Override
            public void records(List<RawRecord> batch) {
                batch.forEach(r -> offsets.add(r.offset()));
            }

            @Override
            public void status(TailStatus status) {
                states.add(status);
            }
        });
        reader.start();
        try {
            waitFor(() -> offsets.size() == 5);
            kafka.close();
            waitFor(() -> states.stream().anyMatch(s -> s.state() == TailStatus.State.DISCONNECTED));
            String said = states.stream().filter(s -> s.state() == TailStatus.State.DISCONNECTED)
                    .findFirst().orElseThrow().message();
            assertTrue(said.contains("does not answer"), said);

            kafka = EmbeddedKafka.start(port, dir);
            send(kafka, 5, 3);
            waitFor(() -> offsets.size() == 8);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), offsets, "nothing lost, nothing twice");
        } finally {
            reader.close();
            kafka.close();
        }
    }

    private static void send(EmbeddedKafka kafka, int from, int n) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                     kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            if (from == 0) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            for (int i = from; i < from + n; i++) {
                p.send(new ProducerRecord<>("t", 0, null, ("v" + i).getBytes())).get();
            }
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("not met within 90 s");
    }
}
