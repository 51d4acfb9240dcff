package dev.highwater.ui.grpc;

import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A live list shown newest first: newer items go on top and the oldest drop off the end, rather than the list
 * being replaced, so that a selected row stays selected. UI thread.
 */
final class NewestOnTop {

    private NewestOnTop() {
    }

    /**
     * Puts the kept items newer than the shown top onto {@code shown}, keeping at most {@code capacity}.
     *
     * @param kept     oldest first, as a {@link dev.highwater.core.grpc.LiveBuffer} keeps them
     * @param position grows with each newer item
     */
    static <T> void merge(ObservableList<T> shown, List<T> kept, ToLongFunction<T> position, int capacity) {
        long top = shown.isEmpty() ? Long.MIN_VALUE : position.applyAsLong(shown.getFirst());
        List<T> newer = new ArrayList<>();
        for (T item : kept) {
            if (position.applyAsLong(item) > top) {
                newer.add(item);
            }
        }
        if (newer.isEmpty()) {
            return;
        }
        Collections.reverse(newer);
        shown.addAll(0, newer);
        if (shown.size() > capacity) {
            shown.remove(capacity, shown.size());
        }
    }
}
