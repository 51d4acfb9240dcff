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
        EventKeys seen = new EventKeys();
        long[][] ts = {new long[1024]};
        long[][] units = {new long[1024]};
        byte[][] scales = {new byte[1024]};
        Map<Integer, BigDecimal> big = new HashMap<>();
        int[] count = {0};
        long[] duplicates = {0};
        long[] read = {0};
        // the latest maxRows events at or before the instant, by (timestamp, read order): the oldest on top
        PriorityQueue<Detail> shown = new PriorityQueue<>((x, y) -> x.before(y.timestamp(), y.index()) ? -1
                : y.before(x.timestamp(), x.index()) ? 1 : 0);
        long[] end = now.endOffsets();
        long[] start = now.startOffsets();
        long total = 0;
        for (int p = 0; p < end.length; p++) {
            total += end[p] - start[p];
        }
        long totalRecords = total;
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
                    double seconds = (t - started) / 1e9;
                    double rate = read[0] / seconds;
                    listener.progress(new ReplayProgress(read[0], totalRecords, rate,
                            Math.max(0, totalRecords - read[0]) / rate));
                }
            }
            if (key != null && !Arrays.equals(key, accountKey)) {
                return;
            }
            if (decoder.decode(value) != LedgerDecoder.Outcome.EVENT || !decoder.accountIs(accountKey)) {
                return;
            }
            seen.hash(decoder.accountBytes, decoder.accountOff, decoder.accountLen, decoder.idBytes, decoder.idOff,
                    decoder.idLen, decoder.timestamp);
            if (!seen.add(seen.h1, seen.h2)) {
                duplicates[0]++;
                return;
            }
            int i = count[0]++;
            if (i == ts[0].length) {
                ts[0] = Arrays.copyOf(ts[0], i * 2);
                units[0] = Arrays.copyOf(units[0], i * 2);
                scales[0] = Arrays.copyOf(scales[0], i * 2);
            }
            Amount a = decoder.amount;
            ts[0][i] = decoder.timestamp;
            if (a.big != null || !Balances.fitsLong(a.toBigDecimal())) {
                BigDecimal v = a.toBigDecimal();
                big.put(i, decoder.credit ? v : v.negate());
            } else {
                units[0][i] = decoder.credit ? a.units : -a.units;
                scales[0][i] = (byte) a.scale;
            }
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
        return assemble(account, at, limit, count[0], ts[0], units[0], scales[0], big, duplicates[0], shown);
    }

    private AccountHistory assemble(String account, Instant at, long limit, int n, long[] ts, long[] units,
                                    byte[] scales, Map<Integer, BigDecimal> big, long duplicates,
                                    PriorityQueue<Detail> shown) {
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
            BigDecimal exact = big.get(i);
            running.add(0, units[i], scales[i], exact);
            if (ts[i] <= limit) {
                eventsAt++;
                balanceAt = running.get(0);
                Detail d = details.get(i);
                if (d != null) {
                    BigDecimal amount = exact != null ? exact : BigDecimal.valueOf(units[i], scales[i]);
                    rows.add(new AccountHistory.Row(d.partition(), d.offset(), d.eventId(), d.reference(), ts[i],
                            amount, balanceAt));
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
