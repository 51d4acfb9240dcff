package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's schedule: the first refresh samples hot keys and prunes stored history at once, and a new
 * refresh interval takes effect at once, without a second schedule.
 */
class LagServiceTest {

    /** Counts reads of a connected cluster with one group on a one-partition topic. */
    private static class CountingSource implements OffsetsSource {
        final AtomicInteger reads = new AtomicInteger();
        final FakeCluster cluster = new FakeCluster().topic("orders", 1);

        CountingSource() {
            cluster.produce("orders", 10);
            cluster.group("billing").commit(FakeCluster.p("orders", 0), 5);
        }

        @Override
        public Set<String> groups() {
            return Set.of();
        }

        @Override
        public OffsetsSnapshot read(Set<String> groups) {
            reads.incrementAndGet();
            return cluster.snapshot(System.currentTimeMillis());
        }

        @Override
        public void close() {
        }
    }

    private static final KeySampleSource ONE_KEY = new KeySampleSource() {
        @Override
        public List<SampledKey> sample(String topic, int perPartition) {
            return Collections.nCopies(200, new SampledKey(topic, 0, "acct-1"));
        }

        @Override
        public void close() {
        }
    };

    /** Counts prunes; keeps nothing. */
    private static final class PruneCounter implements LagHistoryStore {
        final AtomicInteger prunes = new AtomicInteger();

        @Override
        public void append(String cluster, List<Kept> refreshes) {
        }

        @Override
        public List<LagSample> since(String cluster, String group, long fromMillis) {
            return List.of();
        }

        @Override
        public int pruneBefore(long millis) {
            prunes.incrementAndGet();
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static LagService service(CountingSource source, Duration interval) {
        return service(source, null, interval);
    }

    private static LagService service(CountingSource source, LagHistoryStore store, Duration interval) {
        return service(source, store, interval, new ManualScheduler());
    }

    private static LagService service(CountingSource source, LagHistoryStore store, Duration interval,
                                      java.util.concurrent.ScheduledExecutorService refresher) {
        LagSettings d = LagSettings.defaults();
        LagSettings settings = new LagSettings(interval, d.hotspotFactor(), d.hotspotMinLag(), d.criticalTotalLag(),
                d.statusWindow(), d.hotKeyShare(), d.historyCapacity());
        return new LagService(source, ONE_KEY, store, "test", settings, Clock.systemUTC(), refresher);
    }

    @Test
    void theFirstRefreshSamplesHotKeysAndPrunesStoredHistory() throws InterruptedException {
        PruneCounter store = new PruneCounter();
        try (LagService service = service(new CountingSource(), store, Duration.ofSeconds(1))) {
            service.refresh();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((service.hotKeys().isEmpty() || store.prunes.get() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("orders", service.hotKeys().getFirst().topic());
            assertTrue(service.hotKeys().getFirst().hasHotKey());
            assertEquals(1, store.prunes.get());
        }
    }

    @Test
    void aHotKeySampleThatOutlastsTheIntervalIsNotQueuedAgainBehindItself() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger samples = new AtomicInteger();
        KeySampleSource slow = new KeySampleSource() {
            @Override
            public List<SampledKey> sample(String topic, int perPartition) {
                samples.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        AtomicLong now = new AtomicLong(1_710_000_000_000L);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        try (LagService service = new LagService(new CountingSource(), slow, null, "test", LagSettings.defaults(),
                clock, new ManualScheduler())) {
            for (int i = 0; i < 4; i++) { // four intervals pass while the first sample is still reading
                service.refresh();
                now.addAndGet(LagService.HOT_KEY_INTERVAL.toMillis());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (samples.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            release.countDown();
            Thread.sleep(200);
            assertEquals(1, samples.get(), "one sample at a time, none queued behind it");
            service.refresh(); // the sample has finished: the next due refresh samples again
            deadline = System.nanoTime() + 5_000_000_000L;
            while (samples.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(2, samples.get());
        }
    }

    @Test
    void aShorterIntervalTakesEffectAtOnceAndALongerOneSlowsRefreshesDown() {
        CountingSource source = new CountingSource();
        ManualScheduler scheduler = new ManualScheduler();
        try (LagService service = service(source, null, Duration.ofMinutes(1), scheduler)) {
            service.start();
            scheduler.runDue();
            assertEquals(1, source.reads.get(), "the first refresh comes at once");
            scheduler.advance(Duration.ofSeconds(59));
            assertEquals(1, source.reads.get(), "the next a minute later");

            service.setRefreshInterval(Duration.ofMillis(50));
            scheduler.advance(Duration.ofMillis(49));
            assertEquals(1, source.reads.get(), "the new interval counts from the change");
            scheduler.advance(Duration.ofMillis(1));
            assertEquals(2, source.reads.get(), "one new interval after the change, not the rest of the minute");
            scheduler.advance(Duration.ofMillis(500));
            assertEquals(12, source.reads.get(), "ten more intervals of 50 ms, ten more refreshes");
            assertEquals(1, scheduler.pending(), "one chain of refreshes, the old one ended");
            assertEquals(Duration.ofMillis(50), service.refreshInterval());

            service.setRefreshInterval(Duration.ofMinutes(1));
            scheduler.advance(Duration.ofSeconds(59));
            assertEquals(12, source.reads.get(), "no refresh until a minute after slowing down");
            scheduler.advance(Duration.ofSeconds(1));
            assertEquals(13, source.reads.get());
            assertEquals(1, scheduler.pending());
        }
    }

    @Test
    void aRefreshUnderWayWhenTheIntervalChangesFinishesWithoutSchedulingAnother() {
        ManualScheduler scheduler = new ManualScheduler();
        LagService[] service = new LagService[1];
        CountingSource source = new CountingSource() {
            @Override
            public OffsetsSnapshot read(Set<String> groups) {
                if (reads.get() == 1) {
                    service[0].setRefreshInterval(Duration.ofSeconds(5)); // the second refresh, while it runs
                }
                return super.read(groups);
            }
        };
        try (LagService s = service(source, null, Duration.ofSeconds(1), scheduler)) {
            service[0] = s;
            s.start();
            scheduler.advance(Duration.ofSeconds(1));
            assertEquals(2, source.reads.get());
            assertEquals(1, scheduler.pending(), "only the new interval's chain goes on");
            scheduler.advance(Duration.ofMillis(4_999));
            assertEquals(2, source.reads.get());
            scheduler.advance(Duration.ofMillis(1));
            assertEquals(3, source.reads.get(), "five seconds after the change made during the refresh");
        }
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        try (LagService service = service(new CountingSource(), Duration.ofSeconds(1))) {
            assertThrows(IllegalArgumentException.class, () -> service.setRefreshInterval(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> service.setRefreshInterval(Duration.ofSeconds(-1)));
        }
    }

    @Test
    void aRefreshStillReadingWhenTheServiceClosesEndsWithoutAnError() {
        // a disconnect closes the service while a refresh may be waiting for the cluster's answer; when the answer
        // comes, the refresh hands no work to the closed helper threads (that was a logged RejectedExecutionException)
        PruneCounter store = new PruneCounter();
        LagService service = service(new CountingSource(), store, Duration.ofSeconds(1));
        service.close();
        LagRefresh late = assertDoesNotThrow(service::refresh);
        assertTrue(late.connected());
        assertEquals(0, store.prunes.get(), "nothing is stored after closing");
    }
}
