package dev.highwater.core.notify;

import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.LagRefresh;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refreshes become events: raised once, cleared once, nothing in between, nothing again after a reconnection. */
class AlertEventsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    private static Alert active(String key, long raisedAt) {
        return new Alert(key, Alert.Severity.CRITICAL, "billing", key + " holds", raisedAt, null);
    }

    private static Alert cleared(String key, long raisedAt, long clearedAt) {
        return new Alert(key, Alert.Severity.CRITICAL, "billing", key + " holds", raisedAt, clearedAt);
    }

    private static LagRefresh connected(long at, Alert... alerts) {
        return new LagRefresh(at, null, List.of(), List.of(alerts));
    }

    private static LagRefresh disconnected(long at, Alert... alerts) {
        return new LagRefresh(at, "the cluster does not answer", at - 1_000, List.of(), List.of(alerts));
    }

    private static List<String> words(List<AlertEvent> events) {
        return events.stream().map(e -> e.kind().word() + " " + e.key()).toList();
    }

    @Test
    void anAlertIsRaisedOnceAndClearedOnceWhateverTheRefreshesInBetween() {
        AlertEvents events = new AlertEvents(SETTLE);
        List<String> all = new ArrayList<>();
        all.addAll(words(events.next(connected(1_000), "b:9092", "prod")));
        for (long t = 2_000; t <= 60_000; t += 1_000) { // a minute of the same alert, with fresh words each time
            all.addAll(words(events.next(connected(t, active("total-lag:billing", 2_000)), "b:9092", "prod")));
        }
        List<AlertEvent> clearing = events.next(connected(61_000, cleared("total-lag:billing", 2_000, 61_000)),
                "b:9092", "prod");
        all.addAll(words(clearing));
        for (long t = 62_000; t <= 70_000; t += 1_000) {
            all.addAll(words(events.next(connected(t, cleared("total-lag:billing", 2_000, 61_000)), "b:9092",
                    "prod")));
        }
        assertEquals(List.of("raised total-lag:billing", "cleared total-lag:billing"), all);
        AlertEvent c = clearing.getFirst();
        assertEquals(2_000, c.raisedAt());
        assertEquals(61_000L, c.clearedAt());
        assertEquals("prod", c.profile());
        assertEquals("b:9092", c.cluster());
    }

    @Test
    void aNewWatchOfTheSameProfileDoesNotSendAStillActiveAlertAgain() {
        AlertEvents events = new AlertEvents(SETTLE);
        assertEquals(List.of("raised stalled:billing"),
                words(events.next(connected(1_000, active("stalled:billing", 1_000)), "b", "prod")));
        events.restart(); // the console connected again: a new lag service, a new raise time for the same condition
        List<String> after = new ArrayList<>();
        // a stalled verdict needs a few refreshes of rates: the alert is away for a moment, then holds again
        after.addAll(words(events.next(connected(100_000), "b", "prod")));
        after.addAll(words(events.next(connected(101_000), "b", "prod")));
        after.addAll(words(events.next(connected(103_000, active("stalled:billing", 103_000)), "b", "prod")));
        after.addAll(words(events.next(connected(104_000, active("stalled:billing", 103_000)), "b", "prod")));
        assertEquals(List.of(), after, "nothing new: the alert never stopped holding");
        // one that really went: cleared once the settling time has passed
        List<String> later = new ArrayList<>();
        for (long t = 105_000; t <= 130_000; t += 1_000) {
            later.addAll(words(events.next(connected(t), "b", "prod")));
        }
        assertEquals(List.of("cleared stalled:billing"), later);
    }

    @Test
    void anOutageRaisesDisconnectedAndClearsNothingElseAndTheReconnectionSendsNothingAgain() {
        AlertEvents events = new AlertEvents(SETTLE);
        events.next(connected(1_000, active("lagging:billing", 1_000)), "b", "prod");
        List<String> during = new ArrayList<>();
        for (long t = 2_000; t <= 5_000; t += 1_000) {
            during.addAll(words(events.next(disconnected(t, active("disconnected", 2_000),
                    active("lagging:billing", 1_000)), "b", "prod")));
        }
        assertEquals(List.of("raised disconnected"), during);
        // back: "disconnected" clears at once; the lagging verdict needs its window again, so it is not cleared
        List<String> back = words(events.next(connected(6_000, cleared("disconnected", 2_000, 6_000)), "b", "prod"));
        assertEquals(List.of("cleared disconnected"), back);
        List<String> again = new ArrayList<>();
        for (long t = 7_000; t <= 12_000; t += 1_000) {
            again.addAll(words(events.next(connected(t, active("lagging:billing", 1_000)), "b", "prod")));
        }
        assertEquals(List.of(), again, "the lagging alert held all along: neither cleared nor raised again");
    }

    @Test
    void withoutAReconnectionAClearIsSentAtTheRefreshThatClearsIt() {
        AlertEvents events = new AlertEvents(SETTLE);
        for (long t = 1_000; t <= 40_000; t += 1_000) {
            events.next(connected(t, active("hotspot:billing:orders-3", 1_000)), "b", "prod");
        }
        assertEquals(List.of("cleared hotspot:billing:orders-3"),
                words(events.next(connected(41_000), "b", "prod")));
        assertTrue(events.announced().isEmpty());
    }

    @Test
    void theTextIsOneLineWithSeverityWhereTheMessageAndWhatHappened() {
        Alert a = new Alert("total-lag:billing", Alert.Severity.CRITICAL, "billing",
                "billing: total lag 612\nis over the critical 500", 1_000, null);
        AlertEvent raised = AlertEvent.raised(a, "broker1:9092", "prod-eu");
        assertEquals("CRITICAL raised on prod-eu (broker1:9092): billing: total lag 612 is over the critical 500",
                raised.text());
        assertEquals("CRITICAL cleared on prod-eu (broker1:9092): billing: total lag 612 is over the critical 500",
                AlertEvent.cleared(a, 2_000, "broker1:9092", "prod-eu").text());
    }
}
