package dev.highwater.core.notify;

import dev.highwater.core.lag.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue never makes the caller wait, drops its oldest when full and says so, and reports a failure once. */
class AlertOutboxTest {

    private AlertOutbox outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    private static AlertEvent event(int n) {
        return AlertEvent.raised(new Alert("k" + n, Alert.Severity.WARNING, "g", "m" + n, n, null), "b", "p");
    }

    /** Holds every delivery until released; records what it got. */
    private static final class GatedChannel implements AlertChannel {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch first = new CountDownLatch(1);
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public String describe() {
            return "the gated channel";
        }

        @Override
        public String deliver(AlertEvent e) {
            first.countDown();
            try {
                gate.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            got.add(e.key());
            return "ok";
        }
    }

    @Test
    void aStuckChannelNeverBlocksTheCallerAndAFullQueueDropsItsOldestAndCountsThem() throws Exception {
        outbox = new AlertOutbox(3);
        GatedChannel stuck = new GatedChannel();
        outbox.offer(event(0), List.of(stuck));
        assertTrue(stuck.first.await(5, TimeUnit.SECONDS)); // the worker holds event 0
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) {
            outbox.offer(event(i), List.of(stuck));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1_000, "offering waited for the stuck channel: " + tookMillis + " ms");
        assertEquals(7, outbox.dropped(), "10 offered into room for 3");
        assertTrue(outbox.problems().getLast().startsWith("7 alerts were dropped"), outbox.problems().toString());
        stuck.gate.countDown();
        waitUntilIdle();
        assertEquals(List.of("k0", "k8", "k9", "k10"), stuck.got, "the newest kept, in order");
    }

    @Test
    void aFailingChannelIsOneSentenceHeardOnceUntilItWorksAgain() throws Exception {
        outbox = new AlertOutbox(100);
        AtomicBoolean failing = new AtomicBoolean(true);
        AlertChannel flaky = new AlertChannel() {
            @Override
            public String describe() {
                return "the webhook http://127.0.0.1:1/[hidden]";
            }

            @Override
            public String deliver(AlertEvent e) {
                if (failing.get()) {
                    throw new AlertDeliveryException("HTTP 404", "fix the URL in the profile");
                }
                return "HTTP 200";
            }
        };
        List<List<String>> heard = new CopyOnWriteArrayList<>();
        outbox.onProblems(heard::add);
        for (int i = 0; i < 20; i++) {
            outbox.offer(event(i), List.of(flaky));
        }
        waitUntilIdle();
        assertEquals(List.of(List.of("Alerts are not reaching the webhook http://127.0.0.1:1/[hidden]: HTTP 404; fix"
                + " the URL in the profile.")), heard, "twenty failures, one report");
        failing.set(false);
        outbox.offer(event(99), List.of(flaky));
        waitUntilIdle();
        assertEquals(2, heard.size());
        assertEquals(List.of(), heard.getLast(), "it works again: the report is gone");
        assertEquals(List.of(), outbox.problems());
    }

    private void waitUntilIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!outbox.idle() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(outbox.idle(), "the queue did not drain");
    }
}
