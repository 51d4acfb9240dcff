package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.ui.TableCopy;
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
        TableCopy.install(t);
        t.setId("grpc-history");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new javafx.scene.control.Label("The session's calls appear here."));
        // sized to be read whole at 1280x800; the message takes what is left and shows in full on hover
        t.getColumns().add(fixed(column("Started", 96, c -> TIME.format(c.started()))));
        t.getColumns().add(fixed(column("Method", 116, c -> shortName(c.method()))));
        t.getColumns().add(fixed(column("Status", 146, CallRecord::code)));
        // a unary call's latency; a stream's time open, which is no latency
        t.getColumns().add(fixed(BlocksView.numeric(column("Duration", 76, c -> MethodFigures.UNARY.equals(c.kind())
                ? WorkbenchWords.millis(c.latencyNanos()) : LagFormat.seconds(c.latencyNanos() / 1e9)))));
        t.getColumns().add(fixed(BlocksView.numeric(column("Sent", 42, c -> LagFormat.count(c.sent())))));
        t.getColumns().add(fixed(BlocksView.numeric(column("Received", 74, c -> LagFormat.count(c.received())))));
        // the status column has the code already
        TableColumn<CallRecord, String> message = column("Message", 200, c -> c.message().startsWith(c.code() + ": ")
                ? c.message().substring(c.code().length() + 2) : c.message());
        message.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        t.getColumns().add(message);
        t.setRowFactory(v -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(CallRecord c, boolean empty) {
                super.updateItem(c, empty);
                setTooltip(empty || c == null ? null : new javafx.scene.control.Tooltip(c.method() + " · " + c.kind()));
            }
        });
        return t;
    }

    /** Per method: unary latency percentiles, streams by their own figures (messages, rate, time open). */
    static TableView<MethodFigures> byMethod(ObservableList<MethodFigures> rows) {
        TableView<MethodFigures> t = new TableView<>(rows);
        TableCopy.install(t);
        t.setId("grpc-by-method");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new javafx.scene.control.Label("Each method's figures appear here."));
        t.getColumns().add(fixed(column("Method", 135, (MethodFigures m) -> shortName(m.method()))));
        t.getColumns().add(fixed(BlocksView.numeric(column("Calls", 44, (MethodFigures m) -> LagFormat.count(m.calls())))));
        t.getColumns().add(column("Figures", 240, MethodFigures::figures));
        t.setRowFactory(v -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(MethodFigures m, boolean empty) {
                super.updateItem(m, empty);
                setTooltip(empty || m == null ? null : new javafx.scene.control.Tooltip(m.method() + " · " + m.kind()));
            }
        });
        return t;
    }

    /** "SubscribeToBlocks" of "blockchain.BlockchainIndexer/SubscribeToBlocks": the service is in the tooltip. */
    static String shortName(String fullMethod) {
        return fullMethod.substring(fullMethod.lastIndexOf('/') + 1);
    }

    private static <T> TableColumn<T, String> fixed(TableColumn<T, String> c) {
        c.setMinWidth(c.getPrefWidth());
        return c;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
