package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random ledger with what real ones have: Protobuf and JSON mixed, redeliveries (in either shape, in any
 * partition, much later), late events (timestamps far behind their neighbours), undecodable records, unknown
 * types, amounts of several scales and some too large for a long. {@link #expected} is the audit semantics
 * computed the plain way, the oracle the replay is checked against.
 */
public final class RandomLedger {

    public final ListLedgerSource source;
    public final List<LedgerEvent> events = new ArrayList<>();
    public final long firstTimestamp;
    public final long lastTimestamp;

    public RandomLedger(long seed, String topic) {
        Random r = new Random(seed);
        int partitions = 1 + r.nextInt(4);
        source = new ListLedgerSource(topic, partitions);
        int accounts = 1 + r.nextInt(6);
        int n = r.nextInt(400);
        long t0 = 1_700_000_000_000L;
        long clock = t0;
        for (int i = 0; i < n; i++) {
            clock += r.nextInt(20_000); // minute buckets get several events and events span several buckets
            int kind = r.nextInt(100);
            int partition = r.nextInt(partitions);
            if (kind < 4) {
                source.add(partition, null, new byte[] {(byte) r.nextInt(256), 9, 9});
                continue;
            }
            if (kind < 6) {
                source.add(partition, null, ("{\"eventType\":\"ACCOUNT_FROZEN\",\"eventId\":\"u" + i
                        + "\",\"accountId\":\"a\",\"amount\":\"1\",\"timestamp\":" + clock + "}")
                        .getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (kind < 20 && !events.isEmpty()) {
                LedgerEvent again = events.get(r.nextInt(events.size()));
                write(r, partition, again);
                continue;
            }
            long ts = kind < 30 ? clock - r.nextInt(600_000) : clock; // late: up to ten minutes behind
            String account = "acct-" + r.nextInt(accounts);
            // a fresh id, or now and then an id reused at another time or by another account: distinct events
            String id = kind < 33 && !events.isEmpty() ? events.get(r.nextInt(events.size())).eventId() : "ev-" + i;
            LedgerEvent e = new LedgerEvent(id, account,
                    r.nextBoolean() ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED,
                    amount(r), "ref " + i, ts);
            events.add(e);
            write(r, partition, e);
        }
        firstTimestamp = t0;
        lastTimestamp = clock;
    }

    private static BigDecimal amount(Random r) {
        int kind = r.nextInt(20);
        if (kind == 0) {
            return new BigDecimal("9223372036854775807.123456789"); // beyond a long's minor units
        }
        if (kind == 1) {
            return new BigDecimal(r.nextInt(1_000_000)).movePointLeft(6);
        }
        return BigDecimal.valueOf(r.nextInt(100_000), r.nextInt(3));
    }

    private void write(Random r, int partition, LedgerEvent e) {
        byte[] key = e.accountId().getBytes(StandardCharsets.UTF_8);
        source.add(partition, key, r.nextInt(4) == 0 ? LedgerEventCodec.toJson(e) : LedgerEventCodec.toProtobuf(e));
    }

    /**
     * The balances at T by the audit semantics over the visible records: distinct events (account, id and
     * timestamp) with timestamp at or before T; every account the ledger mentions, zero when nothing counts.
     */
    public Map<String, BigDecimal> expected(long at) {
        Map<String, BigDecimal> out = new HashMap<>();
        Set<String> seen = new HashSet<>();
        LedgerTopic topic = source.describe(source.name);
        source.read(topic, new long[topic.partitions()], (p, o, k, v) -> {
            if (LedgerEventCodec.decode(v) instanceof LedgerEventCodec.Decoded.Event(LedgerEvent e)) {
                out.putIfAbsent(e.accountId(), BigDecimal.ZERO);
                if (seen.add(e.accountId() + "\u0000" + e.eventId() + "\u0000" + e.timestamp()) && e.timestamp() <= at) {
                    out.merge(e.accountId(), e.signedAmount(), BigDecimal::add);
                }
            }
        });
        return out;
    }
}
