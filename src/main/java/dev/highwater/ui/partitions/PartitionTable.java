package dev.highwater.ui.partitions;

import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.PartitionLag;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The sortable table of a group's partitions; hot rows carry the {@value #HOT_ROW} style class. */
final class PartitionTable {

    static final String HOT_ROW = "hot-row";

    private PartitionTable() {
    }

    /** @param topKeys the most frequent keys of a partition, as text, for the row's tooltip */
    static TableView<PartitionLag> create(ObservableList<PartitionLag> rows,
                                          java.util.function.Function<dev.highwater.core.lag.PartitionId, String> topKeys) {
        TableView<PartitionLag> table = new TableView<>();
        dev.highwater.ui.TableCopy.install(table);
        SortedList<PartitionLag> sorted = new SortedList<>(rows); // sorts a view: the model's list keeps its order
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getStyleClass().add("partition-table");
        table.setPlaceholder(new Label("Select a group to see its partitions."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().addAll(List.of(
                column("Partition", 118, false, PartitionLag::id, p -> p.id().toString()),
                column("Owner", 70, false, PartitionLag::owner, p -> p.owner() == null ? "unassigned" : p.owner()),
                column("Committed", 78, true, PartitionLag::committed,
                        p -> p.committed() == null ? "no commit" : LagFormat.count(p.committed())),
                column("End", 70, true, PartitionLag::logEnd, p -> LagFormat.count(p.logEnd())),
                column("Lag", 62, true, PartitionLag::lag, p -> LagFormat.count(p.lag())),
                column("Lag (s)", 62, true, PartitionLag::lagSeconds,
                        p -> (p.lagSecondsEstimated() ? "≥ " : "") + LagFormat.seconds(p.lagSeconds())),
                column("Produce/s", 74, true, PartitionLag::produceRate, p -> LagFormat.rate(p.produceRate())),
                column("Consume/s", 78, true, PartitionLag::consumeRate, p -> LagFormat.rate(p.consumeRate())),
                column("Time to drain", 96, true, PartitionTable::drainKey, PartitionTable::drainText),
                statusColumn(),
                hotColumn()));
        table.setRowFactory(v -> {
            TableRow<PartitionLag> row = new TableRow<>() {
                @Override
                protected void updateItem(PartitionLag item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().remove(HOT_ROW);
                    if (!empty && item != null && item.hot()) {
                        getStyleClass().add(HOT_ROW);
                    }
                }
            };
            // the partition's top keys, read when the tooltip opens (from the latest sample, in memory)
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            tip.setOnShowing(e -> tip.setText(row.getItem() == null ? "" : topKeys.apply(row.getItem().id())));
            row.setTooltip(tip);
            return row;
        });
        return table;
    }

    private static Double drainKey(PartitionLag p) {
        return LagFormat.neverDrains(p) ? Double.POSITIVE_INFINITY : p.secondsToDrain();
    }

    private static String drainText(PartitionLag p) {
        return LagFormat.drain(p);
    }

    /** A column whose cells hold the whole row, sorted by one key and shown as one text. */
    private static <K extends Comparable<? super K>> TableColumn<PartitionLag, PartitionLag> column(
            String title, double width, boolean numeric, Function<PartitionLag, K> key,
            Function<PartitionLag, String> text) {
        TableColumn<PartitionLag, PartitionLag> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (numeric) {
            c.getStyleClass().add("num");
        }
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip full = new Tooltip(); // a narrow column may cut the text: hover shows it all

            @Override
            protected void updateItem(PartitionLag item, boolean empty) {
                super.updateItem(item, empty);
                String shown = empty || item == null ? null : text.apply(item);
                setText(shown);
                full.setText(shown);
                setTooltip(shown == null || shown.length() < 12 ? null : full);
            }
        });
        return c;
    }

    private static TableColumn<PartitionLag, PartitionLag> statusColumn() {
        TableColumn<PartitionLag, PartitionLag> c = column("Status", 74, false, PartitionLag::status,
                p -> p.status().name());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(PartitionLag item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("status-"));
                setText(empty || item == null ? null : item.status().name());
                if (!empty && item != null) {
                    getStyleClass().add("status-" + item.status().name().toLowerCase(Locale.ROOT));
                }
            }
        });
        return c;
    }

    private static TableColumn<PartitionLag, PartitionLag> hotColumn() {
        TableColumn<PartitionLag, PartitionLag> c = column("Hot", 56, false, PartitionLag::hot, p -> "");
        c.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label("HOT");

            {
                badge.getStyleClass().add("hot-badge");
            }

            @Override
            protected void updateItem(PartitionLag item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(!empty && item != null && item.hot() ? badge : null);
            }
        });
        return c;
    }
}
