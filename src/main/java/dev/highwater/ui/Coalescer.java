package dev.highwater.ui;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the newest value to the UI thread, at most one hand-off in flight: a writer that produces faster
 * than the UI paints replaces the waiting value instead of queueing another task.
 */
public final class Coalescer<T> {

    private final UiThread ui;
    private final Consumer<T> apply;
    private final AtomicReference<T> waiting = new AtomicReference<>();

    public Coalescer(UiThread ui, Consumer<T> apply) {
        this.ui = ui;
        this.apply = apply;
    }

    /** From any thread; the value must not be null. */
    public void offer(T value) {
        if (waiting.getAndSet(value) == null) {
            ui.post(this::drain);
        }
    }

    private void drain() {
        T value = waiting.getAndSet(null);
        if (value != null) {
            apply.accept(value);
        }
    }
}
