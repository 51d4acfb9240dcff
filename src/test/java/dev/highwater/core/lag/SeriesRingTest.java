package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesRingTest {

    @Test
    void onceFullTheOldestPointsAreOverwrittenAndTheCopyIsOldestFirst() {
        SeriesRing ring = new SeriesRing(3);
        for (int i = 1; i <= 5; i++) {
            ring.add(i * 1_000L, i * 10.0);
        }

        SeriesRing.Points points = ring.snapshot();

        assertArrayEquals(new double[] {3_000, 4_000, 5_000}, points.times());
        assertArrayEquals(new double[] {30, 40, 50}, points.values());
        assertEquals(5, ring.written());
        assertEquals(2, ring.dropped());
    }

    @Test
    void beforeItIsFullOnlyWrittenPointsAreCopied() {
        SeriesRing ring = new SeriesRing(4);
        ring.add(1_000L, 1.0);
        ring.add(2_000L, 2.0);

        assertArrayEquals(new double[] {1, 2}, ring.snapshot().values());
        assertEquals(0, new SeriesRing(4).snapshot().size());
    }

    @Test
    void aGapAndAnUnknownValueAreNaNNotZero() {
        SeriesRing ring = new SeriesRing(4);
        ring.add(1_000L, 5.0);
        ring.addGap(2_000L);
        ring.add(3_000L, (Double) null);
        ring.add(4_000L, 7.0);

        double[] values = ring.snapshot().values();

        assertTrue(Double.isNaN(values[1]));
        assertTrue(Double.isNaN(values[2]));
        assertEquals(7.0, values[3]);
        assertArrayEquals(new double[] {1_000, 2_000, 3_000, 4_000}, ring.snapshot().times());
    }

    @Test
    void aCopyIsNotChangedByLaterWrites() {
        SeriesRing ring = new SeriesRing(2);
        ring.add(1_000L, 1.0);
        SeriesRing.Points before = ring.snapshot();
        ring.add(2_000L, 2.0);
        ring.add(3_000L, 3.0);

        assertArrayEquals(new double[] {1}, before.values());
    }
}
