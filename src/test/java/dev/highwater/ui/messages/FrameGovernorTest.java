package dev.highwater.ui.messages;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameGovernorTest {

    private long clock;
    private final FrameGovernor governor = new FrameGovernor(() -> clock);

    /** Shows frames at the given rate for the given time, the clock following them. */
    private void frames(double fps, long millis) {
        long step = (long) (1e9 / fps);
        long end = clock + TimeUnit.MILLISECONDS.toNanos(millis);
        while (clock + step <= end) {
            clock += step;
            governor.frame(clock);
        }
    }

    @Test
    void withoutAScreenTheTailRunsAtFullSpeed() {
        clock = TimeUnit.SECONDS.toNanos(5);
        assertEquals(0, governor.delayNanos());
    }

    @Test
    void framesOnTimeLeaveTheTailAtFullSpeed() {
        governor.frame(clock);
        frames(60, 3_000);
        assertEquals(0, governor.delayNanos());
    }

    @Test
    void lateFramesSlowTheTailMoreUntilTheCap() {
        governor.frame(clock);
        frames(40, 300);
        long first = governor.delayNanos();
        assertEquals(FrameGovernor.FIRST_STEP_NANOS, first);
        frames(40, 300);
        assertEquals(2 * first, governor.delayNanos());
        frames(30, 5_000);
        assertEquals(FrameGovernor.MAX_DELAY_NANOS, governor.delayNanos());
    }

    @Test
    void fullSpeedComesBackOnceFramesAreOnTime() {
        governor.frame(clock);
        frames(30, 3_000);
        long slowed = governor.delayNanos();
        frames(60, 1_000);
        long easing = governor.delayNanos();
        assertTrue(easing < slowed && easing > 0, "eases off gradually: " + easing);
        frames(60, 20_000);
        assertEquals(0, governor.delayNanos());
    }

    @Test
    void framesInTheMiddleBandHoldThePace() {
        governor.frame(clock);
        frames(40, 300);
        frames(55, 300); // a window that still holds some of the slow frames
        long held = governor.delayNanos();
        assertTrue(held > 0);
        frames(55, 2_000);
        assertEquals(held, governor.delayNanos());
    }

    @Test
    void aMissingFrameCountsAsLateAtOnce() {
        governor.frame(clock);
        frames(60, 1_000);
        clock += TimeUnit.MILLISECONDS.toNanos(300);
        assertEquals(FrameGovernor.MAX_DELAY_NANOS, governor.delayNanos());
        governor.frame(clock);
        assertTrue(governor.delayNanos() > 0, "stays slowed after the stall");
    }

    @Test
    void leavingTheWindowRestoresFullSpeed() {
        governor.frame(clock);
        frames(20, 2_000);
        governor.stopWatching();
        clock += TimeUnit.SECONDS.toNanos(1);
        assertEquals(0, governor.delayNanos());
    }
}
