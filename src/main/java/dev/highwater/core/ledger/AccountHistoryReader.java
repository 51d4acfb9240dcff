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
    private final LedgerSchemas schemas;

    public AccountHistoryReader(LedgerSource source) {
        this(source, LedgerSchemas.NONE);
    }

    /** @param schemas the schemas of events framed for a schema registry */
    public AccountHistoryReader(LedgerSource source, LedgerSchemas schemas) {
        this.source = source;
        this.schemas = schemas;
    }

    public AccountHistory read(String topic, String account, Instant at, int maxRows, LedgerReplay.Listener listener,
                               BooleanSupplier cancelled) {
        LedgerTopic now = source.describe(topic);
        byte[] accountKey = AccountId.bytes(account);
        long limit = at.toEpochMilli();
        LedgerDecoder decoder = new LedgerDecoder(schemas);
        EventHash hash = new EventHash();
        // the account's event records in read order, all under account index 0; which count is decided after
        TailEvents events = new TailEvents();
        EventRecords records = new EventRecords();
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
            int i = events.size;
            events.add(0, decoder.timestamp, decoder.signedUnits(), decoder.amount.scale, decoder.signedBig());
            records.add(hash.h1, hash.h2, decoder.credit, partition, offset);
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
        boolean[] counted = records.resolve(events);
        return assemble(account, at, limit, events, counted, records.duplicates, shown);
    }

    /**
     * The account's records' ids and places, and {@link #resolve}: the replay's rules for which records count
     * (one event per id: its earliest record; the same content again is a redelivery, other content a conflict
     * left out). Records keyed by other accounts are not read here, so an id reused across accounts is only
     * seen by the audit, which lists it.
     */
    private static final class EventRecords {
        final LongList k1 = new LongList();
        final LongList k2 = new LongList();
        final LongList places = new LongList();
        final java.util.BitSet credits = new java.util.BitSet();
        final LongList partitions = new LongList();
        long duplicates;

        void add(long h1, long h2, boolean credit, int partition, long offset) {
            credits.set(k1.size, credit);
            k1.add(h1);
            k2.add(h2);
            partitions.add(partition);
            places.add(offset);
        }

        boolean[] resolve(TailEvents events) {
            int n = k1.size;
            boolean[] counted = new boolean[n];
            Map<LedgerState.IdKey, List<Integer>> byId = new HashMap<>();
            for (int i = 0; i < n; i++) {
                List<Integer> seen = byId.computeIfAbsent(new LedgerState.IdKey(k1.values[i], k2.values[i]),
                        k -> new ArrayList<>(1));
                int same = -1;
                for (int j : seen) {
                    if (variant(events, j).sameContent(variant(events, i))) {
                        same = j;
                        break;
                    }
                }
                if (same >= 0) {
                    duplicates++;
                    continue;
                }
                if (seen.isEmpty() || variant(events, i).precedes(variant(events, seen.getFirst()))) {
                    if (!seen.isEmpty()) {
                        counted[seen.getFirst()] = false;
                    }
                    counted[i] = true;
                    seen.addFirst(i);
                } else {
                    seen.add(i);
                }
            }
            return counted;
        }

        private EventTable.Variant variant(TailEvents events, int i) {
            BigDecimal big = events.big.isEmpty() ? null : events.big.get(i);
            return new EventTable.Variant(0, events.timestamps[i], big == null ? events.units[i] : 0,
                    events.scales[i], credits.get(i), big, (int) partitions.values[i], places.values[i]);
        }
    }

    private AccountHistory assemble(String account, Instant at, long limit, TailEvents events, boolean[] counted,
                                    long duplicates, PriorityQueue<Detail> shown) {
        long[] ts = events.timestamps;
        Integer[] order = java.util.stream.IntStream.range(0, events.size).filter(i -> counted[i]).boxed()
                .toArray(Integer[]::new);
        int n = order.length;
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
