package dev.highwater.core.ledger;

import dev.highwater.bench.FramedLedgerEvents;
import dev.highwater.core.registry.MemorySchemaRegistry;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ledger events framed for a schema registry, each read with the version of the schema it was written with. */
class FramedLedgerReplayTest {

    private static final Instant END = Instant.ofEpochMilli(10_000_000);

    /** The ledger's schemas as a registry holds them: ids[0..2] Protobuf v1, v2, v3 of one subject, ids[3] Avro. */
    private static MemorySchemaRegistry registry(int[] ids) {
        MemorySchemaRegistry r = new MemorySchemaRegistry();
        ids[0] = r.register("ledger-value", SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V1, Map.of());
        ids[1] = r.register("ledger-value", SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V2, Map.of());
        ids[2] = r.register("ledger-value", SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V3, Map.of());
        ids[3] = r.register("ledger-avro-value", SchemaType.AVRO, FramedLedgerEvents.AVRO, Map.of());
        return r;
    }

    @Test
    void everyVersionOfTheSchemaAndAvroGiveTheSameExactBalancesAsTheLedgersOwnSchema() {
        ListLedgerSource framed = new ListLedgerSource("ledger", 3);
        ListLedgerSource plain = new ListLedgerSource("ledger", 3);
        Map<String, BigDecimal> expected = new TreeMap<>();
        int[] ids = new int[4];
        MemorySchemaRegistry registry = registry(ids);
        for (int i = 0; i < 4_000; i++) {
            String account = "acct-" + (i % 7);
            boolean credit = i % 3 != 0;
            BigDecimal amount = BigDecimal.valueOf(1 + i * 37L % 100_000, 2);
            LedgerEvent e = new LedgerEvent("ev-" + i, account,
                    credit ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED, amount, "tx " + i,
                    1_000 + i);
            expected.merge(account, credit ? amount : amount.negate(), BigDecimal::add);
            int version = 1 + i % 4; // v1, v2, v3 and Avro, in turn, as a topic holds them after the schema evolved
            byte[] value = version == 4 ? FramedLedgerEvents.avro(ids[3], e)
                    : FramedLedgerEvents.protobuf(ids[version - 1], version, e);
            byte[] key = account.getBytes(StandardCharsets.UTF_8);
            framed.add(i % 3, key, value);
            plain.add(i % 3, key, i % 2 == 0 ? LedgerEventCodec.toProtobuf(e) : LedgerEventCodec.toJson(e));
        }
        AuditReport viaRegistry = new LedgerReplay(framed, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                LedgerSchemas.of(registry)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false)
                .getFirst();
        AuditReport own = new LedgerReplay(plain, SnapshotStore.NONE, LedgerReplay.Settings.defaults())
                .balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false).getFirst();
        assertEquals(List.of(), viaRegistry.problems().stream().map(Problem::reason).toList());
        assertEquals(4_000, viaRegistry.events());
        for (Map.Entry<String, BigDecimal> a : expected.entrySet()) {
            assertEquals(a.getValue().toPlainString(), viaRegistry.balances().balanceOf(a.getKey()).toPlainString(), a.getKey());
            assertEquals(own.balances().balanceOf(a.getKey()), viaRegistry.balances().balanceOf(a.getKey()));
        }
        assertTrue(registry.asked.get() <= 4 * 12, "each id is asked for once per decoding batch at most, not per"
                + " record: " + registry.asked);
    }

    @Test
    void aFramedRecordWithAnUnknownIdOrWithoutARegistryIsAProblemWithItsReasonAndTheRestCounts() {
        LedgerEvent good = new LedgerEvent("a", "acct-1", LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("10.00"),
                "r", 1);
        LedgerEvent unknown = new LedgerEvent("b", "acct-1", LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("5.00"),
                "r", 2);
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        int[] ids = new int[4];
        MemorySchemaRegistry registry = registry(ids);
        source.add(0, null, FramedLedgerEvents.protobuf(ids[0], 1, good));
        source.add(0, null, FramedLedgerEvents.protobuf(99, 1, unknown));
        source.add(0, null, new byte[] {0, 0, 0}); // a frame cut short

        AuditReport withRegistry = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                LedgerSchemas.of(registry)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE,
                () -> false).getFirst();
        assertEquals("10.00", withRegistry.balances().balanceOf("acct-1").toPlainString());
        assertEquals(2, withRegistry.undecodable());
        assertTrue(withRegistry.problems().get(0).reason().contains("does not know schema id 99"),
                withRegistry.problems().get(0).reason());
        assertTrue(withRegistry.problems().get(1).reason().contains("cut short"), withRegistry.problems().get(1).reason());

        LedgerReplayException without = org.junit.jupiter.api.Assertions.assertThrows(LedgerReplayException.class,
                () -> new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults())
                        .balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false));
        assertTrue(without.getMessage().contains("no registry is given, so they cannot be counted"),
                without.getMessage());
    }

    @Test
    void aRegistryThatCannotBeAskedStopsTheReplayRatherThanLeaveItsRecordsOut() {
        int[] ids = new int[4];
        MemorySchemaRegistry failing = registry(ids);
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        source.add(0, null, FramedLedgerEvents.protobuf(ids[0], 1, new LedgerEvent("a", "acct-1",
                LedgerEvent.Type.ACCOUNT_CREDITED, BigDecimal.TEN, "r", 1)));
        for (RegistryException.Kind kind : List.of(RegistryException.Kind.UNREACHABLE, RegistryException.Kind.REFUSED,
                RegistryException.Kind.BAD_ANSWER)) {
            failing.failing = new RegistryException(kind, "the schema registry at memory said " + kind);
            LedgerReplayException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerReplayException.class,
                    () -> new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                            LedgerSchemas.of(failing)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE,
                            () -> false));
            assertTrue(e.getMessage().startsWith("the schema registry at memory said " + kind
                    + "; the replay stops rather than leave out the records framed with schema id " + ids[0]),
                    e.getMessage());
        }
    }

    @Test
    void aSchemaThatIsNotALedgerEventSaysWhichFieldIsMissing() {
        MemorySchemaRegistry registry = registry(new int[4]);
        int other = registry.register("other-value", SchemaType.PROTOBUF,
                "syntax = \"proto3\";\nmessage Other { string event_id = 1; string account_id = 2; }\n", Map.of());
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        source.add(0, null, FramedLedgerEvents.protobuf(other, 1, new LedgerEvent("a", "acct-1",
                LedgerEvent.Type.ACCOUNT_CREDITED, BigDecimal.ONE, "r", 1)));
        AuditReport r = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                LedgerSchemas.of(registry)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false)
                .getFirst();
        assertEquals(1, r.undecodable());
        assertTrue(r.problems().getFirst().reason().contains("has no field event_type"), r.problems().getFirst().reason());
    }
}
