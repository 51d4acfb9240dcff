package dev.highwater.ui.partitions;

import dev.highwater.core.lag.Alert;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The alerts, active first: severity, message, raised at and cleared at. */
final class AlertList {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private AlertList() {
    }

    static ListView<Alert> create(ObservableList<Alert> alerts) {
        ListView<Alert> list = new ListView<>(alerts);
        list.getStyleClass().add("alert-list");
        list.setPlaceholder(new Label("No alerts."));
        list.setCellFactory(v -> new ListCell<>() {
            private final Label severity = new Label();
            private final Label when = new Label();
            private final Label message = new Label();
            // the time goes below the badge when both do not fit on a line, rather than being cut
            private final FlowPane heading = new FlowPane(8, 2, severity, when);
            private final VBox box = new VBox(2, heading, message);

            {
                message.setWrapText(true);
                message.maxWidthProperty().bind(v.widthProperty().subtract(36));
                heading.prefWrapLengthProperty().bind(v.widthProperty().subtract(36));
                when.getStyleClass().add("alert-time");
                severity.setMinWidth(Region.USE_PREF_SIZE);
                when.setMinWidth(Region.USE_PREF_SIZE);
                setPrefWidth(0); // wrap to the list's width instead of scrolling sideways
            }

            @Override
            protected void updateItem(Alert a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("alert-active", "alert-cleared");
                if (empty || a == null) {
                    setGraphic(null);
                    return;
                }
                severity.setText(a.severity().name());
                severity.getStyleClass().setAll("label", "severity-" + a.severity().name().toLowerCase(Locale.ROOT));
                when.setText("raised " + TIME.format(Instant.ofEpochMilli(a.raisedAt()))
                        + (a.active() ? " · active" : " · cleared " + TIME.format(Instant.ofEpochMilli(a.clearedAt()))));
                message.setText(a.message());
                getStyleClass().add(a.active() ? "alert-active" : "alert-cleared");
                setGraphic(box);
            }
        });
        return list;
    }
}
