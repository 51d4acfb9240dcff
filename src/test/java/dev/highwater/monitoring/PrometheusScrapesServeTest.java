package dev.highwater.monitoring;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.highwater.cli.HighwaterCommand;
import dev.highwater.kafka.EmbeddedKafka;
import dev.highwater.metrics.LagMetricNames;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The lag service as a team runs it: {@code highwater serve} against a real broker, a real Prometheus scraping it
 * every second with the shipped alerting rules loaded, and the shipped dashboard's queries sent to that
 * Prometheus. A group is made to lag by committing an offset behind records produced ten minutes ago, so its lag
 * in seconds is known to the second and over the lag alert's threshold. Last, the service stops, and the alert for
 * a service Prometheus cannot scrape is on its way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapesServeTest {

    private static final String TOPIC = "payments";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 20;
    private static final int COMMITTED = 5;
    private static final Duration AGE = Duration.ofMinutes(10);
    private static final Duration LIMIT = Duration.ofSeconds(25);

    private static EmbeddedKafka kafka;
    private static long producedAtMillis;
    private static Thread serve;
    private static final StringWriter serveOut = new StringWriter();
    private static final StringWriter serveErr = new StringWriter();
    private static int servePort;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        producedAtMillis = System.currentTimeMillis() - AGE.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, producedAtMillis, "k" + i, "v" + i));
                }
            }
            producer.flush();
            // the group read five records of each partition ten minutes ago, and has read nothing since
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                offsets.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(COMMITTED));
            }
            admin.alterConsumerGroupOffsets(GROUP, offsets).all().get();
        }

        servePort = LocalPorts.free();
        CommandLine cl = HighwaterCommand.commandLine();
        cl.setOut(new PrintWriter(serveOut, true));
        cl.setErr(new PrintWriter(serveErr, true));
        serve = Thread.ofPlatform().name("highwater-serve").start(() -> cl.execute("serve",
                "--bootstrap", kafka.bootstrapServers(), "--port", String.valueOf(servePort), "--interval", "1"));
        awaitHealthy();

        prometheus = PrometheusServer.start("127.0.0.1:" + servePort, AlertingRulesTest.RULES);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close(); // fails when Prometheus does not end cleanly on SIGTERM
            }
        } finally {
            if (serve != null) {
                serve.interrupt();
                serve.join(15_000);
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void prometheusHasTheLagInSecondsOfTheGroupThatLags() throws Exception {
        JsonObject series = awaitOne(LagMetricNames.GROUP_LAG_SECONDS + "{group=\"" + GROUP + "\"}");
        double lagSeconds = value(series);
        double oldestAge = (System.currentTimeMillis() - producedAtMillis) / 1000.0;

        // the oldest unconsumed record was produced AGE ago; the service read its age at a refresh a second or
        // two ago (more on a busy machine), never later than now
        assertTrue(lagSeconds >= oldestAge - 15 && lagSeconds <= oldestAge + 1,
                "lag in seconds " + lagSeconds + ", the oldest unconsumed record is " + oldestAge + " s old");
        JsonObject labels = series.getAsJsonObject("metric");
        assertEquals("highwater", labels.get("job").getAsString());
        assertEquals("127.0.0.1:" + servePort, labels.get("instance").getAsString());
        assertTrue(labels.has(LagMetricNames.CLUSTER), labels.toString());

        JsonObject lag = awaitOne(LagMetricNames.GROUP_LAG + "{group=\"" + GROUP + "\"}");
        assertEquals(PARTITIONS * (RECORDS - COMMITTED), value(lag), 0.0);
    }

    @Test
    void theRulesLoadAndEvaluateHealthyAndTheLagAlertIsOnItsWay() throws Exception {
        int alerts = AlertingRulesTest.alerts().size();
        JsonArray rules = await("every rule evaluated", () -> {
            JsonArray all = new JsonArray();
            prometheus.rules().getAsJsonObject("data").getAsJsonArray("groups")
                    .forEach(g -> all.addAll(g.getAsJsonObject().getAsJsonArray("rules")));
            return all;
        }, all -> all.size() == alerts && all.asList().stream()
                .noneMatch(r -> r.getAsJsonObject().get("health").getAsString().equals("unknown")));
        for (JsonElement r : rules) {
            JsonObject rule = r.getAsJsonObject();
            assertEquals("ok", rule.get("health").getAsString(),
                    rule.get("name") + ": " + rule.get("lastError") + "\n" + prometheus.log());
        }

        // over five minutes behind: HighwaterGroupLagging holds its 10 minutes before it fires
        JsonObject lagging = await("HighwaterGroupLagging pending for " + GROUP, () -> rule(rules(), "HighwaterGroupLagging"),
                rule -> rule.getAsJsonArray("alerts").size() == 1);
        JsonObject alert = lagging.getAsJsonArray("alerts").get(0).getAsJsonObject();
        assertEquals("pending", alert.get("state").getAsString());
        assertEquals(GROUP, alert.getAsJsonObject("labels").get("group").getAsString());
        String summary = alert.getAsJsonObject("annotations").get("summary").getAsString();
        assertTrue(summary.startsWith("Consumer group " + GROUP + " on "), summary);
        assertTrue(rule(rules(), "HighwaterClusterUnreachable").getAsJsonArray("alerts").isEmpty());
        assertTrue(rule(rules(), "HighwaterServiceDown").getAsJsonArray("alerts").isEmpty());
    }

    @Test
    void everyDashboardQueryIsAcceptedByPrometheus() throws Exception {
        awaitOne(LagMetricNames.GROUP_LAG_SECONDS + "{group=\"" + GROUP + "\"}");
        GrafanaDashboard dashboard = GrafanaDashboard.read();
        List<String> refused = new ArrayList<>();
        Map<String, JsonArray> answers = new HashMap<>();
        for (GrafanaDashboard.Query q : dashboard.queries()) {
            String expr = q.substituted(".*", GROUP);
            JsonObject answer = prometheus.query(expr);
            if (!"success".equals(answer.get("status").getAsString())) {
                refused.add(q.panel() + " " + q.refId() + ": " + expr + " -> " + answer.get("error"));
            } else {
                answers.put(q.panel() + " " + q.refId(), answer.getAsJsonObject("data").getAsJsonArray("result"));
            }
        }
        assertEquals(List.of(), refused);

        JsonArray headline = answers.get("Lag in seconds per group A");
        assertEquals(1, headline.size(), headline.toString());
        assertEquals(GROUP, headline.get(0).getAsJsonObject().getAsJsonObject("metric").get("group").getAsString());
        Set<String> partitions = new HashSet<>();
        answers.get("Lag in seconds per partition of $group A").forEach(s ->
                partitions.add(s.getAsJsonObject().getAsJsonObject("metric").get("partition").getAsString()));
        assertEquals(Set.of("0", "1", "2"), partitions);
    }

    /** Last: it stops the service, as a crash or a host going away would, and Prometheus notices. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenTheServiceStopsTheAlertForItIsOnItsWay() throws Exception {
        serve.interrupt();
        serve.join(15_000);
        assertFalse(serve.isAlive(), "serve did not stop; stderr: " + serveErr);

        JsonObject down = await("HighwaterServiceDown pending", () -> rule(rules(), "HighwaterServiceDown"),
                rule -> rule.getAsJsonArray("alerts").size() == 1);
        JsonObject alert = down.getAsJsonArray("alerts").get(0).getAsJsonObject();
        assertEquals("pending", alert.get("state").getAsString());
        assertEquals("127.0.0.1:" + servePort, alert.getAsJsonObject("labels").get("instance").getAsString());
    }

    private static JsonObject rules() throws Exception {
        return prometheus.rules();
    }

    private static JsonObject rule(JsonObject rules, String name) {
        for (JsonElement g : rules.getAsJsonObject("data").getAsJsonArray("groups")) {
            for (JsonElement r : g.getAsJsonObject().getAsJsonArray("rules")) {
                if (r.getAsJsonObject().get("name").getAsString().equals(name)) {
                    return r.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("no rule " + name + " loaded");
    }

    /** The one series an instant query answers with, waiting for Prometheus to have scraped it. */
    private static JsonObject awaitOne(String promql) throws Exception {
        JsonArray result = await(promql + " in Prometheus",
                () -> prometheus.query(promql).getAsJsonObject("data").getAsJsonArray("result"), r -> r.size() == 1);
        return result.get(0).getAsJsonObject();
    }

    private static double value(JsonObject series) {
        return Double.parseDouble(series.getAsJsonArray("value").get(1).getAsString());
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        return fail("gave up waiting for " + what + "; last answer: " + last + "\nserve's stderr: " + serveErr
                + "\nPrometheus's targets: " + prometheus.targets());
    }

    private static void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servePort + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline && serve.isAlive()) {
            try {
                if (http.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        fail("highwater serve did not answer /healthz; alive " + serve.isAlive() + "; stderr: " + serveErr
                + "; stdout: " + serveOut);
    }
}
