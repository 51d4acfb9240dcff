package dev.highwater.ui.tables;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Objects;
import java.util.function.Function;

/** The Tables screen: a topic and an instant (and one to compare with), progress, and the keys or the changes. */
public final class TablesView {

    private final TablesModel model;
    private final BorderPane root = new BorderPane();

    public TablesView(TablesModel model) {
        this.model = model;
        root.getStyleClass().add("tables-screen");
        root.getStylesheets().add(Objects.requireNonNull(
                TablesView.class.getResource("/dev/highwater/ui/tables/tables.css")).toExternalForm());
        root.setTop(new VBox(question(), progressLine(), answerLine()));
        StackPane tables = new StackPane(keysTable(), changesTable());
        root.setCenter(tables);
    }

    public Node root() {
        return root;
    }

    private Node question() {
        Label title = new Label("Tables");
        title.getStyleClass().add("screen-title");
        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setId("tables-topic");
        topic.setEditable(true);
        topic.setPrefWidth(200);
        topic.valueProperty().bindBidirectional(model.topicProperty());
        topic.setTooltip(new Tooltip("Any keyed topic: the latest value of every key, a tombstone removing it"));
        TextField at = new TextField();
        at.setId("tables-at");
        at.setPrefColumnCount(18);
        at.textProperty().bindBidirectional(model.atProperty());
        at.setTooltip(new Tooltip("2024-03-15T09:00:00Z, 2024-03-15T10:00:00+01:00, 2024-03-15T10:00[Europe/Paris]"
                + " or now"));
        at.setOnAction(e -> model.run());
        Button now = new Button("Now");
        now.setOnAction(e -> model.setNow());
        Button run = new Button("Show");
        run.setId("tables-run");
        run.getStyleClass().add("tables-run");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("tables-cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        HBox ask = new HBox(6, title, gap(), new Label("Topic"), topic, new Label("at"), at, now, run, cancel);
        ask.setAlignment(Pos.CENTER_LEFT);
        CheckBox compare = new CheckBox("Changes since");
        compare.setId("tables-compare");
        compare.selectedProperty().bindBidirectional(model.compareProperty());
        TextField since = new TextField();
        since.setId("tables-compare-at");
        since.setPrefColumnCount(18);
        since.textProperty().bindBidirectional(model.compareAtProperty());
        since.disableProperty().bind(compare.selectedProperty().not());
        Label hint = new Label("keys added, removed and changed from this instant to the one above, with both values");
        hint.getStyleClass().add("tables-hint");
        HBox second = new HBox(6, compare, since, hint);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(4, ask, second);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private Node progressLine() {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(220);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.runningProperty());
        bar.managedProperty().bind(model.runningProperty());
        Label text = new Label();
        text.textProperty().bind(model.progressTextProperty());
        Label message = new Label();
        message.setId("tables-message");
        message.getStyleClass().add("tables-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        HBox line = new HBox(8, bar, text, message);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 10, 2, 10));
        return line;
    }

    private Node answerLine() {
        Label summary = new Label();
        summary.setId("tables-summary");
        summary.getStyleClass().add("tables-summary");
        summary.textProperty().bind(model.summaryProperty());
        TextField search = new TextField();
        search.setId("tables-search");
        search.setPromptText("Search keys and values");
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(model.searchProperty());
        Label shown = new Label();
        shown.setId("tables-shown");
        shown.textProperty().bind(model.shownProperty());
        // the summary wraps rather than push the search and the count of rows shown out of sight
        summary.setMinWidth(0);
        summary.setWrapText(true);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        search.setMinWidth(Region.USE_PREF_SIZE);
        shown.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(8, summary, search, shown);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 10, 4, 10));
        return line;
    }

    private Node keysTable() {
        TableView<KeyRow> table = new TableView<>(model.rows());
        table.setId("tables-keys");
        table.getStyleClass().add("tables-table");
        table.setPlaceholder(placeholder("No key has a value at this instant."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Key", 160, KeyRow::key));
        table.getColumns().add(number("Partition", 70, r -> Integer.toString(r.partition())));
        table.getColumns().add(number("Offset", 90, r -> Long.toString(r.offset())));
        table.getColumns().add(column("Timestamp", 200, KeyRow::timestamp));
        table.getColumns().add(withTooltip(column("Value", 560, KeyRow::value)));
        table.visibleProperty().bind(model.showingDiffProperty().not());
        return table;
    }

    private Node changesTable() {
        TableView<ChangeRow> table = new TableView<>(model.changes());
        table.setId("tables-changes");
        table.getStyleClass().add("tables-table");
        table.setPlaceholder(placeholder("No key changed between the two instants."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ChangeRow, String> change = column("Change", 80, ChangeRow::change);
        change.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("change-added", "change-removed", "change-changed");
                if (!empty && item != null) {
                    getStyleClass().add("change-" + item);
                }
            }
        });
        table.getColumns().add(change);
        table.getColumns().add(column("Key", 180, ChangeRow::key));
        table.getColumns().add(withTooltip(column("Before", 320, ChangeRow::before)));
        table.getColumns().add(withTooltip(column("After", 320, ChangeRow::after)));
        table.getColumns().add(withTooltip(column("Written (before)", 170, ChangeRow::beforeAt)));
        table.getColumns().add(withTooltip(column("Written (after)", 170, ChangeRow::afterAt)));
        table.visibleProperty().bind(model.showingDiffProperty());
        return table;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /** What the empty table says: how to ask, that the search keeps nothing, or {@code none} of the answer. */
    private Label placeholder(String none) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.summaryProperty().get().isEmpty()) {
                return "Choose a topic and an instant, then Show.";
            }
            String search = model.searchProperty().get();
            return search == null || search.isBlank() ? none : "Nothing matches the search.";
        }, model.summaryProperty(), model.searchProperty()));
        return l;
    }

    /** A value too long for its cell is read whole in the cell's tooltip. */
    private static <R> TableColumn<R, String> withTooltip(TableColumn<R, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    private static <R> TableColumn<R, String> number(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = column(title, width, value);
        c.getStyleClass().add("num");
        return c;
    }

    private static Region gap() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }
}
