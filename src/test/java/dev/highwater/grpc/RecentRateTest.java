package dev.highwater.grpc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void measuresOverTheWindowAndFallsToZeroWhenSamplesStop() {
        RecentRate rate = new RecentRate(4 * SECOND);
        assertEquals(0, rate.perSecond(0));

        for (int s = 0; s <= 10; s++) {
            rate.record(s * 100L, s * SECOND);
        }
        assertEquals(100, rate.perSecond(10 * SECOND), 1e-9);
        assertEquals(100, rate.perSecond(11 * SECOND), 1e-9, "a sample a second late is not a slowdown");
        assertEquals(0, rate.perSecond(30 * SECOND), 1e-9);
    }
}
