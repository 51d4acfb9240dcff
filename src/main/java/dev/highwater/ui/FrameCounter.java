package dev.highwater.ui;

import javafx.animation.AnimationTimer;

import java.util.List;

/** Counts the UI thread's pulses in whole seconds, for the benchmarks' frame rates. */
public final class FrameCounter extends AnimationTimer {

    private final List<Integer> perSecond;
    private long secondStart = -1;
    private int frames;

    /** @param perSecond receives each whole second's count; read it under its own lock */
    public FrameCounter(List<Integer> perSecond) {
        this.perSecond = perSecond;
    }

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
}
