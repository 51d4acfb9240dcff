package dev.highwater.ui.messages;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The Messages screen's row for searching a window of time: from and to (in the zone it names), Search and Cancel,
 * the progress. Shown while the screen is in its search mode; it binds to a {@link WindowSearchModel}.
 */
final class WindowSearchBar {

    private final WindowSearchModel search;
    private final Supplier<TailForm> form;
    private final TextField from = new TextField();
    private final TextField to = new TextField();
    private final HBox row;
    /** The window the fields were last given, as text: the last hour up to then. */
    private String[] offered;

    /** @param form the screen's topic, partition, decoders and filter as they are now */
    WindowSearchBar(WindowSearchModel search, Supplier<TailForm> form) {
        this.search = search;
        this.form = form;
        lastHourNow();
        // the last hour up to when the search is shown, not up to when the screen was built: unless typed over
        search.shownProperty().addListener((o, was, is) -> {
            if (is && from.getText().equals(offered[0]) && to.getText().equals(offered[1])) {
                lastHourNow();
            }
        });
        String hint = "a date and time in " + search.zoneLabel() + " (2026-03-15 09:00), or an instant "
                + "such as 2026-03-15T09:00:00Z";
        for (TextField f : new TextField[] {from, to}) {
            f.setPrefColumnCount(13);
            f.setTooltip(new Tooltip(hint));
            f.setOnAction(e -> run());
        }
        from.setId("window-from");
        to.setId("window-to");
        Label zone = new Label(search.zoneLabel());
        zone.getStyleClass().add("hint");
        Button go = new Button("Search");
        go.setId("window-search");
        go.setTooltip(new Tooltip("Reads every record of the window from Kafka and keeps those the filter matches"));
        go.setOnAction(e -> run());
        Button cancel = new Button("Cancel");
        cancel.setId("window-cancel");
        cancel.disableProperty().bind(search.runningProperty().not());
        cancel.setOnAction(e -> search.cancel());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(120);
        bar.progressProperty().bind(search.fractionProperty());
        bar.visibleProperty().bind(search.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label progress = new Label();
        progress.getStyleClass().add("window-progress");
        progress.textProperty().bind(search.progressProperty());
        progress.setMinWidth(0);
        Label problem = new Label();
        problem.getStyleClass().add("window-problem");
        problem.textProperty().bind(search.problemProperty());
        problem.visibleProperty().bind(search.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setMinWidth(0);
        HBox.setHgrow(problem, Priority.ALWAYS);
        row = new HBox(6, fixed(new Label("Window from")), fixed(from), fixed(new Label("to")), fixed(to),
                fixed(zone), fixed(go), fixed(cancel), fixed(bar), progress, problem);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(search.shownProperty());
        row.managedProperty().bind(row.visibleProperty());
    }

    private void lastHourNow() {
        offered = search.lastHour(Instant.now());
        from.setText(offered[0]);
        to.setText(offered[1]);
    }

    Node root() {
        return row;
    }

    /** What the line under the table says of a search: its summary once it ended (its progress is in the row). */
    ReadOnlyStringProperty counts() {
        return search.summaryProperty();
    }

    void run() {
        search.search(form.get(), from.getText(), to.getText());
    }

    private static <T extends Region> T fixed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }
}
