package dev.highwater.metrics;

import dev.highwater.app.Adapters;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.serve.GroupFilter;
import dev.highwater.core.serve.LagServer;
import dev.highwater.core.serve.ServeSettings;
import dev.highwater.core.serve.ServedCluster;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.highwater.metrics.LagMetricNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lag service against a real broker, scraped over real HTTP on loopback as Prometheus scrapes it: the values
 * of a group made to lag (lag in seconds from the record's own time), unknown values left out, status, hot
 * partitions, the per-partition switch, --include/--exclude, a cluster that does not answer beside one that
 * does, and a broker stopped and started again.
 */
class LagServerMetricsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final Duration FAST = Duration.ofMillis(200);
    /** How far in the past the oldest record billing has not consumed was written. */
    private static final long AGE_MILLIS = 120_000;

    private static EmbeddedKafka kafka;
    private static long producedAt;

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    /**
     * payments (2 partitions, 10 records each, those of partition 0 stamped two minutes ago): billing committed 0
     * on partition 0 only. orders (4 partitions): shipping 300 behind on partition 0 and caught up on the others.
     */
    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(0, null);
        try (Admin admin = admin(kafka.bootstrapServers()); KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("payments", 2, (short) 1), new NewTopic("orders", 4, (short) 1)))
                    .all().get(20, TimeUnit.SECONDS);
            producedAt = System.currentTimeMillis();
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>("payments", 0, producedAt - AGE_MILLIS + i, "k" + i, "v")).get();
                p.send(new ProducerRecord<>("payments", 1, "k" + i, "v")).get();
            }
            for (int i = 0; i < 300; i++) {
                p.send(new ProducerRecord<>("orders", 0, "k", "v"));
            }
            for (int part = 1; part < 4; part++) {
                for (int i = 0; i < 10; i++) {
                    p.send(new ProducerRecord<>("orders", part, "k", "v"));
                }
            }
            p.flush();
            commit(admin, "billing", Map.of(new TopicPartition("payments", 0), 0L));
            commit(admin, "shipping", Map.of(new TopicPartition("orders", 0), 0L, new TopicPartition("orders", 1), 10L,
                    new TopicPartition("orders", 2), 10L, new TopicPartition("orders", 3), 10L));
            commit(admin, "billing-old", Map.of(new TopicPartition("payments", 1), 10L));
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> o = new HashMap<>();
        offsets.forEach((tp, offset) -> o.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, o).all().get(20, TimeUnit.SECONDS);
    }

    private LagServer serve(List<ServedCluster> clusters, GroupFilter groups, boolean partitionSeries) {
        return LagServer.start(clusters, new ServeSettings(FAST, groups, "127.0.0.1", 0, partitionSeries),
                Adapters.real(dir).offsets(), Adapters.real(dir).lagEndpoints(), notices::add, Clock.systemUTC());
    }

    private static ServedCluster cluster(String name, String bootstrap) {
        return new ServedCluster(name, ClientSettings.of(bootstrap));
    }

    private static boolean answered(Scrape s, String cluster) {
        return s.value(CLUSTER_UP, CLUSTER, cluster).orElse(0.0) == 1.0;
    }

    @Test
    void aLaggingGroupsPartitionHasItsOffsetsLagAndExactLagInSecondsAndUnknownValuesAreLeftOut() throws Exception {
        try (LagServer server = serve(List.of(cluster("main", kafka.bootstrapServers())), GroupFilter.all(), true)) {
            Scrape s = Scrape.until(server.metricsUri(), x -> answered(x, "main")
                    && x.has(GROUP_CONSUME_RATE, GROUP, "shipping"), PATIENCE, "rates of shipping");
            long elapsed = System.currentTimeMillis() - producedAt;
            String[] p0 = {CLUSTER, "main", GROUP, "billing", TOPIC, "payments", PARTITION, "0"};
            assertEquals(0.0, s.value(PARTITION_COMMITTED_OFFSET, p0).orElseThrow());
            assertEquals(10.0, s.value(PARTITION_END_OFFSET, p0).orElseThrow());
            assertEquals(10.0, s.value(PARTITION_LAG, p0).orElseThrow());
            double lagSeconds = s.value(PARTITION_LAG_SECONDS, p0).orElseThrow();
            assertTrue(lagSeconds >= AGE_MILLIS / 1000.0 && lagSeconds <= (AGE_MILLIS + elapsed) / 1000.0,
                    "the age of the record at offset 0, written " + AGE_MILLIS + " ms before the test began "
                            + elapsed + " ms ago: " + lagSeconds);
            assertEquals(lagSeconds, s.value(GROUP_LAG_SECONDS, CLUSTER, "main", GROUP, "billing").orElseThrow());
            assertEquals(0.0, s.value(PARTITION_PRODUCE_RATE, p0).orElseThrow(), "nothing written since");
            assertEquals(0.0, s.value(PARTITION_CONSUME_RATE, p0).orElseThrow(), "nothing committed since");
            assertFalse(s.has(PARTITION_TIME_TO_DRAIN, p0), "a lag that does not shrink has no time to drain");

            String[] p1 = {CLUSTER, "main", GROUP, "billing", TOPIC, "payments", PARTITION, "1"};
            assertEquals(10.0, s.value(PARTITION_END_OFFSET, p1).orElseThrow());
            for (String unknown : List.of(PARTITION_COMMITTED_OFFSET, PARTITION_LAG, PARTITION_LAG_SECONDS,
                    PARTITION_CONSUME_RATE)) {
                assertFalse(s.has(unknown, p1), unknown + ": billing never committed on partition 1, so unknown, not 0");
            }
            assertEquals(10.0, s.value(GROUP_LAG, CLUSTER, "main", GROUP, "billing").orElseThrow());
            assertEquals(2.0, s.value(GROUP_PARTITIONS, CLUSTER, "main", GROUP, "billing").orElseThrow());
            assertEquals(0.0, s.value(GROUP_MEMBERS, CLUSTER, "main", GROUP, "billing").orElseThrow());
            assertEquals(s.all(GROUP_MEMBERS, CLUSTER, "main").size(), s.value(CLUSTER_GROUPS, CLUSTER, "main").orElseThrow(),
                    "every group has its series");
            assertTrue(s.value(REFRESHES + "_total", CLUSTER, "main").orElseThrow() >= 2);
            assertEquals(0.0, s.value(REFRESH_ERRORS + "_total", CLUSTER, "main").orElseThrow());
            double lastSuccess = s.value(REFRESH_LAST_SUCCESS, CLUSTER, "main").orElseThrow();
            assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - lastSuccess) < 30, "seconds since 1970: " + lastSuccess);
            assertTrue(s.value(REFRESH_DURATION, CLUSTER, "main").orElseThrow() > 0);
            assertTrue(s.contentType().startsWith("application/openmetrics-text"), s.contentType());

            String[] shipping = {CLUSTER, "main", GROUP, "shipping"};
            assertEquals(1.0, s.value(PARTITION_HOT, CLUSTER, "main", GROUP, "shipping", TOPIC, "orders", PARTITION, "0")
                    .orElseThrow(), "300 behind where the others are caught up");
            assertEquals(1, s.all(PARTITION_HOT).size(), "only hot partitions have the series: " + s.all(PARTITION_HOT));
            assertEquals(1.0, s.value(GROUP_HOT_PARTITIONS, shipping).orElseThrow());
            assertEquals(4, s.all(GROUP_STATUS, shipping).size(), "one series per status");
            assertEquals(1.0, s.all(GROUP_STATUS, shipping).stream().mapToDouble(Scrape.Sample::value).sum());
            for (String name : s.samples().stream().map(Scrape.Sample::name).distinct().toList()) {
                assertTrue(ALL.contains(name.replaceFirst("_total$", "")), name + " is not in LagMetricNames");
            }
        }
    }

    @Test
    void aGroupWhoseCommittedOffsetStandsStillWhileRecordsArriveIsStalled() throws Exception {
        try (Admin admin = admin(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic("events", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
            try (KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>("events", "k", "v")).get();
            }
            commit(admin, "stuck", Map.of(new TopicPartition("events", 0), 0L));
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread traffic = Thread.ofPlatform().start(() -> {
            try (KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
                while (producing.get()) {
                    p.send(new ProducerRecord<>("events", "k", "v")).get();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (LagServer server = serve(List.of(cluster("main", kafka.bootstrapServers())),
                GroupFilter.of(List.of("stuck"), List.of()), true)) {
            String[] stuck = {CLUSTER, "main", GROUP, "stuck"};
            Scrape s = Scrape.until(server.metricsUri(), x -> x.value(GROUP_STATUS, CLUSTER, "main", GROUP, "stuck",
                    STATUS, "STALLED").orElse(0.0) == 1.0, PATIENCE, "stuck judged STALLED");
            for (String other : List.of("OK", "LAGGING", "EMPTY")) {
                assertEquals(0.0, s.value(GROUP_STATUS, CLUSTER, "main", GROUP, "stuck", STATUS, other).orElseThrow());
            }
            assertTrue(s.value(GROUP_PRODUCE_RATE, stuck).orElseThrow() > 0, "records keep arriving");
            assertEquals(0.0, s.value(GROUP_CONSUME_RATE, stuck).orElseThrow());
            assertFalse(s.has(GROUP_TIME_TO_DRAIN, stuck), "it never drains at this rate");
        } finally {
            producing.set(false);
            traffic.join(10_000);
        }
    }

    @Test
    void withoutPartitionSeriesTheGroupsAndTheHotPartitionsStay() throws Exception {
        try (LagServer server = serve(List.of(cluster("main", kafka.bootstrapServers())), GroupFilter.all(), false)) {
            Scrape s = Scrape.until(server.metricsUri(), x -> answered(x, "main"), PATIENCE, "a refresh");
            for (String name : List.of(PARTITION_COMMITTED_OFFSET, PARTITION_END_OFFSET, PARTITION_LAG,
                    PARTITION_LAG_SECONDS, PARTITION_PRODUCE_RATE, PARTITION_CONSUME_RATE, PARTITION_TIME_TO_DRAIN)) {
                assertFalse(s.has(name), name + " is a per-partition series");
            }
            assertEquals(1.0, s.value(PARTITION_HOT, CLUSTER, "main", GROUP, "shipping", TOPIC, "orders", PARTITION, "0")
                    .orElseThrow(), "a hot partition is still named");
            assertEquals(10.0, s.value(GROUP_LAG, CLUSTER, "main", GROUP, "billing").orElseThrow());
            assertTrue(s.value(GROUP_LAG_SECONDS, CLUSTER, "main", GROUP, "billing").orElseThrow() >= AGE_MILLIS / 1000.0);
        }
    }

    @Test
    void includeAndExcludeChooseTheGroupsWatched() throws Exception {
        try (LagServer server = serve(List.of(cluster("main", kafka.bootstrapServers())),
                GroupFilter.of(List.of("bill.*", "ship"), List.of(".*-old")), true)) {
            Scrape s = Scrape.until(server.metricsUri(), x -> answered(x, "main"), PATIENCE, "a refresh");
            assertEquals(List.of("billing"), s.all(GROUP_LAG).stream().map(x -> x.labels().get(GROUP)).toList(),
                    "bill.* takes billing and billing-old, .*-old leaves billing-old out, 'ship' matches no whole name");
            assertEquals(1.0, s.value(CLUSTER_GROUPS, CLUSTER, "main").orElseThrow());
            assertTrue(s.all(PARTITION_LAG).stream().allMatch(x -> x.labels().get(GROUP).equals("billing")));
        }
    }

    @Test
    void aClusterThatDoesNotAnswerIsUpZeroWithErrorsAndTheOtherIsStillServed() throws Exception {
        String nowhere = "127.0.0.1:" + LocalPorts.free();
        try (LagServer server = serve(List.of(cluster("live", kafka.bootstrapServers()), cluster("gone", nowhere)),
                GroupFilter.all(), true)) {
            Scrape s = Scrape.until(server.metricsUri(), x -> answered(x, "live")
                    && x.value(REFRESH_ERRORS + "_total", CLUSTER, "gone").orElse(0.0) >= 1, PATIENCE,
                    "live answering and gone failing");
            assertEquals(0.0, s.value(CLUSTER_UP, CLUSTER, "gone").orElseThrow());
            List<String> families = s.body().lines().filter(l -> l.startsWith("# TYPE ")).toList();
            assertEquals(families.stream().distinct().count(), families.size(),
                    "each series is one family, whatever the number of clusters: " + families);
            assertEquals(s.value(REFRESHES + "_total", CLUSTER, "gone").orElseThrow(),
                    s.value(REFRESH_ERRORS + "_total", CLUSTER, "gone").orElseThrow(), "every refresh failed");
            assertFalse(s.has(REFRESH_LAST_SUCCESS, CLUSTER, "gone"), "it never answered");
            assertFalse(s.has(GROUP_LAG, CLUSTER, "gone"));
            assertFalse(s.has(CLUSTER_GROUPS, CLUSTER, "gone"), "how many groups it has is not known");
            assertEquals(10.0, s.value(GROUP_LAG, CLUSTER, "live", GROUP, "billing").orElseThrow());
            assertTrue(notices.stream().anyMatch(n -> n.startsWith("cluster gone does not answer: ")
                    && n.contains(nowhere) && n.endsWith("; trying again every 0.2 s")), notices.toString());
            assertTrue(notices.stream().noneMatch(n -> n.contains("cluster live")), notices.toString());
        }
    }

    @Test
    void aBrokerStoppedAndStartedAgainIsReportedDownThenServedAgainWithoutARestart() throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(0, dir.resolve("broker"));
        int port = broker.port();
        try {
            try (Admin admin = admin(broker.bootstrapServers());
                 KafkaProducer<String, String> p = producer(broker.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
                for (int i = 0; i < 7; i++) {
                    p.send(new ProducerRecord<>("payments", "k", "v")).get();
                }
                commit(admin, "billing", Map.of(new TopicPartition("payments", 0), 2L));
            }
            try (LagServer server = serve(List.of(cluster("restarting", broker.bootstrapServers())), GroupFilter.all(),
                    true)) {
                URI metrics = server.metricsUri();
                Scrape.until(metrics, x -> x.value(GROUP_LAG, CLUSTER, "restarting", GROUP, "billing").orElse(0.0) == 5,
                        PATIENCE, "billing 5 behind");
                broker.close();
                Scrape down = Scrape.until(metrics, x -> x.value(CLUSTER_UP, CLUSTER, "restarting").orElse(1.0) == 0,
                        PATIENCE, "the cluster down");
                assertFalse(down.has(GROUP_LAG), "values of before the outage are not shown as current: " + down);
                assertFalse(down.has(PARTITION_LAG));
                assertTrue(down.value(REFRESH_ERRORS + "_total", CLUSTER, "restarting").orElseThrow() >= 1);
                double lastSuccess = down.value(REFRESH_LAST_SUCCESS, CLUSTER, "restarting").orElseThrow();

                broker = EmbeddedKafka.start(port, dir.resolve("broker"));
                Scrape back = Scrape.until(metrics, x -> x.value(CLUSTER_UP, CLUSTER, "restarting").orElse(0.0) == 1
                        && x.has(GROUP_LAG), PATIENCE, "the cluster back");
                assertEquals(5.0, back.value(GROUP_LAG, CLUSTER, "restarting", GROUP, "billing").orElseThrow());
                assertTrue(back.value(REFRESH_LAST_SUCCESS, CLUSTER, "restarting").orElseThrow() > lastSuccess);
                assertTrue(notices.contains("cluster restarting answers again"), notices.toString());
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void healthzAnswersWhileTheServiceRunsAndTheTextFormatIsServedToWhoAsksForIt() throws Exception {
        try (LagServer server = serve(List.of(cluster("main", kafka.bootstrapServers())), GroupFilter.all(), true)) {
            URI healthz = server.metricsUri().resolve("/healthz");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(healthz).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("ok\n", r.body());
            Scrape text = Scrape.of(server.metricsUri(), "text/plain;version=0.0.4");
            assertTrue(text.contentType().startsWith("text/plain; version=0.0.4"), text.contentType());
            assertTrue(text.has(REFRESHES + "_total", CLUSTER, "main"), text.toString());
        }
        assertTrue(Files.notExists(dir.resolve("resets")), "the service keeps no files");
    }
}
