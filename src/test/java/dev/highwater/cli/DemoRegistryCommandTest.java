package dev.highwater.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.highwater.Launcher;
import dev.highwater.demo.RegistryDemoSchemas;
import dev.highwater.demo.RegistryTraffic;
import dev.highwater.kafka.DemoTopics;
import dev.highwater.net.LocalPorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code demo --schema-registry} as a user runs it: a separate JVM, its ready line, the registry it names, the
 * registry-framed topics read with a plain consumer, SIGTERM. And the default demo, which runs no registry.
 */
class DemoRegistryCommandTest {

    private static final Pattern READY = Pattern.compile("kafka=127\\.0\\.0\\.1:(\\d+) grpc=127\\.0\\.0\\.1:(\\d+)"
            + "( schema-registry=(http://127\\.0\\.0\\.1:(\\d+)/apis/ccompat/v7))?");
    private static final String PAYMENTS_SUBJECT = DemoTopics.REGISTRY_PAYMENTS + "-value";
    private static final String ACCOUNTS_SUBJECT = DemoTopics.REGISTRY_ACCOUNTS + "-value";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsARegistryWithTheDemoSubjectsAndWritesThreeSchemaVersionsThenStopsItOnSigterm(@TempDir Path home)
            throws Exception {
        // the registry's distribution as the tests keep it unpacked, where the app looks for it in its data folder
        Path unpacked = Files.createDirectories(Path.of("target", "schema-registry", "unpacked").toAbsolutePath());
        Files.createSymbolicLink(home.resolve("schema-registry"), unpacked);
        // a new schema version every three seconds instead of every minute: v3 is on the topic within seconds
        Demo demo = Demo.start(home, List.of("-D" + RegistryTraffic.Settings.EVOLVE_EVERY_PROPERTY + "=PT3S"),
                "--schema-registry");
        try {
            Matcher m = READY.matcher(demo.readyLine());
            assertTrue(m.matches() && m.group(4) != null, "ready line with the registry: " + demo.readyLine());
            String registry = m.group(4);
            String bootstrap = "127.0.0.1:" + m.group(1);
            List<ProcessHandle> children = demo.process().toHandle().descendants().toList();
            assertTrue(children.stream().anyMatch(DemoRegistryCommandTest::isRegistry),
                    "the registry runs as a JVM of the demo's own: " + children);

            JsonArray subjects = JsonParser.parseString(get(registry + "/subjects")).getAsJsonArray();
            Set<String> names = new TreeSet<>();
            subjects.forEach(s -> names.add(s.getAsString()));
            assertTrue(names.containsAll(List.of(PAYMENTS_SUBJECT, ACCOUNTS_SUBJECT, RegistryDemoSchemas.MONEY_SUBJECT)),
                    "the demo's subjects: " + names);

            Set<Integer> paymentIds = framedIds(bootstrap, DemoTopics.REGISTRY_PAYMENTS, 3);
            Set<Integer> accountIds = framedIds(bootstrap, DemoTopics.REGISTRY_ACCOUNTS, 2);
            for (int id : paymentIds) {
                assertTrue(get(registry + "/schemas/ids/" + id).contains("PROTOBUF"),
                        "payments framed with id " + id + ", a Protobuf schema the registry holds");
            }
            for (int id : accountIds) {
                assertTrue(get(registry + "/schemas/ids/" + id).contains("highwater.demo"),
                        "accounts framed with id " + id + ", an Avro schema the registry holds");
            }
            // each id a version of its own: the schema evolved while the demo wrote
            assertEquals(3, JsonParser.parseString(get(registry + "/subjects/" + PAYMENTS_SUBJECT + "/versions"))
                    .getAsJsonArray().size());

            demo.process().toHandle().destroy(); // SIGTERM, as Ctrl-C
            assertTrue(demo.process().waitFor(60, TimeUnit.SECONDS), "stops within seconds of SIGTERM");
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS); // the registry's JVM goes with the demo
            }
            assertFalse(LocalPorts.accepts(Integer.parseInt(m.group(5))), "the registry stopped with the demo");
            assertFalse(LocalPorts.accepts(Integer.parseInt(m.group(1))), "the broker stopped");
        } finally {
            demo.kill();
        }
    }

    @Test
    void theDefaultDemoRunsNoRegistryAndNoRegistryTopics(@TempDir Path home) throws Exception {
        Demo demo = Demo.start(home, List.of());
        try {
            Matcher m = READY.matcher(demo.readyLine());
            assertTrue(m.matches() && m.group(3) == null, "ready line without a registry: " + demo.readyLine());
            // the broker and the indexer run inside the demo's JVM; a registry would be a JVM beside it
            List<ProcessHandle> children = demo.process().toHandle().descendants().toList();
            assertTrue(children.stream().noneMatch(DemoRegistryCommandTest::isRegistry), "no registry: " + children);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "127.0.0.1:" + m.group(1)))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(topics.contains(DemoTopics.TRANSACTIONS), "the demo's topics: " + topics);
                assertFalse(topics.contains(DemoTopics.REGISTRY_PAYMENTS)
                        || topics.contains(DemoTopics.REGISTRY_ACCOUNTS), "no registry-framed topics: " + topics);
            }
            demo.process().toHandle().destroy();
            assertTrue(demo.process().waitFor(60, TimeUnit.SECONDS), "stops within seconds of SIGTERM");
            assertEquals(List.of(), demo.stderr(), "nothing said about a registry or anything else");
        } finally {
            demo.kill();
        }
    }

    @Test
    void aRegistryThatCannotStartIsOneSentenceAndTheDemoRuns(@TempDir Path home) throws Exception {
        // a file where the registry's folder would be: its distribution cannot be unpacked there
        Files.writeString(home.resolve("schema-registry"), "");
        Demo demo = Demo.start(home, List.of(), "--schema-registry");
        try {
            Matcher m = READY.matcher(demo.readyLine());
            assertTrue(m.matches() && m.group(3) == null, "ready line without a registry: " + demo.readyLine());
            assertTrue(LocalPorts.accepts(Integer.parseInt(m.group(1))), "the broker runs");
            demo.process().toHandle().destroy();
            assertTrue(demo.process().waitFor(60, TimeUnit.SECONDS), "stops within seconds of SIGTERM");
            List<String> said = demo.stderr();
            assertEquals(1, said.size(), "one sentence, no stack trace: " + said);
            assertTrue(said.getFirst().startsWith("highwater: ")
                    && said.getFirst().endsWith("; the demo runs without a schema registry."), said.getFirst());
        } finally {
            demo.kill();
        }
    }

    /** The demo's process, its first line on stdout, and its stderr read to the end as it comes. */
    private record Demo(Process process, String readyLine, CompletableFuture<List<String>> err) {

        static Demo start(Path home, List<String> jvmOptions, String... demoOptions) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                    "demo", "--kafka-port", "0", "--grpc-port", "0", "--rate", "100"));
            cmd.addAll(List.of(demoOptions));
            ProcessBuilder b = new ProcessBuilder(cmd);
            b.environment().put("HIGHWATER_HOME", home.toString());
            Process p = b.start();
            // drained from the start, so a chatty stderr never blocks the demo
            CompletableFuture<List<String>> err = CompletableFuture.supplyAsync(() -> p.errorReader().lines()
                    .filter(l -> !l.startsWith("WARNING:")).toList(), OWN_THREAD); // the JDK's, not ours
            try {
                return new Demo(p, firstLine(p.inputReader()), err);
            } catch (Exception | AssertionError e) {
                kill(p);
                throw e;
            }
        }

        /** What the demo said on stderr, once it has ended. */
        List<String> stderr() throws Exception {
            return err.get(30, TimeUnit.SECONDS);
        }

        void kill() {
            kill(process);
        }

        /** The launcher runs the demo in a JVM of its own, which runs the registry: all of them go. */
        private static void kill(Process p) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /**
     * Each blocking read on a thread of its own: the common pool has a single thread on a two-core machine,
     * which the stderr reader would hold.
     */
    private static final Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

    /** The first line, within two minutes (the registry is a JVM that takes a while to come up). */
    private static String firstLine(BufferedReader r) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line = r.readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                return "";
            }
        }, OWN_THREAD).get(120, TimeUnit.SECONDS);
    }

    private static boolean isRegistry(ProcessHandle h) {
        return h.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false)
                || h.info().arguments().map(a -> List.of(a).contains("quarkus-run.jar")).orElse(false);
    }

    /**
     * Reads a topic from its start until records framed with {@code count} schema ids have come, each in
     * Confluent's framing (magic byte 0, then the id); returns the ids.
     */
    private static Set<Integer> framedIds(String bootstrap, String topic, int count) {
        Set<Integer> ids = new TreeSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, DemoTopics.REGISTRY_PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (ids.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    byte[] v = r.value();
                    assertTrue(v.length > 5 && v[0] == 0, "Confluent's framing at " + r.partition() + "@" + r.offset());
                    ids.add(ByteBuffer.wrap(v, 1, 4).getInt());
                }
            }
        }
        assertTrue(ids.size() >= count, topic + " framed with " + count + " schema ids or more: " + ids);
        return ids;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
