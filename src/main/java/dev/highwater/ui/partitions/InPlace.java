package dev.highwater.ui.partitions;

import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Updates a list in place when its rows are the same keys in the same order, so views keep their state. When
 * many rows changed (a large group, whose every partition moves each refresh) it replaces them all at once: one
 * change for the views to handle rather than one a row, each of which a sorted view and a table go through.
 */
final class InPlace {

    /** Above this many changed rows, one replacement of all. */
    static final int MAX_ROW_CHANGES = 16;

    private InPlace() {
    }

    static <T, K> void update(ObservableList<T> list, List<T> fresh, Function<T, K> key) {
        boolean sameKeys = list.size() == fresh.size();
        for (int i = 0; sameKeys && i < fresh.size(); i++) {
            sameKeys = Objects.equals(key.apply(list.get(i)), key.apply(fresh.get(i)));
        }
        if (!sameKeys) {
            list.setAll(fresh);
            return;
        }
        int changed = 0;
        for (int i = 0; i < fresh.size() && changed <= MAX_ROW_CHANGES; i++) {
            if (!list.get(i).equals(fresh.get(i))) {
                changed++;
            }
        }
        if (changed > MAX_ROW_CHANGES) {
            list.setAll(fresh);
            return;
        }
        for (int i = 0; i < fresh.size(); i++) {
            if (!list.get(i).equals(fresh.get(i))) {
                list.set(i, fresh.get(i)); // only changed rows: a table repaints those
            }
        }
    }
}
