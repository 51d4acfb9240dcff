package dev.highwater.core.lag;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.function.ToLongFunction;

/**
 * One series' samples from consecutive connected snapshots, trimmed to a time span: what rates and trends are
 * computed from. Anything that breaks continuity (a disconnection, an offset going backwards, the clock going
 * back) clears it, so a rate never spans a gap: it restarts instead of showing a fake zero or a spike.
 */
final class SampleWindow<S extends SampleWindow.Timed> {

    /** A sample taken at a snapshot's time. */
    interface Timed {
        long at();
    }

    /** Bounds memory when refreshes come much faster than the span. */
    static final int MAX_SAMPLES = 600;

    private final ArrayDeque<S> samples = new ArrayDeque<>();
    private final long spanMillis;

    SampleWindow(long spanMillis) {
        this.spanMillis = spanMillis;
    }

    /** Adds the newest sample and drops those older than the span, keeping two so that a rate exists. */
    void add(S sample) {
        if (!samples.isEmpty() && sample.at() < samples.peekLast().at()) {
            samples.clear();
        }
        samples.addLast(sample);
        while (samples.size() > MAX_SAMPLES
                || (samples.size() > 2 && sample.at() - samples.peekFirst().at() > spanMillis)) {
            samples.removeFirst();
        }
    }

    void clear() {
        samples.clear();
    }

    int size() {
        return samples.size();
    }

    S first() {
        return samples.peekFirst();
    }

    S last() {
        return samples.peekLast();
    }

    /** Oldest first, read-only. */
    Collection<S> samples() {
        return Collections.unmodifiableCollection(samples);
    }

    long spanMillis() {
        return samples.size() < 2 ? 0 : samples.peekLast().at() - samples.peekFirst().at();
    }

    /** The value's change per second across the window; null until two samples some time apart. */
    Double perSecond(ToLongFunction<S> value) {
        long span = spanMillis();
        if (span <= 0) {
            return null;
        }
        return (value.applyAsLong(samples.peekLast()) - value.applyAsLong(samples.peekFirst())) * 1000.0 / span;
    }
}
