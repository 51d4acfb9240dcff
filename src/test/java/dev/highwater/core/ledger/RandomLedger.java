package dev.highwater.core.ledger;

import dev.highwater.proto.ledger.EventType;
import com.google.protobuf.CodedOutputStream;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random ledger with what real ones have: Protobuf and JSON mixed, redeliveries (in either shape, in any
 * partition, much later), late events (timestamps far behind their neighbours), undecodable records, unknown
 * types, amounts of several scales and some too large for a long, and event ids reused for other events
 * (another amount, time, account or type). A hostile one adds what an attacker or a broken producer writes:
 * amounts at the bounds and past them (negative, exponents, other scripts' digits, too many digits), account ids
 * that are not UTF-8 or are 70,000 bytes long, duplicate JSON keys. {@link #expected} is the audit semantics
 * computed the plain way, with maps and BigDecimal, the oracle the replay is checked against.
 */
public final class RandomLedger {

    public final ListLedgerSource source;
    public final List<LedgerEvent> events = new ArrayList<>();
    public final long firstTimestamp;
    public final long lastTimestamp;

    public RandomLedger(long seed, String topic) {
        this(seed, topic, false);
    }

    public RandomLedger(long seed, String topic, boolean hostile) {
        Random r = new Random(seed);
        int partitions = 1 + r.nextInt(4);
        source = new ListLedgerSource(topic, partitions);
        int accounts = 1 + r.nextInt(6);
        int n = r.nextInt(400);
        long t0 = 1_700_000_000_000L;
        long clock = t0;
        for (int i = 0; i < n; i++) {
            clock += r.nextInt(20_000);
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
            if (hostile && kind < 14) {
                source.add(partition, null, malformed(r, i, clock));
                continue;
            }
            if (kind < 20 && !events.isEmpty()) {
                LedgerEvent again = events.get(r.nextInt(events.size()));
                write(r, partition, again);
                continue;
            }
            long ts = kind < 30 ? clock - r.nextInt(600_000) : clock; // late: up to ten minutes behind
            String account = hostile && r.nextInt(8) == 0 ? strangeAccount(r) : "acct-" + r.nextInt(accounts);
            LedgerEvent.Type type = r.nextBoolean() ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED;
            BigDecimal amount = hostile ? extremeAmount(r) : amount(r);
            String id = "ev-" + i;
            if (kind < 36 && !events.isEmpty()) {
                // an id reused for another event: one of its fields changed, or several
                LedgerEvent old = events.get(r.nextInt(events.size()));
                id = old.eventId();
                switch (r.nextInt(5)) {
                    case 0 -> { account = old.accountId(); type = old.type(); ts = old.timestamp(); }
                    case 1 -> { account = old.accountId(); amount = old.amount(); ts = old.timestamp(); }
                    case 2 -> { type = old.type(); amount = old.amount(); ts = old.timestamp(); }
                    case 3 -> { account = old.accountId(); type = old.type(); amount = old.amount(); }
                    default -> { }
                }
            }
            LedgerEvent e = new LedgerEvent(id, account, type, amount, "ref " + i, ts);
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

    /** Amounts at the bounds of what a ledger amount may be: 30 digits before the point, 18 after it, zero. */
    private static BigDecimal extremeAmount(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> new BigDecimal("9".repeat(30) + "." + "9".repeat(18));
            case 1 -> new BigDecimal("0." + "0".repeat(17) + "1");
            case 2 -> BigDecimal.ZERO.setScale(r.nextInt(19));
            case 3 -> new BigDecimal(digits(r, 1 + r.nextInt(30)) + "." + digits(r, 1 + r.nextInt(18)));
            default -> amount(r);
        };
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    /** Account ids that are not plain text: bytes that are not UTF-8, a backslash, 70,000 bytes. */
    private static String strangeAccount(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "acct-\\xff";
            case 1 -> "acct-\\xfe";
            case 2 -> "back\\\\slash";
            case 3 -> "acct-\\xc3\\x28"; // an invalid two-byte sequence
            case 4 -> r.nextInt(20) == 0 ? "L".repeat(70_000) : "ünï-" + r.nextInt(3);
            default -> "acct-\\x" + Integer.toHexString(0x80 + r.nextInt(0x40));
        };
    }

    /** Records that look like ledger events but must not count: each is a problem record. */
    private static byte[] malformed(Random r, int i, long clock) {
        String amount = switch (r.nextInt(11)) {
            case 0 -> "\"-50.00\"";
            case 1 -> "\"1e-50000000\"";
            case 2 -> "\"1e309\"";
            case 3 -> "\"NaN\"";
            case 4 -> "\"١٠٠\"";
            case 5 -> "\"" + "1".repeat(31) + "\"";
            case 6 -> "\"0." + "1".repeat(19) + "\"";
            case 7 -> "\" 12\"";
            case 8 -> "\"12\",\"amount\":\"13\""; // the same key twice
            case 9 -> "\"+5\"";
            default -> "\"1.\"";
        };
        if (r.nextInt(4) == 0) {
            // the Protobuf shape with a negative amount
            return dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId("bad-" + i).setAccountId("acct-0")
                    .setEventType(EventType.ACCOUNT_CREDITED).setAmount("-1.00").setTimestamp(clock).build()
                    .toByteArray();
        }
        return ("{\"eventType\":\"ACCOUNT_CREDITED\",\"eventId\":\"bad-" + i + "\",\"accountId\":\"acct-0\",\"amount\":"
                + amount + ",\"timestamp\":" + clock + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void write(Random r, int partition, LedgerEvent e) {
        byte[] account = AccountId.bytes(e.accountId());
        boolean json = r.nextInt(4) == 0 && AccountId.isUtf8(account);
        source.add(partition, account, json ? LedgerEventCodec.toJson(new LedgerEvent(e.eventId(),
                new String(account, StandardCharsets.UTF_8), e.type(), e.amount(), e.reference(), e.timestamp()))
                : protobuf(e, account));
    }

    /** The Protobuf shape written field by field, as a producer may: an account id's bytes need not be UTF-8. */
    private static byte[] protobuf(LedgerEvent e, byte[] account) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(1, e.eventId());
            out.writeByteArray(2, account);
            out.writeEnum(3, e.type() == LedgerEvent.Type.ACCOUNT_CREDITED
                    ? EventType.ACCOUNT_CREDITED_VALUE : EventType.ACCOUNT_DEBITED_VALUE);
            out.writeString(4, e.amount().toPlainString());
            out.writeString(5, e.reference());
            out.writeInt64(6, e.timestamp());
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    /** What an audit at an instant must say, by the semantics. */
    public record Expected(Map<String, String> balances, long events, long duplicates, long conflicts,
                           long undecodable, long unknownType) {
    }

    /** One record of an event id: its content and where it is. */
    private record Copy(String content, LedgerEvent event, int partition, long offset) {
        boolean before(Copy o) {
            if (event.timestamp() != o.event.timestamp()) {
                return event.timestamp() < o.event.timestamp();
            }
            return partition != o.partition ? partition < o.partition : offset < o.offset;
        }
    }

    /**
     * The audit at T over the visible records, the plain way: per event id, its distinct contents (type,
     * account, amount as written, event time), each placed at its earliest record; the id's event is the content
     * of its earliest record (by event time, then partition, then offset); the others are conflicts, and a
     * content seen again is a redelivery. A balance is shown at the largest scale of its account's amounts.
     */
    public Expected expected(long at) {
        Map<String, Map<String, Copy>> byId = new HashMap<>();
        Map<String, Integer> scales = new HashMap<>();
        long[] counts = new long[3]; // redeliveries, undecodable, unknown type
        Map<String, Long> dupAt = new HashMap<>();
        LedgerTopic topic = source.describe(source.name);
        List<Long> dupTimes = new ArrayList<>();
        source.read(topic, new long[topic.partitions()], (p, o, k, v) -> {
            switch (LedgerEventCodec.decode(v)) {
                case LedgerEventCodec.Decoded.Event(LedgerEvent e) -> {
                    scales.merge(e.accountId(), e.amount().scale(), Math::max);
                    String content = e.type() + "|" + e.accountId() + "|" + e.amount() + "|" + e.timestamp();
                    Map<String, Copy> contents = byId.computeIfAbsent(e.eventId(), x -> new HashMap<>());
                    Copy copy = new Copy(content, e, p, o);
                    Copy known = contents.get(content);
                    if (known != null) {
                        dupTimes.add(e.timestamp());
                    }
                    if (known == null || copy.before(known)) {
                        contents.put(content, copy);
                    }
                }
                case LedgerEventCodec.Decoded.NotAnEvent(boolean unknownType, String reason) ->
                        counts[unknownType ? 2 : 1]++;
            }
        });
        Map<String, BigDecimal> sums = new HashMap<>();
        scales.keySet().forEach(a -> sums.put(a, BigDecimal.ZERO));
        long eventsAt = 0;
        long conflicts = 0;
        for (Map<String, Copy> contents : byId.values()) {
            Copy first = null;
            for (Copy c : contents.values()) {
                if (first == null || c.before(first)) {
                    first = c;
                }
            }
            conflicts += contents.size() - 1;
            if (first.event.timestamp() <= at) {
                eventsAt++;
                sums.merge(first.event.accountId(), first.event.signedAmount(), BigDecimal::add);
            }
        }
        Map<String, String> balances = new HashMap<>();
        sums.forEach((a, sum) -> balances.put(a, sum.setScale(Math.max(sum.scale(), scales.get(a))).toPlainString()));
        long dups = dupTimes.stream().filter(t -> t <= at).count();
        return new Expected(balances, eventsAt, dups, conflicts, counts[1], counts[2]);
    }
}
