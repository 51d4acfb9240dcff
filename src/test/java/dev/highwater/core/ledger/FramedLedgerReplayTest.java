package dev.highwater.core.ledger;

import dev.highwater.bench.FramedLedgerEvents;
import dev.highwater.core.registry.RegisteredSchema;
import dev.highwater.core.registry.RegistryException;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.registry.SchemaType;
import dev.highwater.core.registry.SubjectVersion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ledger events framed for a schema registry, each read with the version of the schema it was written with. */
class FramedLedgerReplayTest {

    /** The registry's schemas in memory: the port, as a test of the core needs it. */
    static class SchemasInMemory implements SchemaRegistry {
        final Map<Integer, RegisteredSchema> byId = new HashMap<>();
        int asked;

        SchemasInMemory put(int id, SchemaType type, String text) {
            byId.put(id, new RegisteredSchema(id, type, text, List.of(), Map.of()));
            return this;
        }

        @Override
        public RegisteredSchema schema(int id) {
            asked++;
            RegisteredSchema s = byId.get(id);
            if (s == null) {
                throw new RegistryException(RegistryException.Kind.UNKNOWN_ID,
                        "the schema registry at memory does not know schema id " + id);
            }
            return s;
        }

        @Override
        public List<SubjectVersion> usages(int id) {
            return List.of(new SubjectVersion("ledger-value", id, id));
        }

        @Override
        public List<String> subjects() {
            return List.of("ledger-value");
        }

        @Override
        public List<Integer> versions(String subject) {
            return List.copyOf(byId.keySet());
        }

        @Override
        public SubjectVersion version(String subject, int version) {
            return new SubjectVersion(subject, version, version);
        }

        @Override
        public String compatibility(String subject) {
            return "BACKWARD";
        }

        @Override
        public String where() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }

    private static final Instant END = Instant.ofEpochMilli(10_000_000);

    private static SchemasInMemory registry() {
        return new SchemasInMemory().put(1, SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V1)
                .put(2, SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V2)
                .put(3, SchemaType.PROTOBUF, FramedLedgerEvents.PROTO_V3)
                .put(4, SchemaType.AVRO, FramedLedgerEvents.AVRO);
    }

    @Test
    void everyVersionOfTheSchemaAndAvroGiveTheSameExactBalancesAsTheLedgersOwnSchema() {
        ListLedgerSource framed = new ListLedgerSource("ledger", 3);
        ListLedgerSource plain = new ListLedgerSource("ledger", 3);
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (int i = 0; i < 4_000; i++) {
            String account = "acct-" + (i % 7);
            boolean credit = i % 3 != 0;
            BigDecimal amount = BigDecimal.valueOf(1 + i * 37L % 100_000, 2);
            LedgerEvent e = new LedgerEvent("ev-" + i, account,
                    credit ? LedgerEvent.Type.ACCOUNT_CREDITED : LedgerEvent.Type.ACCOUNT_DEBITED, amount, "tx " + i,
                    1_000 + i);
            expected.merge(account, credit ? amount : amount.negate(), BigDecimal::add);
            int version = 1 + i % 4; // v1, v2, v3 and Avro, in turn, as a topic holds them after the schema evolved
            byte[] value = version == 4 ? FramedLedgerEvents.avro(4, e) : FramedLedgerEvents.protobuf(version, version, e);
            byte[] key = account.getBytes(StandardCharsets.UTF_8);
            framed.add(i % 3, key, value);
            plain.add(i % 3, key, i % 2 == 0 ? LedgerEventCodec.toProtobuf(e) : LedgerEventCodec.toJson(e));
        }
        SchemasInMemory registry = registry();
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
        assertTrue(registry.asked <= 4 * 12, "each id is asked for once per decoding batch at most, not per record: "
                + registry.asked);
    }

    @Test
    void aFramedRecordWithAnUnknownIdOrWithoutARegistryIsAProblemWithItsReasonAndTheRestCounts() {
        LedgerEvent good = new LedgerEvent("a", "acct-1", LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("10.00"),
                "r", 1);
        LedgerEvent unknown = new LedgerEvent("b", "acct-1", LedgerEvent.Type.ACCOUNT_CREDITED, new BigDecimal("5.00"),
                "r", 2);
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        source.add(0, null, FramedLedgerEvents.protobuf(1, 1, good));
        source.add(0, null, FramedLedgerEvents.protobuf(99, 1, unknown));
        source.add(0, null, new byte[] {0, 0, 0}); // a frame cut short

        AuditReport withRegistry = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                LedgerSchemas.of(registry())).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE,
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
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        source.add(0, null, FramedLedgerEvents.protobuf(1, 1, new LedgerEvent("a", "acct-1",
                LedgerEvent.Type.ACCOUNT_CREDITED, BigDecimal.TEN, "r", 1)));
        for (RegistryException.Kind kind : List.of(RegistryException.Kind.UNREACHABLE, RegistryException.Kind.REFUSED,
                RegistryException.Kind.BAD_ANSWER)) {
            SchemasInMemory failing = new SchemasInMemory() {
                @Override
                public RegisteredSchema schema(int id) {
                    throw new RegistryException(kind, "the schema registry at memory said " + kind);
                }
            };
            LedgerReplayException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerReplayException.class,
                    () -> new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                            LedgerSchemas.of(failing)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE,
                            () -> false));
            assertTrue(e.getMessage().startsWith("the schema registry at memory said " + kind
                    + "; the replay stops rather than leave out the records framed with schema id 1"), e.getMessage());
        }
    }

    @Test
    void aSchemaThatIsNotALedgerEventSaysWhichFieldIsMissing() {
        SchemasInMemory registry = registry().put(7, SchemaType.PROTOBUF,
                "syntax = \"proto3\";\nmessage Other { string event_id = 1; string account_id = 2; }\n");
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        source.add(0, null, FramedLedgerEvents.protobuf(7, 1, new LedgerEvent("a", "acct-1",
                LedgerEvent.Type.ACCOUNT_CREDITED, BigDecimal.ONE, "r", 1)));
        AuditReport r = new LedgerReplay(source, SnapshotStore.NONE, LedgerReplay.Settings.defaults(),
                LedgerSchemas.of(registry)).balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false)
                .getFirst();
        assertEquals(1, r.undecodable());
        assertTrue(r.problems().getFirst().reason().contains("has no field event_type"), r.problems().getFirst().reason());
    }
}
