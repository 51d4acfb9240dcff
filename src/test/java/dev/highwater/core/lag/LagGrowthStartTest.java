package dev.highwater.core.lag;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** When a group's lag in seconds began to grow, over hand-made series of its totals, one a second from T0. */
class LagGrowthStartTest {

    private static final Instant T0 = Instant.parse("2026-03-15T09:00:00Z");
    private static final PartitionId TOTAL = new PartitionId("", -1);

    /** The group's totals, the i-th at T0 + i s with these lags in seconds (null: unknown). */
    private static List<LagSample> series(Double... lagSeconds) {
        List<LagSample> out = new ArrayList<>();
        for (int i = 0; i < lagSeconds.length; i++) {
            out.add(new LagSample(T0.plusSeconds(i).toEpochMilli(), "billing", TOTAL, 0L, lagSeconds[i], 0.0, 0.0));
        }
        return out;
    }

    private static Double[] steady(int n, double... pattern) {
        Double[] out = new Double[n];
        for (int i = 0; i < n; i++) {
            out[i] = pattern[i % pattern.length];
        }
        return out;
    }

    private static Double[] concat(Double[] a, Double... b) {
        Double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aSteadyLagHasNoStartAndSaysWhy() {
        LagGrowthStart.NotFound none = assertInstanceOf(LagGrowthStart.NotFound.class,
                LagGrowthStart.find("billing", series(steady(600, 2, 3, 2.5, 4))));
        assertEquals("The lag of billing is not growing: 4.0 s at 2026-03-15T09:09:59Z, within 10 s of its lowest,"
                + " 2.0 s at 2026-03-15T09:09:56Z, so there is no start to rewind to.", none.reason());
    }

    @Test
    void aStallFromACaughtUpGroupStartsAtItsLastCaughtUpSample() {
        // caught up for a minute, then stuck: the oldest record ages with the clock from 09:01:00 on
        Double[] lags = concat(steady(60, 0), 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0);
        LagGrowthStart.Found found = assertInstanceOf(LagGrowthStart.Found.class,
                LagGrowthStart.find("billing", series(lags)));
        assertEquals(T0.plusSeconds(64), found.startedAt(), "the last sample within 5 s of the floor");
        assertEquals(5, found.fromSeconds());
        assertEquals(12, found.nowSeconds());
        assertEquals(T0.plusSeconds(59), found.rewindTo(), "where it stopped: its oldest record was 5 s old then");
    }

    @Test
    void growthWithTheSawToothOfBatchCommitsStartsWhenItLastWasNearItsFloor() {
        // ten minutes at 2..5 s, then a saw-tooth whose low points rise a second per second, with a deep dip
        Double[] lags = concat(steady(600, 2, 3, 5, 4),
                3.0, 8.0, 5.0, 10.0, 7.0, 12.0, 9.0, 14.0, 11.0, 16.0, 8.0, 18.0, 15.0, 20.0, 17.0, 22.0);
        LagGrowthStart.Found found = assertInstanceOf(LagGrowthStart.Found.class,
                LagGrowthStart.find("billing", series(lags)));
        assertEquals(T0.plusSeconds(604), found.startedAt(), "the last sample within 5 s of the lowest, 2 s");
        assertEquals(7, found.fromSeconds());
        assertEquals(T0.plusSeconds(597), found.rewindTo(), "less the 7 s its oldest record was old then");
        assertEquals("The lag of billing began to grow at 2026-03-15T09:10:04Z (from 7.0 s to 22 s at"
                + " 2026-03-15T09:10:15Z): rewinding to 2026-03-15T09:09:57Z, when the oldest record it had not"
                + " consumed then was written.", found.describe("billing"));
    }

    @Test
    void aGrowthThatRecoveredIsNotGrowingNow() {
        Double[] lags = concat(steady(10, 1), 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 10.0, 2.0, 1.0, 1.0);
        LagGrowthStart.NotFound none = assertInstanceOf(LagGrowthStart.NotFound.class,
                LagGrowthStart.find("billing", series(lags)));
        assertEquals("The lag of billing is not growing: 1.0 s at 2026-03-15T09:00:19Z, within 10 s of its lowest,"
                + " 1.0 s at 2026-03-15T09:00:19Z, so there is no start to rewind to.", none.reason());
    }

    @Test
    void withoutHistoryOrWithoutRecordTimesThereIsNoStart() {
        assertEquals("There is no lag history of billing.", assertInstanceOf(LagGrowthStart.NotFound.class,
                LagGrowthStart.find("billing", List.of())).reason());
        assertEquals("The lag history of billing holds no lag in seconds (the times of its records could not be"
                + " read), so when its lag began to grow is not known.", assertInstanceOf(
                LagGrowthStart.NotFound.class, LagGrowthStart.find("billing", series(null, null, null))).reason());
    }

    @Test
    void partitionRowsAndUnknownSamplesAreLeftOut() {
        List<LagSample> samples = new ArrayList<>(series(concat(steady(5, 0), null, 20.0, null, 30.0)));
        samples.add(2, new LagSample(T0.plusSeconds(2).toEpochMilli(), "billing", new PartitionId("orders", 0),
                0L, 500.0, 0.0, 0.0));
        LagGrowthStart.Found found = assertInstanceOf(LagGrowthStart.Found.class,
                LagGrowthStart.find("billing", samples));
        assertEquals(T0.plusSeconds(4), found.startedAt());
        assertEquals(30, found.nowSeconds());
    }
}
