package dev.highwater.grpc;

import dev.highwater.core.indexer.BlockIndex;
import dev.highwater.proto.blockchain.Block;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockCursorTest {

    private final ScriptedServerCall<Block> call = new ScriptedServerCall<>();

    @Test
    void sendsOnlyWhileTheCallIsReadyAndResumesWhereItStopped() {
        BlockIndex index = blocks(new BlockIndex(), 5);
        BlockCursor<Block> cursor = new BlockCursor<>(index, call, block -> block);
        call.setOnReadyHandler(cursor::drain);
        index.onSealed(block -> cursor.drain());
        call.readyFor(2);

        cursor.start(1, BlockCursor.LIVE, () -> { });
        assertEquals(List.of(1L, 2L), sentHeights());

        call.allow(2);
        assertEquals(List.of(1L, 2L, 3L, 4L), sentHeights());

        call.allow(10);
        index.roll(6);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sentHeights());
    }

    @Test
    void aReaderBehindTheRetainedWindowCarriesOnFromTheOldestBlock() {
        BlockIndex index = blocks(new BlockIndex(3, 1_000), 6);
        new BlockCursor<>(index, call, block -> block).start(1, BlockCursor.LIVE, () -> { });

        assertEquals(List.of(4L, 5L, 6L), sentHeights());
    }

    @Test
    void aBoundedRangeReportsItsEndOnce() {
        BlockIndex index = blocks(new BlockIndex(), 5);
        AtomicInteger ends = new AtomicInteger();
        BlockCursor<Block> cursor = new BlockCursor<>(index, call, block -> block);

        cursor.start(2, 3, ends::incrementAndGet);
        cursor.drain();

        assertEquals(List.of(2L, 3L), sentHeights());
        assertEquals(1, ends.get());
    }

    private List<Long> sentHeights() {
        return call.sent.stream().map(Block::getHeight).toList();
    }

    private static BlockIndex blocks(BlockIndex index, int count) {
        for (int i = 1; i <= count; i++) {
            index.roll(i);
        }
        return index;
    }
}
