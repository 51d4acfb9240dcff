package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Reads one account's events from a whole ledger topic with the same rules as {@link LedgerReplay} (distinct
 * events by their own timestamps). Records keyed by another account are skipped undecoded: the ledger's key is
 * the account id. Memory stays small for an account with millions of events: amounts and times in arrays, the
 * ids and references only of the rows shown.
 */
public final class AccountHistoryReader {

    static final int CHART_POINTS = 2_000;

    private record Detail(long timestamp, int index, int partition, long offset, String eventId, String reference) {
        boolean before(long otherTimestamp, int otherIndex) {
            return timestamp != otherTimestamp ? timestamp < otherTimestamp : index < otherIndex;
        }
    }

    private final LedgerSource source;

    public AccountHistoryReader(LedgerSource source) {
        this.source = source;
    }

    public AccountHistory read(String topic, String account, Instant at, int maxRows, LedgerReplay.Listener listener,
                               BooleanSupplier cancelled) {
        LedgerTopic now = source.describe(topic);
        byte[] accountKey = account.getBytes(StandardCharsets.UTF_8);
        long limit = at.toEpochMilli();
        LedgerDecoder decoder = new LedgerDecoder();
        EventHash hash = new EventHash();
        EventKeys seen = new EventKeys();
        // the account's distinct events in read order, all under account index 0
        TailEvents events = new TailEvents();
        long[] duplicates = {0};
        long[] read = {0};
        // the latest maxRows events at or before the instant, by (timestamp, read order): the oldest on top
        PriorityQueue<Detail> shown = new PriorityQueue<>((x, y) -> x.before(y.timestamp(), y.index()) ? -1
                : y.before(x.timestamp(), x.index()) ? 1 : 0);
        long[] start = now.startOffsets();
        long totalRecords = now.offsetsFrom(start);
        long started = System.nanoTime();
        long[] lastProgress = {started};
        source.read(now, start, (partition, offset, key, value) -> {
            if ((++read[0] & 1023) == 0) {
                if (cancelled.getAsBoolean()) {
                    throw new ReplayCancelledException();
                }
                long t = System.nanoTime();
                if (t - lastProgress[0] > 200_000_000L) {
                    lastProgress[0] = t;
                    listener.progress(ReplayProgress.after(read[0], totalRecords, read[0], t - started));
                }
            }
            if (key != null && !Arrays.equals(key, accountKey)) {
                return;
            }
            if (decoder.decode(value) != LedgerDecoder.Outcome.EVENT || !decoder.accountIs(accountKey)) {
                return;
            }
            hash.hash(decoder);
            if (!seen.add(hash.h1, hash.h2)) {
                duplicates[0]++;
                return;
            }
            int i = events.size;
            events.add(0, decoder.timestamp, decoder.signedUnits(), decoder.amount.scale, decoder.signedBig());
            if (decoder.timestamp <= limit && maxRows > 0) {
                if (shown.size() == maxRows && shown.peek().before(decoder.timestamp, i)) {
                    shown.poll();
                }
                if (shown.size() < maxRows) {
                    shown.add(new Detail(decoder.timestamp, i, partition, offset, decoder.eventId(),
                            decoder.reference()));
                }
            }
        });
        return assemble(account, at, limit, events, duplicates[0], shown);
    }

    private AccountHistory assemble(String account, Instant at, long limit, TailEvents events, long duplicates,
                                    PriorityQueue<Detail> shown) {
        int n = events.size;
        long[] ts = events.timestamps;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> ts[x] != ts[y] ? Long.compare(ts[x], ts[y]) : Integer.compare(x, y));
        Map<Integer, Detail> details = new HashMap<>();
        for (Detail d : shown) {
            details.put(d.index(), d);
        }
        Balances running = new Balances();
        List<AccountHistory.Row> rows = new ArrayList<>();
        int points = Math.min(n, CHART_POINTS);
        long[] chartTimes = new long[points];
        double[] chartBalances = new double[points];
        long eventsAt = 0;
        BigDecimal balanceAt = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            events.addTo(i, running);
            if (ts[i] <= limit) {
                eventsAt++;
                balanceAt = running.get(0);
                Detail d = details.get(i);
                if (d != null) {
                    rows.add(new AccountHistory.Row(d.partition(), d.offset(), d.eventId(), d.reference(), ts[i],
                            events.amount(i), balanceAt));
                }
            }
            int point = (int) ((long) k * points / Math.max(1, n));
            chartTimes[point] = ts[i];
            chartBalances[point] = running.get(0).doubleValue();
        }
        return new AccountHistory(account, at, balanceAt, eventsAt, Math.max(0, eventsAt - rows.size()), duplicates,
                rows, chartTimes, chartBalances);
    }
}
