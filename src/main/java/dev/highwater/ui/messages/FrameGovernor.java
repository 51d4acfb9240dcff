package dev.highwater.ui.messages;

import dev.highwater.core.decode.Pace;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows a full-rate tail down while the screen's frames run late, so the UI keeps its frame rate on a machine
 * whose cores the reader, the decode workers and a local broker would otherwise fill (the UI thread then waits
 * for a CPU, it is not busy). The view reports every frame ({@link #frame}); every quarter second the governor
 * looks at the frame rate: below {@link #SLOW_FPS} the reader's pause between batches doubles (quadruples
 * below half that rate; at least
 * {@link #FIRST_STEP_NANOS}, at most {@link #MAX_DELAY_NANOS}); at or above {@link #FAST_FPS} it shrinks by an
 * eighth, down to nothing, so full speed comes back soon after frames are on time. A frame missing for longer
 * than {@link #STALL_NANOS} makes the reader pause the longest at once. With no frames reported (no screen) it never slows anything.
 * Pausing the reader is enough: the hand-over queue and the broker's fetches follow it.
 */
final class FrameGovernor implements Pace {

    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final double SLOW_FPS = 54;
    static final double FAST_FPS = 57;
    static final long FIRST_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long MAX_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier clock;
    private long windowStart = -1;
    private long lastFrame = -1;
    private int frames;
    private long delay;

    /** @param clock nanoseconds on the same scale as the frame times (System::nanoTime for JavaFX pulses) */
    FrameGovernor(LongSupplier clock) {
        this.clock = clock;
    }

    /** From the UI thread, once per frame, with the frame's time. */
    synchronized void frame(long now) {
        if (windowStart < 0) {
            windowStart = now;
            lastFrame = now;
            return;
        }
        frames++;
        lastFrame = now;
        long span = now - windowStart;
        if (span < WINDOW_NANOS) {
            return;
        }
        double fps = frames * 1e9 / span;
        if (fps < SLOW_FPS) {
            int factor = fps < SLOW_FPS / 2 ? 4 : 2; // far behind: catch up in fewer (long) windows
            delay = Math.min(MAX_DELAY_NANOS, Math.max(FIRST_STEP_NANOS, delay * factor));
        } else if (fps >= FAST_FPS) {
            delay = delay < FIRST_STEP_NANOS / 2 ? 0 : delay - delay / 8;
        }
        windowStart = now;
        frames = 0;
    }

    /** The screen stopped showing frames (it left the window): forget them and run at full speed. */
    synchronized void stopWatching() {
        windowStart = -1;
        lastFrame = -1;
        frames = 0;
        delay = 0;
    }

    /** How long the reader should pause after a batch now, in nanoseconds. */
    synchronized long delayNanos() {
        if (lastFrame < 0) {
            return 0;
        }
        if (clock.getAsLong() - lastFrame > STALL_NANOS) {
            delay = Math.max(delay, MAX_DELAY_NANOS / 2); // starved: no need to wait for the next frame to say so
            return MAX_DELAY_NANOS;
        }
        return delay;
    }

    @Override
    public void betweenBatches() throws InterruptedException {
        long d = delayNanos();
        if (d > 0) {
            TimeUnit.NANOSECONDS.sleep(d);
        }
    }
}
