package dev.highwater.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.kafka.DemoTopics;
import dev.highwater.net.LocalPorts;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo with a schema registry, end to end: a real broker, a real Apicurio registry, the evolving
 * registry-framed topics read back with a plain consumer and the registry's own API.
 */
class RegistryDemoTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoBackends demo;

    @BeforeAll
    static void startDemo() {
        // a schema version every two seconds instead of every minute: all three on the topic within seconds
        demo = DemoBackends.start(new DemoOptions(0, 0, null, 50, 0.4, true), step -> { },
                new RegistryTraffic.Settings(TestRegistries.cache(), Duration.ofSeconds(2), 50));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            int port = demo.registryUrl().map(url -> URI.create(url).getPort()).orElse(-1);
            demo.close();
            assertTrue(port < 0 || !LocalPorts.accepts(port), "stopping the demo stops its registry");
        }
    }

    @Test
    void paymentsCarryTheIdsOfThreeVersionsTheRegistryKnowsWithMoneyByReference() throws Exception {
        assertTrue(demo.registryUrl().isPresent(), "the registry runs: " + demo.registryProblem());
        Map<Integer, Integer> indexesById = new TreeMap<>();
        readUntil(DemoTopics.REGISTRY_PAYMENTS, r -> {
            byte[] v = r.value();
            assertEquals(0, v[0], "Confluent's magic byte");
            // the message indexes: [0] (a Payment) is one 0 byte, [1] (a Refund) is count 1 then index 1
            assertTrue(v[5] == 0 || (v[5] == 2 && v[6] == 2), "message indexes of " + r);
            indexesById.merge(ByteBuffer.wrap(v, 1, 4).getInt(), (int) v[5], Math::max);
            return indexesById.size() >= 3 && indexesById.values().stream().allMatch(i -> i == 2);
        });
        List<String> texts = new ArrayList<>();
        for (int id : indexesById.keySet()) {
            JsonObject schema = get("/schemas/ids/" + id);
            assertEquals("PROTOBUF", schema.get("schemaType").getAsString());
            texts.add(schema.get("schema").getAsString());
            JsonArray refs = schema.getAsJsonArray("references");
            assertEquals(1, refs.size(), schema.toString());
            assertEquals(RegistryDemoSchemas.MONEY_SUBJECT, refs.get(0).getAsJsonObject().get("subject").getAsString());
        }
        // ids grow with the versions: v1 has no channel, v2 adds it, v3 drops the memo and reserves its tag
        assertFalse(texts.get(0).contains("channel"), texts.get(0));
        assertTrue(texts.get(1).contains("string channel = 6;") && texts.get(1).contains("string memo = 5;"));
        assertTrue(texts.get(2).contains("reserved 5;") && !texts.get(2).contains("string memo"), texts.get(2));
        JsonArray versions = getArray("/subjects/" + DemoTopics.REGISTRY_PAYMENTS + "-value/versions");
        assertEquals(3, versions.size(), versions.toString());
        JsonObject config = get("/config");
        assertEquals("BACKWARD", config.get("compatibilityLevel").getAsString(), config.toString());
    }

    @Test
    void accountsAreAvroThatDecodesWithTheSchemaOfTheirIdAcrossTwoVersions() throws Exception {
        assertTrue(demo.registryUrl().isPresent(), "the registry runs: " + demo.registryProblem());
        Map<Integer, GenericRecord> lastById = new HashMap<>();
        Map<Integer, Schema> schemas = new HashMap<>();
        readUntil(DemoTopics.REGISTRY_ACCOUNTS, r -> {
            byte[] v = r.value();
            assertEquals(0, v[0], "Confluent's magic byte");
            int id = ByteBuffer.wrap(v, 1, 4).getInt();
            Schema schema = schemas.computeIfAbsent(id, RegistryDemoTest::avroSchema);
            try {
                GenericRecord account = new GenericDatumReader<GenericRecord>(schema).read(null,
                        DecoderFactory.get().binaryDecoder(v, 5, v.length - 5, null));
                lastById.put(id, account);
            } catch (java.io.IOException e) {
                throw new AssertionError("record " + r.partition() + "@" + r.offset() + " does not decode", e);
            }
            return lastById.size() >= 2;
        });
        assertEquals(2, lastById.size());
        for (GenericRecord account : lastById.values()) {
            assertTrue(account.get("id").toString().startsWith("acct-"), account.toString());
            Schema balanceType = account.getSchema().getField("balance").schema();
            BigDecimal balance = new Conversions.DecimalConversion().fromBytes((ByteBuffer) account.get("balance"),
                    balanceType, LogicalTypes.decimal(18, 2));
            assertEquals(2, balance.scale(), "an exact amount in cents");
        }
        assertTrue(lastById.values().stream().anyMatch(a -> a.getSchema().getField("status") != null),
                "the second version, with the status, is on the topic");
    }

    @Test
    void aRegistryThatCannotStartLeavesTheDemoRunningAndSaysWhy(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file where the registry would unpack");
        try (DemoBackends light = DemoBackends.start(new DemoOptions(0, 0, null, 0, 0.4, true), step -> { },
                new RegistryTraffic.Settings(notAFolder, Duration.ofMinutes(1), 50))) {
            assertTrue(light.registryUrl().isEmpty());
            String problem = light.registryProblem().orElseThrow();
            assertFalse(problem.contains("\n"), problem);
            assertTrue(problem.contains(notAFolder.toString()), problem);
            assertTrue(light.status().brokerUp() && light.status().grpcUp(), "the rest of the demo runs");
        }
    }

    private interface Check {
        boolean done(ConsumerRecord<byte[], byte[]> record);
    }

    /** Reads a topic from its start with a plain consumer until the check is satisfied. */
    private static void readUntil(String topic, Check check) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.kafkaBootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, DemoTopics.REGISTRY_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (check.done(r)) {
                        return;
                    }
                }
            }
            throw new AssertionError("the records looked for did not come on " + topic);
        }
    }

    private static Schema avroSchema(int id) {
        JsonObject schema = get("/schemas/ids/" + id);
        // Confluent's API leaves the type out for Avro, its first and default type
        assertTrue(!schema.has("schemaType") || schema.get("schemaType").getAsString().equals("AVRO"),
                schema.toString());
        return new Schema.Parser().parse(schema.get("schema").getAsString());
    }

    private static JsonObject get(String path) {
        return JsonParser.parseString(body(path)).getAsJsonObject();
    }

    private static JsonArray getArray(String path) {
        return JsonParser.parseString(body(path)).getAsJsonArray();
    }

    private static String body(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(demo.registryUrl().orElseThrow()
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(path + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
