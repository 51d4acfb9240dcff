package dev.highwater.ui.partitions;

import dev.highwater.ui.TableCopy;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The sortable table of a group's partitions; hot rows carry the {@value #HOT_ROW} style class. Columns are as
 * wide as their header and widest value need, so nothing that matters is cut: when the table is too narrow for
 * all of them, the least important leave first (owner, then offsets, then rates), and each row's tooltip says
 * everything about the partition, shown or not.
 */
final class PartitionTable {

    static final String HOT_ROW = "hot-row";
    private static final String PARTITION = "Partition";
    /** Room beside a value for the cell's padding and border; beside a header also for the sort arrow. */
    private static final double CELL_PADDING = 14;
    private static final double HEADER_PADDING = 24;
    /** The vertical scroll bar's width, taken off the table's width before the columns are fitted. */
    private static final double SCROLL_BAR = 16;
    /** The owner is a long client id: beyond this width it is cut (its tooltip has it whole) rather than hidden. */
    private static final double OWNER_MAX = 140;
    private static final long REFIT_NANOS = 5_000_000_000L;
    /** The longest texts of a column (in characters) whose widths are measured; the widest is among them. */
    private static final int MEASURED = 4;

    /**
     * A column, its header and its text.
     *
     * @param rank 0: always shown; a higher rank leaves the table earlier when it is narrow
     */
    private record Column(TableColumn<PartitionLag, PartitionLag> column, Label header, int rank,
                          Function<PartitionLag, String> text, double maxWidth) {
    }

    private final TableView<PartitionLag> table = new TableView<>();
    private final List<Column> columns = new ArrayList<>();
    private final Text measure = new Text();
    private final Font cellFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 12);
    private final Font headerFont = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 11);
    private boolean oneTopic;
    private int fittedRows = -1;
    private boolean replacing;
    private PartitionId selected;
    private long fittedAt;

    private PartitionTable(ObservableList<PartitionLag> rows, Function<PartitionId, String> topKeys) {
        // a refresh may replace every row at once (see InPlace): the selected partition stays selected; this
        // listener comes before the sorted view's, so the selection's clearing on the way is known for what it is
        rows.addListener((ListChangeListener<PartitionLag>) c -> replacing = true);
        SortedList<PartitionLag> sorted = new SortedList<>(rows); // sorts a view: the model's list keeps its order
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getStyleClass().add("partition-table");
        TableCopy.install(table);
        table.setPlaceholder(new Label("Select a group to see its partitions."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        add(PARTITION, "The partition; the heading names the topic when the group reads only one.", 0,
                PartitionLag::id, p -> PartitionLabels.label(p.id(), oneTopic), false);
        add("Status", "OK, LAGGING (lag grows), STALLED (nothing committed while records wait) or EMPTY.", 0,
                PartitionLag::status, p -> p.status().name(), false);
        columns.getLast().column().setCellFactory(col -> new StatusCell());
        add("Hot", "A partition taking far more than its share of the traffic or of the lag.", 0,
                PartitionLag::hot, p -> "HOT", false);
        columns.getLast().column().setCellFactory(col -> new HotCell());
        add("Lag", "Records written but not yet read by the group.", 0, PartitionLag::lag,
                p -> LagFormat.count(p.lag()), true);
        add("Lag (s)", "How long ago the oldest unread record was written.", 0, PartitionLag::lagSeconds,
                p -> (p.lagSecondsEstimated() ? "≥ " : "") + LagFormat.seconds(p.lagSeconds()), true);
        add("Time to drain", "How long the group takes to read its lag at the current rates; hover a value"
                + " for what it means.", 1, PartitionTable::drainKey, DrainText::cell, true);
        columns.getLast().column().setCellFactory(col -> new TextCell(DrainText::cell, DrainText::explain));
        add("Produce/s", "Records written to the partition per second.", 2, PartitionLag::produceRate,
                p -> LagFormat.rate(p.produceRate()), true);
        add("Consume/s", "Records the group reads from the partition per second.", 2, PartitionLag::consumeRate,
                p -> LagFormat.rate(p.consumeRate()), true);
        add("Committed", "The group's committed offset.", 3, PartitionLag::committed,
                p -> p.committed() == null ? "no commit" : LagFormat.count(p.committed()), true);
        add("End", "The partition's log end offset.", 3, PartitionLag::logEnd, p -> LagFormat.count(p.logEnd()),
                true);
        add("Owner", "The group member that reads the partition.", 4, PartitionLag::owner,
                p -> p.owner() == null ? "unassigned" : p.owner(), false);
        columns.forEach(c -> table.getColumns().add(c.column()));
        table.setRowFactory(v -> row(topKeys));

        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null || !replacing) {
                selected = is == null ? null : is.id();
            }
        });
        rows.addListener((ListChangeListener<PartitionLag>) c -> {
            replacing = false;
            reselect();
            String topic = PartitionLabels.topic(rows);
            oneTopic = topic != null;
            columns.getFirst().header().setText(topic == null ? PARTITION : topic);
            // a refresh changes every row of a large group: its widths are measured again every few seconds,
            // at once only when the group or its size changes
            long now = System.nanoTime();
            if (rows.size() != fittedRows || now - fittedAt > REFIT_NANOS) {
                fittedRows = rows.size();
                fittedAt = now;
                fit();
            }
        });
        table.widthProperty().addListener((o, was, is) -> fit());
    }

    /** Selects the partition selected before the rows were replaced, where it is still shown. */
    private void reselect() {
        PartitionLag current = table.getSelectionModel().getSelectedItem();
        if (selected == null || (current != null && current.id().equals(selected))) {
            return;
        }
        List<PartitionLag> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(selected)) {
                table.getSelectionModel().select(i);
                return;
            }
        }
    }

    /** @param topKeys the most frequent keys of a partition, as text, for the row's tooltip */
    static TableView<PartitionLag> create(ObservableList<PartitionLag> rows, Function<PartitionId, String> topKeys) {
        return new PartitionTable(rows, topKeys).table;
    }

    private <K extends Comparable<? super K>> void add(String title, String meaning, int rank,
                                                       Function<PartitionLag, K> key,
                                                       Function<PartitionLag, String> text, boolean numeric) {
        TableColumn<PartitionLag, PartitionLag> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(tip(meaning));
        c.setGraphic(header); // a label of its own, so the header can explain itself
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setComparator(Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (numeric) {
            c.getStyleClass().add("num");
        }
        c.setCellFactory(col -> new TextCell(text, null));
        columns.add(new Column(c, header, rank, text,
                title.equals("Owner") ? OWNER_MAX : Double.MAX_VALUE));
    }

    /**
     * Sizes every column to its header and its widest value, and hides the least important ones (the rightmost
     * first among equals) while the rest would not fit beside each other.
     */
    private void fit() {
        double available = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR;
        if (available <= 0) {
            return;
        }
        double[] need = new double[columns.size()];
        double total = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double widest = width(c.header().getText(), headerFont) + HEADER_PADDING;
            for (String text : longest(c)) {
                widest = Math.max(widest, width(text, cellFont) + CELL_PADDING);
            }
            need[i] = Math.ceil(Math.min(widest, c.maxWidth()));
            total += need[i];
        }
        boolean[] hidden = new boolean[columns.size()];
        for (int rank = columns.stream().mapToInt(Column::rank).max().orElse(0); rank > 0 && total > available;
             rank--) {
            for (int i = columns.size() - 1; i >= 0 && total > available; i--) {
                if (columns.get(i).rank() == rank) {
                    hidden[i] = true;
                    total -= need[i];
                }
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            TableColumn<PartitionLag, PartitionLag> c = columns.get(i).column();
            if (c.isVisible() == hidden[i]) {
                c.setVisible(!hidden[i]);
            }
            if (c.getMinWidth() != need[i]) {
                c.setMinWidth(need[i]);
                c.setPrefWidth(need[i]);
            }
        }
    }

    /**
     * A column's {@value #MEASURED} longest texts: measuring a text's width is the costly part, and a text of
     * fewer characters is not wider by more than a digit's width or two.
     */
    private List<String> longest(Column c) {
        List<String> texts = new ArrayList<>(MEASURED + 1);
        for (PartitionLag p : table.getItems()) {
            String text = c.text().apply(p);
            if (texts.size() < MEASURED || text.length() > texts.getLast().length()) {
                texts.add(text);
                texts.sort(Comparator.comparingInt(String::length).reversed());
                if (texts.size() > MEASURED) {
                    texts.removeLast();
                }
            }
        }
        return texts;
    }

    private double width(String text, Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    private static Tooltip tip(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(300));
        return tip;
    }

    private static Double drainKey(PartitionLag p) {
        return LagFormat.neverDrains(p) ? Double.POSITIVE_INFINITY : p.secondsToDrain();
    }

    private static TableRow<PartitionLag> row(Function<PartitionId, String> topKeys) {
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
        // everything about the partition (columns a narrow table hides too) and its top keys, read when the
        // tooltip opens (from the latest sample, in memory)
        Tooltip tip = tip("");
        tip.setOnShowing(e -> tip.setText(row.getItem() == null ? ""
                : describe(row.getItem()) + "\n\n" + topKeys.apply(row.getItem().id())));
        row.setTooltip(tip);
        return row;
    }

    /** A partition's figures in a few lines. */
    static String describe(PartitionLag p) {
        return p.id() + " · " + p.status().name() + (p.hot() ? " · HOT" : "")
                + "\nLag " + LagFormat.count(p.lag()) + " records, " + (p.lagSecondsEstimated() ? "at least " : "")
                + LagFormat.seconds(p.lagSeconds())
                + "\nCommitted " + (p.committed() == null ? "nothing yet" : LagFormat.count(p.committed()))
                + " · end " + LagFormat.count(p.logEnd())
                + "\nProduce " + LagFormat.rate(p.produceRate()) + " · consume " + LagFormat.rate(p.consumeRate())
                + "\nTime to drain: " + DrainText.explain(p)
                + "\nOwner " + (p.owner() == null ? "none (unassigned)" : p.owner());
    }

    /** A value; its tooltip says what it means, or holds it whole where a narrow column may cut it. */
    private static final class TextCell extends TableCell<PartitionLag, PartitionLag> {
        private final Function<PartitionLag, String> text;
        private final Function<PartitionLag, String> meaning;
        private final Tooltip full = tip("");

        TextCell(Function<PartitionLag, String> text, Function<PartitionLag, String> meaning) {
            this.text = text;
            this.meaning = meaning;
        }

        @Override
        protected void updateItem(PartitionLag item, boolean empty) {
            super.updateItem(item, empty);
            String shown = empty || item == null ? null : text.apply(item);
            setText(shown);
            String tipText = shown == null ? null : meaning != null ? meaning.apply(item)
                    : shown.length() < 12 ? null : shown;
            full.setText(tipText);
            setTooltip(tipText == null ? null : full);
        }
    }

    private static final class StatusCell extends TableCell<PartitionLag, PartitionLag> {
        @Override
        protected void updateItem(PartitionLag item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(s -> s.startsWith("status-"));
            setText(empty || item == null ? null : item.status().name());
            if (!empty && item != null) {
                getStyleClass().add("status-" + item.status().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static final class HotCell extends TableCell<PartitionLag, PartitionLag> {
        private final Label badge = new Label("HOT");

        HotCell() {
            badge.getStyleClass().add("hot-badge");
        }

        @Override
        protected void updateItem(PartitionLag item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            setGraphic(!empty && item != null && item.hot() ? badge : null);
        }
    }
}
