package dev.highwater.ui.partitions;

import dev.highwater.core.lag.HotKeyReport;
import dev.highwater.core.lag.LagFormat;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Per topic, the heaviest sampled keys with a bar for their share; a flagged key is highlighted and followed by
 * the advice in words. Rebuilt only when a new sample arrives (every few seconds), so building nodes is fine.
 */
final class HotKeyPanel {

    static final int KEYS_SHOWN = 5;
    private static final double BAR_WIDTH = 64;

    private final VBox content = new VBox(10);
    private final ScrollPane root = new ScrollPane(content);

    HotKeyPanel(ObservableList<HotKeyReport> reports) {
        content.getStyleClass().add("hot-keys");
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        reports.addListener((ListChangeListener<HotKeyReport>) c -> show(reports));
        show(reports);
    }

    Node root() {
        return root;
    }

    private void show(ObservableList<HotKeyReport> reports) {
        content.getChildren().clear();
        if (reports.isEmpty()) {
            Label none = new Label("Keys are sampled every few seconds; none yet.");
            none.setWrapText(true);
            content.getChildren().add(none);
        }
        for (HotKeyReport r : reports) {
            Label topic = new Label(r.topic() + "  ·  " + LagFormat.count(r.sampled()) + " records sampled");
            topic.getStyleClass().add("topic-title");
            topic.setWrapText(true);
            content.getChildren().add(topic);
            r.top().stream().limit(KEYS_SHOWN).forEach(k -> content.getChildren().add(keyRow(k)));
            for (String advice : r.advice()) {
                Label a = new Label(advice);
                a.setWrapText(true);
                a.getStyleClass().add("advice");
                content.getChildren().add(a);
            }
        }
    }

    private static Node keyRow(HotKeyReport.KeyShare k) {
        Label key = new Label(k.key());
        key.setWrapText(true); // the key is what a person acts on: wrap it rather than cut it
        key.setMaxWidth(Double.MAX_VALUE);
        Region fill = new Region();
        fill.getStyleClass().add("share-fill");
        fill.setMaxWidth(Math.max(1, Math.min(1, k.share()) * BAR_WIDTH));
        StackPane bar = new StackPane(fill);
        bar.getStyleClass().add("share-bar");
        bar.setMinWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        StackPane.setAlignment(fill, javafx.geometry.Pos.CENTER_LEFT);
        Label share = new Label(LagFormat.share(k.share()));
        share.setMinWidth(44);
        share.getStyleClass().add("share-text");
        // share first, then the bar: the number stays in view however narrow the panel is
        HBox measure = new HBox(6, share, bar);
        measure.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.VBox row = new javafx.scene.layout.VBox(2, key, measure);
        row.getStyleClass().add(k.hot() ? "hot-key" : "key-row");
        return row;
    }
}
