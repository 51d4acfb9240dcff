package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One account over time: its balance at an instant, the events that made it (the latest {@code rows}, oldest
 * first, with the running balance after each), and its balance after every event (thinned for a chart).
 *
 * @param eventsAt     distinct events of the account at or before the instant
 * @param rowsNotShown events at or before the instant left out of {@code rows} (the oldest)
 * @param duplicates   redeliveries of the account's events, counted once
 */
public record AccountHistory(String account, Instant at, BigDecimal balanceAt, long eventsAt, long rowsNotShown,
                             long duplicates, List<Row> rows, long[] chartTimes, double[] chartBalances) {

    /** One event of the account with the balance after it. */
    public record Row(int partition, long offset, String eventId, String reference, long timestamp,
                      BigDecimal amount, BigDecimal runningBalance) {
    }

    public AccountHistory {
        rows = List.copyOf(rows);
    }
}
