package dev.highwater.core.decode;

/**
 * Called by a reading thread between batches: it may sleep a little so that others (a UI painting) get the CPU.
 * {@link #FULL_SPEED} never waits; the command line and the benchmarks without a screen use it.
 */
@FunctionalInterface
public interface Pace {

    Pace FULL_SPEED = () -> { };

    /** Returns at once, or after a short sleep when whoever governs the pace asks the reader to yield. */
    void betweenBatches() throws InterruptedException;
}
