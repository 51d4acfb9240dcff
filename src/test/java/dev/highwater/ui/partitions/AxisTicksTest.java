package dev.highwater.ui.partitions;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every tick of an axis in one format, at round steps. */
class AxisTicksTest {

    private static List<String> labels(double step, double top) {
        AxisTicks.NumberFormat format = AxisTicks.NumberFormat.forTicks(step, top);
        List<String> out = new ArrayList<>();
        for (double v = 0; v <= top + step / 2; v += step) {
            out.add(format.format(v));
        }
        return out;
    }

    @Test
    void oneNumberFormatPerAxisNeverFiveThousandNextToTenK() {
        assertEquals(List.of("0", "5 k", "10 k", "15 k", "20 k", "25 k", "30 k", "35 k", "40 k", "45 k"),
                labels(5_000, 45_000));
        assertEquals(List.of("0", "500", "1,000", "1,500", "2,000", "2,500"), labels(500, 2_500));
        assertEquals(List.of("0", "2.5 k", "5.0 k", "7.5 k", "10.0 k", "12.5 k"), labels(2_500, 12_500),
                "the same decimals on every tick");
        assertEquals(List.of("0", "0.5 M", "1.0 M", "1.5 M"), labels(500_000, 1_500_000));
        assertEquals(List.of("0", "0.5", "1.0", "1.5", "2.0"), labels(0.5, 2));
    }

    @Test
    void stepsAreRoundAndTimeLabelsCarryTenthsOnlyBelowASecond() {
        assertEquals(5_000, AxisTicks.numberStep(3_200));
        assertEquals(2, AxisTicks.numberStep(1.2));
        assertEquals(15, AxisTicks.timeStep(12));
        assertEquals(60, AxisTicks.timeStep(31));
        assertEquals(0.5, AxisTicks.timeStep(0.3));
        assertEquals(10, AxisTicks.timeStepAtMost(14), "a zoomed-in span of 14 s still holds a tick");
        assertEquals(0.2, AxisTicks.timeStepAtMost(0.3));
        assertEquals(0.05, AxisTicks.timeStepAtMost(0.07), 1e-12);
        double at = 1_796_000_000.5;
        assertEquals("00:53:20", AxisTicks.clock(at - 0.5, 10, ZoneOffset.UTC));
        assertEquals("00:53:20.5", AxisTicks.clock(at, 0.5, ZoneOffset.UTC));
        assertTrue(AxisTicks.widestClock(0.5).length() > AxisTicks.widestClock(1).length());
    }
}
