package dev.highwater.ui.grpc;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.MultipleSelectionModel;
import javafx.scene.control.skin.VirtualFlow;

/**
 * In a live list that grows at the top, a selected row stays where the user clicked it: rows arriving above
 * it go out of view upwards instead of pushing it down and away, so a click during a stream shows its
 * highlight at once. With nothing selected the list follows the newest rows as before. UI thread.
 */
final class HoldSelectedRow {

    private HoldSelectedRow() {
    }

    static void install(Control control, ObservableList<?> items, MultipleSelectionModel<?> selection) {
        // the index to show at the top once the list has laid the new rows out; -1: none waiting
        int[] pendingTop = {-1};
        Runnable afterLayout = () -> {
            if (pendingTop[0] >= 0 && control.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollToTop(pendingTop[0]);
                flow.layout(); // now, before this frame is drawn, so the rows never visibly jump
            }
            pendingTop[0] = -1;
        };
        control.sceneProperty().addListener((obs, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        Scene scene = control.getScene();
        if (scene != null) {
            scene.addPostLayoutPulseListener(afterLayout);
        }
        items.addListener((ListChangeListener<Object>) c -> {
            int addedOnTop = 0;
            while (c.next()) {
                if (c.wasAdded() && !c.wasReplaced() && c.getFrom() == 0) {
                    addedOnTop += c.getAddedSize();
                }
            }
            if (addedOnTop == 0 || selection.isEmpty()
                    || !(control.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
                return;
            }
            IndexedCell<?> first = flow.getFirstVisibleCell();
            if (first == null || first.getIndex() < 0) {
                return;
            }
            int top = pendingTop[0] >= 0 ? pendingTop[0] : first.getIndex();
            pendingTop[0] = top + addedOnTop;
        });
    }
}
