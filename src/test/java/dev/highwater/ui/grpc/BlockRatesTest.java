package dev.highwater.ui.grpc;

import dev.highwater.proto.blockchain.Block;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block rates from the blocks' own timestamps, with controlled times: no clock, no waiting. */
class BlockRatesTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    /** {@code count} blocks one second apart from {@code T0}, each with {@code tx} transactions. */
    private static List<BlockRow> everySecond(int count, int tx) {
        List<BlockRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new BlockRow(i + 1, "", T0.plusSeconds(i), tx, Block.getDefaultInstance()));
        }
        return rows;
    }

    @Test
    void aBacklogReceivedAtOnceReadsAsTheRateItWasMadeAt() {
        // one block a second for a minute, all handed over in one burst on subscribing
        BlockRates.Rates r = BlockRates.of(everySecond(60, 2_000));

        assertTrue(r.known());
        assertEquals(1.0, r.blocksPerSecond(), 1e-9);
        assertEquals(2_000.0, r.transactionsPerSecond(), 1e-9);
        assertEquals(BlockRates.WINDOW, r.span(), "over the newest 30 s, not the whole backlog");
        assertEquals("1.0 blocks/s · 2,000 tx/s (over 30 s)", BlockRates.words(r, Duration.ofMillis(300)));
    }

    @Test
    void tooFewBlocksAreMeasuringNotARate() {
        BlockRates.Rates two = BlockRates.of(everySecond(2, 2_000));
        assertFalse(two.known());
        assertEquals("measuring rates (2 of 5 blocks)…", BlockRates.words(two, Duration.ZERO));

        // five blocks, but within two seconds: too short a span to mean a rate
        List<BlockRow> fast = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fast.add(new BlockRow(i, "", T0.plusMillis(500L * i), 10, Block.getDefaultInstance()));
        }
        assertFalse(BlockRates.of(fast).known());
        assertEquals("measuring rates (2.0 s of 3 s)…", BlockRates.words(BlockRates.of(fast), Duration.ZERO));
        // a fast chain: twenty blocks are enough, even within a second
        List<BlockRow> twenty = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            twenty.add(new BlockRow(i, "", T0.plusMillis(50L * i), 10, Block.getDefaultInstance()));
        }
        assertEquals(20.0, BlockRates.of(twenty).blocksPerSecond(), 1e-9);
        assertEquals("measuring rates (0 of 5 blocks)…", BlockRates.words(BlockRates.of(List.of()), Duration.ZERO));
    }

    @Test
    void aQuietStreamSaysSoBesideItsLastRate() {
        BlockRates.Rates r = BlockRates.of(everySecond(10, 100));

        assertEquals(1.0, r.blocksPerSecond(), 1e-9);
        assertEquals("1.0 blocks/s · 100 tx/s (over 9.0 s) · no block for 12 s",
                BlockRates.words(r, Duration.ofSeconds(12)));
    }
}
