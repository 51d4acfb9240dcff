package dev.highwater.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.net.LocalPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `highwater lag --watch` while the cluster goes away and comes back, against a real broker stopped and started
 * again on the same port and data: what it could not read is said to be stale, rates are not repeated or made
 * up across the outage, and the watch keeps trying until it is stopped.
 */
class LagWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    /** A broker with payments (2 partitions, 20 records each) and the group billing at offset 5 on both. */
    private EmbeddedKafka brokerWithAGroup(int port) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(port, dir);
        try (Admin admin = admin(kafka.bootstrapServers());
             KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("payments", 2, (short) 1))).all().get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 40; i++) {
                p.send(new ProducerRecord<>("payments", i % 2, "k" + i, "v" + i)).get();
            }
            admin.alterConsumerGroupOffsets("billing", Map.of(
                    new TopicPartition("payments", 0), new OffsetAndMetadata(5),
                    new TopicPartition("payments", 1), new OffsetAndMetadata(5))).all().get(20, TimeUnit.SECONDS);
        }
        return kafka;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private static JsonObject json(String line) {
        return JsonParser.parseString(line).getAsJsonObject();
    }

    private static JsonObject partition(JsonObject refresh, int partition) {
        return refresh.getAsJsonArray("partitions").get(partition).getAsJsonObject();
    }

    private static boolean isNull(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull();
    }

    private static boolean stale(String line) {
        return !isNull(json(line), "stale");
    }

    @Test
    void aBrokerStoppedDuringTheWatchMarksItsRowsStaleWithoutRatesAndTheWatchGoesOnWhenItIsBack() throws Exception {
        EmbeddedKafka kafka = brokerWithAGroup(0);
        int port = kafka.port();
        String bootstrap = kafka.bootstrapServers();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread traffic = Thread.ofPlatform().start(() -> {
            try (KafkaProducer<String, String> p = producer(bootstrap); Admin admin = admin(bootstrap)) {
                for (long committed = 5; producing.get(); committed += 5) {
                    for (int i = 0; i < 10; i++) {
                        p.send(new ProducerRecord<>("payments", i % 2, "k", "v"));
                    }
                    p.flush();
                    admin.alterConsumerGroupOffsets("billing", Map.of(new TopicPartition("payments", 0),
                            new OffsetAndMetadata(committed))).all().get(10, TimeUnit.SECONDS);
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (WatchedCommand watch = WatchedCommand.start("lag", "--bootstrap", bootstrap, "--group", "billing",
                "--format", "json", "--watch", "--interval", "0.2")) {
            watch.awaitLine(0, l -> true, PATIENCE, "the first refresh");
            assertTrue(isNull(partition(json(watch.outLines().getFirst()), 0), "produceRate"),
                    "the first refresh is shown at once, from one read: no rate yet");
            int live = watch.awaitLine(0, l -> {
                JsonObject p0 = partition(json(l), 0);
                return !isNull(p0, "produceRate") && p0.get("produceRate").getAsDouble() > 0
                        && !isNull(p0, "consumeRate") && p0.get("consumeRate").getAsDouble() > 0;
            }, PATIENCE, "non-zero rates");
            producing.set(false);
            traffic.join(10_000);
            kafka.close();

            int firstStale = watch.awaitLine(live + 1, LagWatchTest::stale, PATIENCE, "a refresh marked stale");
            List<String> lines = watch.outLines();
            JsonObject lastRead = json(lines.get(firstStale - 1));
            JsonObject stale = json(lines.get(firstStale));
            JsonObject why = stale.getAsJsonObject("stale");
            assertEquals(lastRead.get("at").getAsString(), why.get("since").getAsString(),
                    "stale since the values shown were read: " + stale);
            assertTrue(why.get("reason").getAsString().contains(bootstrap), stale::toString);
            assertEquals(partition(lastRead, 0).get("lag"), partition(stale, 0).get("lag"),
                    "the last lag read, said to be stale");
            for (int p = 0; p < 2; p++) {
                assertTrue(isNull(partition(stale, p), "produceRate") && isNull(partition(stale, p), "consumeRate")
                        && isNull(partition(stale, p), "secondsToDrain"), "no rate while stale: " + stale);
            }
            assertTrue(Instant.parse(stale.get("at").getAsString())
                    .isAfter(Instant.parse(why.get("since").getAsString())), "a refresh now, values of then");
            int secondStale = watch.awaitLine(firstStale + 1, LagWatchTest::stale, PATIENCE,
                    "the watch going on while stale");
            assertEquals(why, json(watch.outLines().get(secondStale)).getAsJsonObject("stale"),
                    "still stale since then");

            kafka = EmbeddedKafka.start(port, dir);
            int back = watch.awaitLine(secondStale + 1, l -> !stale(l), PATIENCE,
                    "a fresh refresh once the broker is back");
            JsonObject fresh = json(watch.outLines().get(back));
            assertTrue(isNull(partition(fresh, 0), "produceRate") && isNull(partition(fresh, 0), "consumeRate"),
                    "no rate across the outage: " + fresh);
            int next = watch.awaitLine(back + 1, l -> !stale(l), PATIENCE, "the refresh after that");
            assertEquals(0.0, partition(json(watch.outLines().get(next)), 1).get("produceRate").getAsDouble(),
                    "rates again from two reads after the outage");
            assertTrue(watch.running(), "the watch goes on until stopped");
        } finally {
            producing.set(false);
            traffic.join(10_000);
            kafka.close();
        }
    }

    @Test
    void aBrokerDownBeforeTheFirstRefreshIsWaitedForAndTheWatchStartsWhenItAnswers() throws Exception {
        int port = LocalPorts.free();
        brokerWithAGroup(port).close(); // the data stays in dir for the start below
        String bootstrap = "127.0.0.1:" + port;
        EmbeddedKafka kafka = null;
        try (WatchedCommand watch = WatchedCommand.start("lag", "--bootstrap", bootstrap, "--group", "billing",
                "--format", "json", "--watch", "--interval", "0.2")) {
            watch.awaitErr("waiting for the cluster at " + bootstrap + ": ", PATIENCE);
            Thread.sleep(500);
            assertTrue(watch.running(), "still trying: " + watch.err());
            assertTrue(watch.outLines().isEmpty(), "nothing made up meanwhile: " + watch.outLines());

            kafka = EmbeddedKafka.start(port, dir);
            int first = watch.awaitLine(0, l -> true, PATIENCE, "the first refresh");
            JsonObject refresh = json(watch.outLines().get(first));
            assertEquals("billing", refresh.get("group").getAsString());
            assertEquals(30, refresh.get("totalLag").getAsLong(), refresh::toString);
            assertTrue(isNull(refresh, "stale"), refresh::toString);
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }
}
