package dev.highwater.ui.partitions;

import dev.highwater.ui.UiThread;
import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.HotKeyReport;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.demo.DemoTrafficGenerator;
import dev.highwater.demo.DemoBackends;
import dev.highwater.kafka.DemoTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Partitions model over a real embedded demo and a real lag service, without a UI toolkit. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionsModelTest {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    @TempDir
    static Path dir;
    private static DemoLag demo;
    private static QueuedUiThread ui;
    private static PartitionsModel model;

    @BeforeAll
    static void start() {
        demo = new DemoLag(800, dir);
        ui = new QueuedUiThread();
        model = new PartitionsModel(demo.service, ui);
    }

    @AfterAll
    static void stop() {
        if (model != null) {
            model.dispose();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Order(1)
    void listsBothDemoGroupsAndPostsAtMostOneDrainAtATime() throws InterruptedException {
        awaitUi("both demo groups listed", 15, () -> model.groups().stream().map(GroupSummary::groupId).toList()
                .containsAll(List.of(DemoBackends.PROCESSOR_GROUP, DemoBackends.PROJECTION_GROUP)));
        Thread.sleep(2_500); // two refreshes or more, none drained meanwhile
        assertEquals(1, ui.waiting(), "refreshes are coalesced into one pending drain");
    }

    @Test
    @Order(2)
    void theProcessorShowsTwelvePartitionsWithTheAggregatorsPartitionTheOnlyHotOne() {
        model.selectGroup(DemoBackends.PROCESSOR_GROUP);
        int hotPartition = DemoLag.partitionOf(DemoTrafficGenerator.HOT_SENDER);
        awaitUi("the hot partition marked", 20, () -> model.partitionRows().size() == DemoTopics.PARTITIONS
                && hotRows().size() == 1 && hotRows().getFirst().id().partition() == hotPartition);
        assertEquals(DemoBackends.PROCESSOR_GROUP, model.selectedGroupProperty().get());
        assertNotNull(model.statusReasonProperty().get());

        awaitUi("the charts draw every partition", 5, () -> model.chartLines().size() == DemoTopics.PARTITIONS);
        LagChartSeries.Line hotLine = model.chartLines().stream().filter(LagChartSeries.Line::hot).findFirst()
                .orElseThrow();
        assertEquals(hotPartition, hotLine.partition().partition());
        // the past from stored history, the present from the series the service keeps since the group was opened
        awaitUi("the hot partition's lag series", 5,
                () -> model.charts().lag().get(hotLine.slot()).getDataCount() >= 2);
    }

    @Test
    @Order(3)
    void theHotKeyReportOfTransactionsFlagsTheAggregator() {
        awaitUi("a hot-key report for transactions", 15, () -> transactionsReport() != null);
        HotKeyReport report = transactionsReport();
        HotKeyReport.KeyShare top = report.top().getFirst();
        assertEquals(DemoTrafficGenerator.HOT_SENDER, top.key());
        assertTrue(top.hot() && report.top().stream().filter(HotKeyReport.KeyShare::hot).count() == 1, report::toString);
        assertTrue(report.advice().getFirst().contains("composite key"), report.advice()::toString);
        int hot = DemoLag.partitionOf(DemoTrafficGenerator.HOT_SENDER);
        String perPartition = model.topKeysText(new dev.highwater.core.lag.PartitionId("transactions", hot));
        assertTrue(perPartition.startsWith("Top keys of transactions-" + hot)
                && perPartition.lines().skip(1).findFirst().orElse("").endsWith(DemoTrafficGenerator.HOT_SENDER),
                "the hot partition's own top key is the aggregator: " + perPartition);
    }

    @Test
    @Order(4)
    void theRefreshIntervalIsSettableFromOneToSixtySeconds() {
        assertThrows(IllegalArgumentException.class, () -> model.setRefreshInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> model.setRefreshInterval(Duration.ofSeconds(61)));
        model.setRefreshInterval(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), model.refreshIntervalProperty().get());
        assertEquals(Duration.ofSeconds(2), demo.service.refreshInterval());
        model.setRefreshInterval(Duration.ofSeconds(1));
    }

    @Test
    @Order(5)
    void aStoppedBrokerMarksWhatIsShownStaleSinceItWasReadWithoutRates() {
        awaitUi("rates on the rows", 20, () -> model.partitionRows().stream()
                .anyMatch(p -> p.produceRate() != null && p.produceRate() > 0));
        demo.closeDemo();
        awaitUi("the stale banner", 30, () -> model.connectionBannerProperty().get() != null);
        long readAt = model.lastRefreshAtProperty().get();
        long firstStale = demo.service.latest().atMillis();
        assertTrue(readAt < firstStale, "the time shown is when the values were read, not the failed refresh");
        String since = "Stale since " + CLOCK.format(Instant.ofEpochMilli(readAt));
        String banner = model.connectionBannerProperty().get();
        assertTrue(banner.startsWith(since + ": ") && banner.contains(demo.demo.kafkaBootstrap())
                && banner.contains("rates are not shown"), banner);
        assertTrue(model.statusReasonProperty().get().startsWith(since), model.statusReasonProperty().get());
        assertEquals(DemoTopics.PARTITIONS, model.partitionRows().size(), "the last rows read stay");
        assertEquals(1, hotRows().size());
        assertTrue(model.partitionRows().stream().allMatch(p -> p.produceRate() == null && p.consumeRate() == null),
                "no rate shown as if it were live: " + model.partitionRows());
        assertTrue(model.alerts().stream().anyMatch(a -> a.active() && a.group() == null
                && a.severity() == Alert.Severity.CRITICAL), model.alerts()::toString);

        awaitUi("another failed refresh", 20, () -> demo.service.latest().atMillis() > firstStale);
        sleep(200); // the refresh thread hands it over right after
        ui.runPending();
        assertEquals(readAt, model.lastRefreshAtProperty().get(), "still the time the values were read");
        assertTrue(model.connectionBannerProperty().get().startsWith(since + ": "));
    }

    private static List<PartitionLag> hotRows() {
        return model.partitionRows().stream().filter(PartitionLag::hot).toList();
    }

    private static HotKeyReport transactionsReport() {
        return model.hotKeys().stream().filter(h -> h.topic().equals(DemoTopics.TRANSACTIONS) && h.hasHotKey())
                .findFirst().orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Runs the posted UI work on this thread until the condition holds. */
    private static void awaitUi(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            ui.runPending();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
