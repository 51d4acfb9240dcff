package dev.highwater.ui.messages;

import dev.highwater.ui.TableCopy;
import dev.highwater.core.decode.DecodedRecord;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The live table: partition, offset, time, key, type, summary (what identifies the record first); an undecodable
 * record is a red row of its own. Rows come newest record time first, as the model orders them.
 */
final class MessageTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private MessageTable() {
    }

    static TableView<DecodedRecord> create(ObservableList<DecodedRecord> rows) {
        TableView<DecodedRecord> table = new TableView<>(rows);
        TableCopy.install(table);
        table.getStyleClass().add("message-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No records yet: new records appear here as they arrive."));
        table.getColumns().add(number("Partition", 68, r -> (long) r.raw().partition()));
        table.getColumns().add(number("Offset", 70, r -> r.raw().offset()));
        table.getColumns().add(column("Time", 88, r -> TIME.format(Instant.ofEpochMilli(r.raw().timestamp()))));
        table.getColumns().add(column("Key", 120, DecodedRecord::keyLabel));
        table.getColumns().add(column("Type", 150, r -> (r.poison() ? "⚠ undecodable" : r.typeLabel())
                + (r.schemaLabel() == null ? "" : " · " + r.schemaLabel())));
        // the columns before the summary keep their widths: their values are short and read whole
        table.getColumns().forEach(c -> {
            c.setMinWidth(c.getPrefWidth());
            c.setMaxWidth(c.getPrefWidth());
        });
        TableColumn<DecodedRecord, String> summary = column("Summary", 240, DecodedRecord::headline);
        table.getColumns().add(summary);
        // the summary takes the width the others leave: it is what a reader scans, and never needs a scroll bar
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(DecodedRecord item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("poison-row");
                if (!empty && item != null && item.poison()) {
                    getStyleClass().add("poison-row");
                }
            }
        });
        return table;
    }

    private static TableColumn<DecodedRecord, Long> number(String title, double width, Function<DecodedRecord, Long> f) {
        TableColumn<DecodedRecord, Long> c = column(title, width, f);
        c.getStyleClass().add("num");
        return c;
    }

    private static <T> TableColumn<DecodedRecord, T> column(String title, double width, Function<DecodedRecord, T> f) {
        TableColumn<DecodedRecord, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        return c;
    }
}
