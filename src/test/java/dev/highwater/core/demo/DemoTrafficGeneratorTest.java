package dev.highwater.core.demo;

import dev.highwater.core.indexer.TransactionRules;
import dev.highwater.proto.blockchain.Transaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
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
