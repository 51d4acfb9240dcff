package dev.highwater.core.ledger;

import dev.highwater.proto.ledger.EventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each way a crafted record once made an audit lie, hang or merge accounts: now it is answered exactly, or
 * counted and listed as a problem, with the same answer from snapshots as from a full replay.
 */
class AuditIntegrityTest {

    private static final long T0 = 1_710_492_000_000L;
    private static final Instant END = Instant.ofEpochMilli(T0 + 3_600_000);
    private static final LedgerReplay.Settings SMALL = new LedgerReplay.Settings(2, 0, 4, 100, 1_000_000);

    private static byte[] json(String type, String id, String account, String amount, long ts) {
        return ("{\"eventType\":\"" + type + "\",\"eventId\":\"" + id + "\",\"accountId\":\"" + account
                + "\",\"amount\":" + amount + ",\"timestamp\":" + ts + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] credit(String id, String account, String amount, long ts) {
        return json("ACCOUNT_CREDITED", id, account, "\"" + amount + "\"", ts);
    }

    private static AuditReport audit(ListLedgerSource source, SnapshotStore store) {
        return new LedgerReplay(source, store, SMALL)
                .balancesAt("ledger", List.of(END), LedgerReplay.Listener.NONE, () -> false).getFirst();
    }

    /** A full replay, then the same question twice more from the snapshots the first one cut; all agree. */
    private static AuditReport auditThrice(ListLedgerSource source) {
        MemorySnapshotStore store = new MemorySnapshotStore();
        AuditReport full = audit(source, SnapshotStore.NONE);
        audit(source, store);
        AuditReport assisted = audit(source, store);
        assertTrue(assisted.stats().fromSnapshot() > 0, "the second query starts from a snapshot");
        assertEquals(SnapshotReplayPropertyTest.plain(full.balances()),
                SnapshotReplayPropertyTest.plain(assisted.balances()));
        assertEquals(full.events(), assisted.events());
        assertEquals(full.conflicts(), assisted.conflicts());
        assertFalse(String.join(" ", assisted.notes()).contains("could not be read"), assisted.notes().toString());
        return full;
    }

    private static ListLedgerSource ledger(byte[]... values) {
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        for (byte[] v : values) {
            source.add(0, null, v);
        }
        return source;
    }

    @Test
    void aSixHundredDigitAmountIsAProblemAndCannotBendASnapshot() {
        ListLedgerSource source = ledger(
                credit("big", "acct-1", "1" + "0".repeat(617), T0),
                credit("c-1", "acct-1", "100.00", T0 + 1),
                credit("c-2", "acct-1", "37.50", T0 + 2),
                credit("c-3", "acct-2", "1.00", T0 + 3),
                credit("c-4", "acct-2", "1.00", T0 + 4));
        AuditReport r = auditThrice(source);
        assertEquals("137.50", r.balances().balanceOf("acct-1").toPlainString());
        assertEquals(1, r.undecodable());
        assertTrue(r.problems().getFirst().reason().contains("more digits than a ledger amount may have"),
                r.problems().toString());
    }

    @Test
    void aSeventyThousandByteAccountIdIsKeptInSnapshots() {
        String longId = "L".repeat(70_000);
        ListLedgerSource source = ledger(
                credit("a", longId, "5.00", T0), credit("b", "acct-2", "1.00", T0 + 1),
                credit("c", longId, "2.50", T0 + 2), credit("d", "acct-2", "1.00", T0 + 3),
                credit("e", longId, "0.50", T0 + 4));
        AuditReport r = auditThrice(source);
        assertEquals("8.00", r.balances().balanceOf(longId).toPlainString());
    }

    @Test
    void accountIdsThatAreNotUtf8StayApartAndAreSaidSo() {
        ListLedgerSource source = new ListLedgerSource("ledger", 1);
        for (int b : new int[] {0xFF, 0xFE}) {
            byte[] account = new byte[] {'a', 'c', 'c', 't', '-', (byte) b};
            source.add(0, account, new byte[0]); // a tombstone keeps the offsets honest
            source.add(0, account, protobuf("id-" + b, account, b == 0xFF ? "10.00" : "3.00", T0 + b));
        }
        AuditReport r = auditThrice(source);
        assertEquals("10.00", r.balances().balanceOf("acct-\\xff").toPlainString());
        assertEquals("3.00", r.balances().balanceOf("acct-\\xfe").toPlainString());
        String json = AuditExport.json(r);
        assertTrue(json.contains("\"acct-\\\\xff\":\"10.00\"") && json.contains("\"acct-\\\\xfe\":\"3.00\""), json);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("2 account ids are not UTF-8")), r.notes().toString());
        assertEquals("acct-\\xff", AccountId.text(AccountId.bytes("acct-\\xff")));
    }

    private static byte[] protobuf(String id, byte[] account, String amount, long ts) {
        byte[] head = dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId(id)
                .setEventType(EventType.ACCOUNT_CREDITED).setAmount(amount).setTimestamp(ts).build().toByteArray();
        byte[] out = new byte[head.length + 2 + account.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = 0x12; // field 2, account_id, as bytes that need not be UTF-8
        out[head.length + 1] = (byte) account.length;
        System.arraycopy(account, 0, out, head.length + 2, account.length);
        return out;
    }

    @Test
    void anIdReusedForAnotherAmountOrTimeIsAConflictListedWithBothRecords() {
        ListLedgerSource source = ledger(
                credit("e-1", "acct-1", "100.00", T0),         // offset 0: the event
                credit("e-1", "acct-1", "100.00", T0),         // offset 1: a redelivery
                credit("e-1", "acct-1", "90.00", T0),          // offset 2: same time, another amount
                credit("e-1", "acct-1", "100.00", T0 + 5_000), // offset 3: same amount, another time
                credit("e-2", "acct-1", "1.00", T0 + 10));
        AuditReport r = auditThrice(source);
        assertEquals("101.00", r.balances().balanceOf("acct-1").toPlainString());
        assertEquals(2, r.events());
        assertEquals(1, r.duplicates());
        assertEquals(2, r.conflicts());
        List<String> conflicts = r.problems().stream().filter(p -> p.reason().contains("e-1"))
                .map(p -> p.offset() + ": " + p.reason()).toList();
        assertEquals(2, conflicts.size(), r.problems().toString());
        assertTrue(conflicts.getFirst().startsWith("2: ") && conflicts.getFirst().contains("partition 0 offset 0")
                && conflicts.getFirst().contains("amount 90.00 here, 100.00 there"), conflicts.getFirst());
        assertTrue(conflicts.get(1).startsWith("3: ") && conflicts.get(1).contains("event time"), conflicts.get(1));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("uses the earliest event")), r.notes().toString());
    }

    @Test
    void theEarliestRecordOfAnIdIsUsedWhicheverIsReadFirst() {
        ListLedgerSource source = new ListLedgerSource("ledger", 2);
        source.add(0, null, credit("e-1", "acct-1", "7.00", T0 + 9_000)); // read first, but later
        source.add(1, null, credit("e-1", "acct-2", "5.00", T0));         // the earlier: the event
        source.add(1, null, credit("e-2", "acct-2", "1.00", T0 + 1));
        AuditReport r = auditThrice(source);
        assertEquals("0.00", r.balances().balanceOf("acct-1").toPlainString());
        assertEquals("6.00", r.balances().balanceOf("acct-2").toPlainString());
        assertEquals(1, r.conflicts());
    }

    @Test
    void amountsThatAreNotPlainAsciiDecimalsAreProblemsInBothShapes() {
        byte[] negativeProto = dev.highwater.proto.ledger.LedgerEvent.newBuilder().setEventId("p").setAccountId("a")
                .setEventType(EventType.ACCOUNT_CREDITED).setAmount("-50.00").setTimestamp(T0).build().toByteArray();
        ListLedgerSource source = ledger(
                json("ACCOUNT_CREDITED", "dup-key", "a", "\"12\",\"amount\":\"13\"", T0),
                credit("arabic", "a", "١٠٠", T0),
                credit("negative", "a", "-50.00", T0),
                negativeProto,
                credit("exp", "a", "1e3", T0),
                credit("ok", "a", "2.00", T0 + 1));
        AuditReport r = audit(source, SnapshotStore.NONE);
        assertEquals("2.00", r.balances().balanceOf("a").toPlainString());
        assertEquals(5, r.undecodable());
        List<String> reasons = r.problems().stream().map(Problem::reason).toList();
        assertTrue(reasons.get(0).contains("field amount appears twice"), reasons.get(0));
        assertTrue(reasons.get(1).contains("'١٠٠' is not an ASCII decimal"), reasons.get(1));
        assertTrue(reasons.get(2).contains("is negative"), reasons.get(2));
        assertTrue(reasons.get(3).contains("is negative"), reasons.get(3));
        assertTrue(reasons.get(4).contains("'1e3' is not an ASCII decimal"), reasons.get(4));
    }

    @Test
    void amountsBeyondAnyLedgerScaleAreProblemsAndTheAuditGoesOn() {
        ListLedgerSource source = ledger(
                credit("tiny", "a", "1e-50000000", T0),
                credit("tinier", "a", "1e-999999999", T0),
                credit("scale", "a", "0." + "0".repeat(5_000) + "1", T0),
                credit("ok", "a", "2.00", T0 + 1));
        AuditReport r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> audit(source, SnapshotStore.NONE));
        assertEquals("2.00", r.balances().balanceOf("a").toPlainString());
        assertEquals(3, r.undecodable());
    }

    @Test
    void anInstantOutsideTheRangeOfEventTimesIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditInstant.parse("+999999999-12-31T23:59:59Z", Clock.systemUTC()));
        assertTrue(e.getMessage().contains("outside the instants an audit can answer")
                && e.getMessage().contains("+292278994-08-17T07:12:55.807Z"), e.getMessage());
        assertEquals(AuditInstant.LATEST, AuditInstant.parse("+292278994-08-17T07:12:55.807Z", Clock.systemUTC()));
    }

    @Test
    void anAccountTheTopicNeverMentionsIsShownAtZeroWithANote() {
        AuditReport r = audit(ledger(credit("a", "acct-1", "1.00", T0)), SnapshotStore.NONE).only(List.of("acct-9"));
        assertEquals("0", r.balances().balanceOf("acct-9").toPlainString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("acct-9 does not appear")), r.notes().toString());
    }

    @Test
    void anAccountsHistoryFollowsTheSameRulesAsTheAudit() {
        ListLedgerSource source = new ListLedgerSource("ledger", 2);
        byte[] key = "acct-1".getBytes(StandardCharsets.UTF_8);
        source.add(0, key, credit("e-1", "acct-1", "7.00", T0 + 9_000)); // read first, but the later record of e-1
        source.add(1, key, credit("e-1", "acct-1", "5.00", T0));         // the event
        source.add(1, key, credit("e-1", "acct-1", "5.00", T0));         // its redelivery
        source.add(1, key, credit("e-2", "acct-1", "1.00", T0 + 1));
        AccountHistory h = new AccountHistoryReader(source).read("ledger", "acct-1", END, 10,
                LedgerReplay.Listener.NONE, () -> false);
        AuditReport r = audit(source, SnapshotStore.NONE);
        assertEquals(r.balances().balanceOf("acct-1").toPlainString(), h.balanceAt().toPlainString());
        assertEquals("6.00", h.balanceAt().toPlainString());
        assertEquals(2, h.eventsAt());
        assertEquals(1, h.duplicates());
        assertEquals(List.of(1L, 1L), h.rows().stream().map(AccountHistory.Row::partition).map(Long::valueOf).toList());
    }
}
