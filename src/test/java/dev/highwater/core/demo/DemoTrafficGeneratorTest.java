package dev.highwater.core.demo;

import dev.highwater.core.indexer.TransactionRules;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoTrafficGeneratorTest {

    @Test
    void theHotSenderTakesItsShareAndEveryPaymentIsValid() {
        DemoTrafficGenerator g = new DemoTrafficGenerator(0.4, 1_000, 42);
        List<Transaction> txs = IntStream.range(0, 20_000).mapToObj(i -> g.next(1_000L + i)).toList();
        double hot = txs.stream().filter(t -> t.getSender().equals(DemoTrafficGenerator.HOT_SENDER)).count() / 20_000.0;
        assertEquals(0.4, hot, 0.02);
        Set<String> hashes = new HashSet<>();
        for (Transaction t : txs) {
            assertTrue(TransactionRules.problem(t).isEmpty(), t.toString());
            assertNotEquals(t.getSender(), t.getRecipient());
            BigDecimal amount = new BigDecimal(t.getAmount());
            assertEquals(2, amount.scale(), "exact cents: " + t.getAmount());
            assertTrue(amount.signum() > 0);
            assertEquals(32, t.getHash().size());
            hashes.add(t.getHash().toStringUtf8());
        }
        assertEquals(20_000, hashes.size(), "every payment has its own hash");
        double confirmed = txs.stream().filter(t -> t.getStatus() == DemoTrafficGenerator.STATUS_CONFIRMED).count() / 20_000.0;
        assertTrue(confirmed > 0.95 && confirmed < 0.99, "most payments confirm: " + confirmed);
    }

    @Test
    void paymentsNeverOverdrawAnAccountAndTheAggregatorKeepsPaying() {
        DemoTrafficGenerator g = new DemoTrafficGenerator(0.4, 1_000, 7);
        Map<String, BigDecimal> ledger = new HashMap<>();
        g.accounts().forEach(a -> ledger.put(a, DemoTrafficGenerator.OPENING_BALANCE));
        ledger.put(DemoTrafficGenerator.HOT_SENDER, DemoTrafficGenerator.HOT_SENDER_OPENING_BALANCE);
        int count = 400_000; // the aggregator's opening balance covers about 100,000 payments without collecting
        long hotConfirmedLate = 0;
        for (int i = 0; i < count; i++) {
            Transaction t = g.next(i);
            if (t.getStatus() != DemoTrafficGenerator.STATUS_CONFIRMED) {
                continue; // only confirmed payments reach the ledger
            }
            BigDecimal amount = new BigDecimal(t.getAmount());
            BigDecimal left = ledger.merge(t.getSender(), amount.negate(), BigDecimal::add);
            ledger.merge(t.getRecipient(), amount, BigDecimal::add);
            assertTrue(left.signum() >= 0, "payment " + i + " overdraws " + t.getSender() + " to " + left);
            assertEquals(0, left.compareTo(g.balanceOf(t.getSender())), "the generator knows what is left");
            if (i >= count - 40_000 && t.getSender().equals(DemoTrafficGenerator.HOT_SENDER)) {
                hotConfirmedLate++;
            }
        }
        // still about 40% of the last 40,000 payments, nearly all of them confirmed: it collects what it pays
        assertTrue(hotConfirmedLate > 14_000, "the aggregator still pays: " + hotConfirmedLate);
    }

    @Test
    void aKeptLedgerIsPaidFromWhatItHolds() {
        DemoTrafficGenerator g = new DemoTrafficGenerator(0.4, 10, 3);
        g.startFrom(Map.of(DemoTrafficGenerator.HOT_SENDER, new BigDecimal("0.00")));
        for (int i = 0; i < 2_000; i++) {
            Transaction t = g.next(i);
            assertNotEquals(DemoTrafficGenerator.STATUS_CONFIRMED, t.getStatus(), "nobody holds anything: " + t);
        }
    }

    @Test
    void noHotShareMeansNoHotSender() {
        DemoTrafficGenerator g = new DemoTrafficGenerator(0, 50, 1);
        assertTrue(IntStream.range(0, 2_000).mapToObj(i -> g.next(i)).noneMatch(
                t -> t.getSender().equals(DemoTrafficGenerator.HOT_SENDER)));
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DemoTrafficGenerator(1.5, 10, 1))
                .getMessage().contains("between 0 and 1"));
        assertThrows(IllegalArgumentException.class, () -> new DemoTrafficGenerator(0.4, 1, 1));
    }
}
