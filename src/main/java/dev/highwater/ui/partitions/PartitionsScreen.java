package dev.highwater.ui.partitions;

import dev.highwater.core.lag.LagService;
import dev.highwater.ui.UiThread;
import javafx.scene.Node;
import javafx.scene.control.Label;

/** Interim: replaced by the Partitions screen. */
public final class PartitionsScreen {
    private final Label label = new Label("Partitions");

    public PartitionsScreen(LagService service, UiThread ui) {
        label.setId("area-partitions");
    }

    public Node root() {
        return label;
    }
}
