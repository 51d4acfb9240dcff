package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.LedgerSource;
import dev.highwater.core.ledger.LedgerTopic;
import dev.highwater.core.ledger.ListLedgerSource;
import dev.highwater.core.ledger.SnapshotStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Ledger models' threads, with this test's thread as the UI thread: replays and history reads run off it, each
 * part on a reader of its own, and dispose closes both readers.
 */
class LedgerModelTest {

    private final BlockingQueue<Runnable> uiTasks = new LinkedBlockingQueue<>();
    private final List<String> readOn = new CopyOnWriteArrayList<>();
    private final List<String> closedOn = new CopyOnWriteArrayList<>();

    @Test
    void readsOffTheUiThreadAndDisposeClosesBothReaders() throws Exception {
        ListLedgerSource ledger = LedgerViewTest.ledger();
        Clock clock = Clock.fixed(Instant.parse("2024-03-15T09:00:00Z"), ZoneId.of("UTC"));
        LedgerModel model = new LedgerModel(() -> new Recording(ledger), () -> SnapshotStore.NONE, uiTasks::add,
                clock, "payment-ledger", true);
        paintUntil(() -> model.rows().size() == 3);
        model.history().select("acct-2");
        paintUntil(() -> !model.history().rows().isEmpty());
        assertEquals("acct-2", model.history().selectedAccountProperty().get());
        assertFalse(readOn.contains(Thread.currentThread().getName()), readOn.toString());
        assertEquals(Set.of("ledger-replay", "ledger-history"), Set.copyOf(readOn));

        model.dispose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (closedOn.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("ledger-history", "ledger-replay"), closedOn.stream().sorted().toList(),
                "each reader closed once, on the thread that used it");
    }

    @Test
    void theChangeRunsFromTheEarlierInstantToTheLaterWhicheverWasAskedFirst() throws Exception {
        ListLedgerSource ledger = LedgerViewTest.ledger();
        Clock clock = Clock.fixed(Instant.parse("2024-03-15T09:00:00Z"), ZoneId.of("UTC"));
        LedgerModel model = new LedgerModel(() -> ledger, () -> SnapshotStore.NONE, uiTasks::add, clock,
                "payment-ledger", false);
        model.timeProperty().set("08:05");        // five payments in: acct-1 got 10.25 more than it paid
        model.compareProperty().set(true);
        model.compareTimeProperty().set("08:00"); // the opening balances only
        model.replay();
        paintUntil(() -> model.comparingProperty().get() && !model.runningProperty().get());
        BalanceRow acct1 = model.rows().getFirst();
        assertEquals("acct-1", acct1.account());
        assertEquals(new BigDecimal("1000.00"), acct1.balance(), "the first balance column is the earlier instant's");
        assertEquals(new BigDecimal("1010.25"), acct1.compared());
        assertEquals(new BigDecimal("10.25"), acct1.change(), "a gain reads as a gain");
        assertEquals("Balance\nat 08:00:00", model.balanceTitleProperty().get());
        assertEquals("Balance\nat 08:05:00", model.comparedTitleProperty().get());
        assertEquals("Change\nfrom 08:00:00\nto 08:05:00", model.changeTitleProperty().get());
        model.dispose();
    }

    /** Runs what the models post to the UI thread until the condition holds. */
    private void paintUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            Runnable task = uiTasks.poll(100, TimeUnit.MILLISECONDS);
            if (task != null) {
                task.run();
            } else if (System.nanoTime() > deadline) {
                fail("the models did not get there");
            }
        }
    }

    /** The in-memory ledger, noting the threads that read and close it. */
    private final class Recording implements LedgerSource {

        private final LedgerSource ledger;

        Recording(LedgerSource ledger) {
            this.ledger = ledger;
        }

        @Override
        public List<String> topics() {
            return ledger.topics();
        }

        @Override
        public LedgerTopic describe(String topic) {
            return ledger.describe(topic);
        }

        @Override
        public void read(LedgerTopic topic, long[] from, RecordSink sink) {
            String thread = Thread.currentThread().getName();
            if (!readOn.contains(thread)) {
                readOn.add(thread);
            }
            ledger.read(topic, from, sink);
        }

        @Override
        public void close() {
            closedOn.add(Thread.currentThread().getName());
        }
    }
}
