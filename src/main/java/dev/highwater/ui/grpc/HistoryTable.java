package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.lag.LagFormat;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** The session's calls, newest first. */
final class HistoryTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private HistoryTable() {
    }

    static TableView<CallRecord> of(ObservableList<CallRecord> calls) {
        TableView<CallRecord> t = new TableView<>(calls);
        t.setId("grpc-history");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new javafx.scene.control.Label("The session's calls appear here."));
        t.getColumns().add(column("Started", 100, c -> TIME.format(c.started())));
        t.getColumns().add(column("Method", 300, CallRecord::method));
        t.getColumns().add(column("Type", 120, CallRecord::kind));
        t.getColumns().add(column("Status", 140, CallRecord::code));
        t.getColumns().add(column("Latency", 90, c -> WorkbenchWords.millis(c.latencyNanos())));
        t.getColumns().add(column("Sent", 60, c -> LagFormat.count(c.sent())));
        t.getColumns().add(column("Received", 80, c -> LagFormat.count(c.received())));
        t.getColumns().add(column("Message", 300, CallRecord::message));
        return t;
    }

    private static TableColumn<CallRecord, String> column(String title, double width,
                                                          Function<CallRecord, String> value) {
        TableColumn<CallRecord, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
