package dev.highwater.notify;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.Secret;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.lag.KeySampleSource;
import dev.highwater.core.lag.LagService;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.notify.AlertForwarder;
import dev.highwater.kafka.TestBroker;
import dev.highwater.kafka.TestTopics;
import dev.highwater.kafka.lag.KafkaOffsetsSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real group's lag on a real broker raises the console's alert, and a webhook receiver on loopback gets it once
 * when raised and once when cleared; a webhook that fails is one sentence, never a slower refresh.
 */
class AlertsEndToEndTest {

    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final Duration INTERVAL = Duration.ofMillis(250);
    /** Over 10 offsets a group's lag is critical, so 50 unread records raise the alert. */
    private static final LagSettings LOW = new LagSettings(INTERVAL, 3.0, 100, 10, Duration.ofSeconds(2), 0.2, 100);
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static final KeySampleSource NO_KEYS = new KeySampleSource() {
        @Override
        public List<SampledKey> sample(String topic, int perPartition) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    private static LagService watching(Set<String> groups) {
        LagService lag = new LagService(new KafkaOffsetsSource(broker.client(), Clock.systemUTC()), NO_KEYS, null,
                broker.bootstrapServers(), LOW, Clock.systemUTC());
        lag.select(groups);
        return lag;
    }

    private static ConnectionProfile profile(String name, String webhook) {
        return ConnectionProfile.plain(name, broker.bootstrapServers(), "").withWebhook(new Secret(webhook, true));
    }

    private static AlertForwarder forwarder() {
        return new AlertForwarder(new NotifyChannels(), SecretResolver.system(), Clock.systemUTC(),
                Duration.ofSeconds(2), 100);
    }

    @Test
    void aLaggingGroupsAlertReachesTheWebhookOnceRaisedThenOnceClearedWhenItCatchesUp() throws Exception {
        TestTopics.fill(broker.client(), "payments", 1, 50, Instant.now().minusSeconds(60), Duration.ofMillis(10));
        TestTopics.commit(broker.client(), "billing", "payments", 1, 0);
        try (WebhookReceiver receiver = new WebhookReceiver();
             AlertForwarder forwarder = forwarder();
             LagService lag = watching(Set.of("billing"))) {
            forwarder.watch(profile("prod", receiver.url()), broker.bootstrapServers(), lag);
            lag.start();

            List<String> raised = receiver.awaitEvents(e -> e.contains("raised total-lag:billing"), WITHIN);
            assertTrue(raised.contains("raised total-lag:billing"), raised.toString());
            Thread.sleep(INTERVAL.toMillis() * 6); // more refreshes while the alert holds: nothing more is sent
            assertEquals(1, Collections.frequency(receiver.events(), "raised total-lag:billing"), receiver.events()
                    .toString());
            var body = receiver.bodies().get(receiver.events().indexOf("raised total-lag:billing"));
            assertTrue(body.get("text").getAsString().startsWith("CRITICAL raised on prod (" + broker.bootstrapServers()
                    + "): billing: total lag 50 is over the critical 10"), body.get("text").getAsString());

            // the console connects again: a new watcher whose alert book raises the same alert anew
            lag.close();
            try (LagService again = watching(Set.of("billing"))) {
                forwarder.watch(profile("prod", receiver.url()), broker.bootstrapServers(), again);
                again.start();
                Thread.sleep(INTERVAL.toMillis() * 12);
                assertEquals(1, Collections.frequency(receiver.events(), "raised total-lag:billing"),
                        "still active after the reconnection: not sent again: " + receiver.events());

                TestTopics.commit(broker.client(), "billing", "payments", 1, 50); // the group catches up
                List<String> cleared = receiver.awaitEvents(e -> e.contains("cleared total-lag:billing"), WITHIN);
                assertTrue(cleared.contains("cleared total-lag:billing"), cleared.toString());
                Thread.sleep(INTERVAL.toMillis() * 6);
            }
            List<String> all = receiver.events();
            assertEquals(List.of("raised total-lag:billing", "cleared total-lag:billing"),
                    all.stream().filter(e -> e.endsWith("total-lag:billing")).toList());
            for (String e : all) {
                assertEquals(1, Collections.frequency(all, e), "each event once: " + all);
            }
            assertEquals(List.of(), forwarder.problems());
        }
    }

    @Test
    void aRefusedThenFailingWebhookIsReportedOnceAndTheRefreshesKeepTheirPace() throws Exception {
        TestTopics.fill(broker.client(), "orders", 1, 50, Instant.now().minusSeconds(60), Duration.ofMillis(10));
        Set<String> groups = Set.of("audit-1", "audit-2", "audit-3", "audit-4");
        for (String g : groups) {
            TestTopics.commit(broker.client(), g, "orders", 1, 0);
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        List<Long> refreshTimes = new CopyOnWriteArrayList<>();
        List<List<String>> heard = new CopyOnWriteArrayList<>();
        try (AlertForwarder forwarder = forwarder(); LagService lag = watching(groups)) {
            forwarder.onProblems(heard::add);
            lag.subscribe(r -> refreshTimes.add(r.atMillis()));
            forwarder.watch(profile("refused", "http://127.0.0.1:" + closedPort + "/hook/s3cr3t"),
                    broker.bootstrapServers(), lag);
            lag.start();
            awaitProblems(forwarder); // four groups over the threshold: four alerts, each refused
            Thread.sleep(INTERVAL.toMillis() * 4);
            assertEquals(List.of(List.of("Alerts are not reaching the webhook http://127.0.0.1:" + closedPort
                    + "/[hidden]: connection refused; check that the receiver is up and the URL's host and port.")),
                    heard, "one report for every alert refused");
        }

        heard.clear();
        refreshTimes.clear();
        try (WebhookReceiver failing = new WebhookReceiver();
             AlertForwarder forwarder = forwarder(); LagService lag = watching(groups)) {
            failing.answer(500, "internal error");
            failing.delay(Duration.ofSeconds(4)); // and slow: each alert takes four seconds to fail
            forwarder.onProblems(heard::add);
            lag.subscribe(r -> refreshTimes.add(r.atMillis()));
            forwarder.watch(profile("failing", failing.url()), broker.bootstrapServers(), lag);
            lag.start();
            List<String> got = failing.awaitEvents(e -> e.size() >= 4, WITHIN);
            assertTrue(got.size() >= 4, got.toString());
            awaitProblems(forwarder);
            String port = failing.url().split(":")[2].split("/")[0];
            assertEquals(List.of(List.of("Alerts are not reaching the webhook http://127.0.0.1:" + port
                    + "/[hidden]: HTTP 500 (internal error); the receiver failed; it is tried again with the next"
                    + " alert.")), heard, "one report for four failures");
            // the webhook took 4 s an alert, 16 s in all: the refreshes went on every 250 ms meanwhile
            List<Long> times = new ArrayList<>(refreshTimes);
            assertTrue(times.size() >= 20, "refreshes while the webhook failed slowly: " + times.size());
            for (int i = 1; i < times.size(); i++) {
                long gap = times.get(i) - times.get(i - 1);
                assertTrue(gap < 3_000, "a refresh waited " + gap + " ms for the webhook");
            }

            failing.delay(Duration.ZERO);
            failing.answer(200, "ok");
            for (String g : groups) {
                TestTopics.commit(broker.client(), g, "orders", 1, 50); // caught up: cleared alerts, delivered
            }
            List<String> after = failing.awaitEvents(e -> e.stream().filter(x -> x.startsWith("cleared total-lag"))
                    .count() == 4, WITHIN);
            assertEquals(4, after.stream().filter(x -> x.startsWith("cleared total-lag")).count(), after.toString());
            awaitNoProblems(forwarder);
            assertEquals(List.of(), heard.getLast(), "working again: the report is gone");
        }
    }

    @Test
    void aWebhookReferenceThatCannotBeResolvedIsSaidOnceWhenTheConnectionIsWatched() {
        try (AlertForwarder forwarder = forwarder(); LagService lag = watching(Set.of("nobody"))) {
            forwarder.watch(profile("prod", "${env:HIGHWATER_TEST_UNSET_WEBHOOK}"), broker.bootstrapServers(), lag);
            assertEquals(List.of("Alerts are not sent to the webhook of prod: The environment variable"
                    + " HIGHWATER_TEST_UNSET_WEBHOOK is not set (the webhook URL of profile prod refers to it as"
                    + " ${env:HIGHWATER_TEST_UNSET_WEBHOOK}); set it before starting Highwater, or change the"
                    + " reference."), forwarder.problems());
            forwarder.watch(profile("quiet", ""), broker.bootstrapServers(), lag);
            assertEquals(List.of(), forwarder.problems(), "another profile's connection: that sentence is gone");
        }
    }

    private static void awaitProblems(AlertForwarder forwarder) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while ((forwarder.problems().isEmpty() || !forwarder.outbox().idle()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(forwarder.outbox().idle(), "the alerts were not all tried");
    }

    private static void awaitNoProblems(AlertForwarder forwarder) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!forwarder.problems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), forwarder.problems());
    }
}
