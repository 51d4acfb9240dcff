package dev.highwater.ui;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the newest of a stream of values to the UI thread: a value replaces the one still waiting, and at most
 * one drain is posted at a time, so a slow UI thread sees fewer updates instead of a growing queue.
 */
public final class Coalescer<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private final UiThread ui;
    private final Consumer<T> apply;

    /** @param apply runs on the UI thread with the newest value */
    public Coalescer(UiThread ui, Consumer<T> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    /** From any thread; the value must not be null. */
    public void offer(T value) {
        pending.set(value);
        if (posted.compareAndSet(false, true)) {
            ui.post(this::drain);
        }
    }

    private void drain() {
        posted.set(false); // first, so that a value offered from here on posts another drain
        T value = pending.getAndSet(null);
        if (value != null) {
            apply.accept(value);
        }
    }
}
