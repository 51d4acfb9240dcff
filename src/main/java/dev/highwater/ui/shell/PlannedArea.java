package dev.highwater.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** An area a later piece of work fills: says honestly what it will do, and shows nothing made up. */
final class PlannedArea {

    private PlannedArea() {
    }

    static Node of(Area area) {
        Label title = new Label(area.title());
        title.getStyleClass().add("area-title");
        Label text = new Label(area.purpose());
        text.setWrapText(true);
        text.setMaxWidth(620);
        text.getStyleClass().add("area-purpose");
        VBox box = new VBox(12, title, text);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("planned-area");
        box.setId("area-" + area.name().toLowerCase());
        return box;
    }
}
