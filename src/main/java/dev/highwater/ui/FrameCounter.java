package dev.highwater.ui;

import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;

/** Counts the UI thread's pulses in whole seconds, for the frame-rate benchmarks. */
public final class FrameCounter extends AnimationTimer {

    private final List<Integer> perSecond = new ArrayList<>();
    private long secondStart = -1;
    private int frames;

    @Override
    public void handle(long now) {
        if (secondStart < 0) {
            secondStart = now;
        }
        frames++;
        if (now - secondStart >= 1_000_000_000L) {
            synchronized (perSecond) {
                perSecond.add(frames);
            }
            frames = 0;
            secondStart = now;
        }
    }

    /** Forgets the seconds counted so far (after a warm-up); from any thread. */
    public void clear() {
        synchronized (perSecond) {
            perSecond.clear();
        }
    }

    /** The frames of each whole second counted so far; from any thread. */
    public double[] perSecond() {
        synchronized (perSecond) {
            return perSecond.stream().mapToDouble(Integer::doubleValue).toArray();
        }
    }
}
