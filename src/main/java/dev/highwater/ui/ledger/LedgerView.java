package dev.highwater.ui.ledger;

import dev.highwater.ui.TableCopy;
import dev.highwater.core.ledger.AccountHistory;
import dev.highwater.core.ledger.Problem;
import io.fair_acc.chartfx.XYChart;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.css.PseudoClass;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.util.StringConverter;

import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** The Ledger screen: what to ask (topic, instant with its zone, a second instant), progress, and the answers. */
public final class LedgerView {

    private static final PseudoClass NEGATIVE = PseudoClass.getPseudoClass("negative");

    private final LedgerModel model;
    private final AccountHistoryModel history;
    private final BorderPane root = new BorderPane();
    private final TableView<BalanceRow> table = new TableView<>();
    private final XYChart chart;

    public LedgerView(LedgerModel model) {
        this.model = model;
        this.history = model.history();
        root.getStyleClass().add("ledger-screen");
        root.getStylesheets().add(Objects.requireNonNull(
                LedgerView.class.getResource("ledger.css")).toExternalForm());
        chart = BalanceChart.create(history, model.zoneProperty());
        root.setTop(new VBox(question(), progressLine()));
        SplitPane main = new SplitPane(balancesPane(), accountPane());
        main.setDividerPositions(0.5);
        root.setCenter(main);
    }

    public Node root() {
        return root;
    }

    // ---------------------------------------------------------------- the question

    private Node question() {
        Label title = new Label("Ledger");
        title.getStyleClass().add("screen-title");
        ComboBox<String> topic = new ComboBox<>(model.topics());
        topic.setEditable(true);
        topic.setPrefWidth(180);
        topic.valueProperty().bindBidirectional(model.topicProperty());
        topic.setTooltip(new Tooltip("The ledger topic: debit and credit events, Protobuf or JSON"));
        DatePicker date = datePicker();
        date.valueProperty().bindBidirectional(model.dateProperty());
        TextField time = timeField();
        time.textProperty().bindBidirectional(model.timeProperty());
        ComboBox<ZoneId> zone = zonePicker();
        Label offset = new Label();
        offset.getStyleClass().add("zone-offset");
        offset.textProperty().bind(Bindings.createStringBinding(() -> zoneText(model.zoneProperty().get()),
                model.zoneProperty(), model.dateProperty()));
        Button now = new Button("Now");
        now.setOnAction(e -> model.setNow());
        CheckBox compare = new CheckBox("Compare with");
        compare.selectedProperty().bindBidirectional(model.compareProperty());
        DatePicker date2 = datePicker();
        date2.valueProperty().bindBidirectional(model.compareDateProperty());
        TextField time2 = timeField();
        time2.textProperty().bindBidirectional(model.compareTimeProperty());
        date2.disableProperty().bind(compare.selectedProperty().not());
        time2.disableProperty().bind(compare.selectedProperty().not());
        Button replay = new Button("Replay");
        replay.setId("ledger-replay"); // F5 fires it
        replay.getStyleClass().add("replay-button");
        replay.setOnAction(e -> model.replay());
        replay.disableProperty().bind(model.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        HBox ask = new HBox(6, title, gap(), new Label("Topic"), topic, new Label("at"), date, time, zone, offset, now,
                replay, cancel);
        ask.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(6, compare, date2, time2,
                new Label("(same zone): shows both balances and the change from the earlier to the later"));
        second.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(4, ask, second);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private DatePicker datePicker() {
        DatePicker d = new DatePicker();
        d.setConverter(new IsoDateConverter(d::getValue, model::inputNotRead));
        d.setPromptText(IsoDateConverter.PATTERN);
        d.setPrefWidth(125);
        return d;
    }

    private static Region gap() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static TextField timeField() {
        TextField t = new TextField();
        t.setPrefColumnCount(6);
        t.setPromptText("HH:mm:ss");
        t.setTooltip(new Tooltip("Time of day in the zone shown, HH:mm or HH:mm:ss"));
        return t;
    }

    private ComboBox<ZoneId> zonePicker() {
        ComboBox<ZoneId> zone = new ComboBox<>(FXCollections.observableArrayList(
                ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList()));
        zone.valueProperty().bindBidirectional(model.zoneProperty());
        zone.setPrefWidth(170);
        zone.setVisibleRowCount(20);
        zone.setConverter(new StringConverter<>() {
            @Override
            public String toString(ZoneId z) {
                return z == null ? "" : z.getId();
            }

            @Override
            public ZoneId fromString(String s) {
                return ZoneId.of(s);
            }
        });
        zone.setTooltip(new Tooltip("The time zone of the date and time (the system's by default)"));
        return zone;
    }

    private String zoneText(ZoneId z) {
        if (z == null) {
            return "";
        }
        Instant at = model.dateProperty().get() == null ? Instant.now()
                : model.dateProperty().get().atStartOfDay(z).toInstant();
        String offset = z.getRules().getOffset(at).getId().replace("Z", "UTC");
        String name = z.getDisplayName(TextStyle.SHORT, Locale.getDefault());
        return name.equals(offset) || name.equals(z.getId()) ? offset : offset + " (" + name + ")";
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
        message.getStyleClass().add("ledger-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        HBox line = new HBox(8, bar, text, message);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 10, 2, 10));
        return line;
    }

    // ---------------------------------------------------------------- balances

    private Node balancesPane() {
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.setWrapText(true);
        Label total = new Label();
        total.getStyleClass().add("ledger-total");
        total.textProperty().bind(model.totalProperty());
        total.setWrapText(true);
        VBox notes = new VBox(2);
        model.notes().addListener((ListChangeListener<String>) c -> showNotes(notes));
        showNotes(notes);
        TextField search = new TextField();
        search.setId("ledger-search"); // Ctrl+F goes here
        search.setPromptText("Search accounts");
        search.textProperty().bindBidirectional(model.searchProperty());
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> save("balances.csv", model::exportCsv));
        Button json = new Button("Export JSON…");
        json.setOnAction(e -> save("balances.json", model::exportJson));
        Label notShown = new Label();
        notShown.textProperty().bind(Bindings.createStringBinding(() -> model.rowsNotShownProperty().get() == 0 ? ""
                        : String.format(Locale.ROOT, "%,d more accounts not shown: search to narrow",
                        model.rowsNotShownProperty().get()),
                model.rowsNotShownProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(6, search, notShown, spacer, csv, json);
        tools.setAlignment(Pos.CENTER_LEFT);
        buildTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(4, summary, total, notes, tools, table, problemsPane());
        box.setPadding(new Insets(6));
        return box;
    }

    private void showNotes(VBox notes) {
        notes.getChildren().setAll(model.notes().stream().map(n -> {
            Label l = new Label(n);
            l.setWrapText(true);
            l.getStyleClass().add("ledger-note");
            return (Node) l;
        }).toList());
    }

    private void buildTable() {
        TableCopy.install(table);
        table.setItems(model.rows());
        table.getStyleClass().add("balance-table");
        table.setPlaceholder(new Label("Choose a topic and an instant, then Replay."));
        TableColumn<BalanceRow, String> account = column("Account", BalanceRow::account);
        account.setUserData(LedgerModel.SortKey.ACCOUNT);
        TableColumn<BalanceRow, String> balance = money(BalanceRow::balance, LedgerModel.SortKey.BALANCE, true);
        balance.textProperty().bind(model.balanceTitleProperty());
        TableColumn<BalanceRow, String> compared = money(BalanceRow::compared, LedgerModel.SortKey.COMPARED, true);
        compared.textProperty().bind(model.comparedTitleProperty());
        TableColumn<BalanceRow, String> change = money(BalanceRow::change, LedgerModel.SortKey.CHANGE, false);
        change.textProperty().bind(model.changeTitleProperty());
        compared.visibleProperty().bind(model.comparingProperty());
        change.visibleProperty().bind(model.comparingProperty());
        table.getColumns().setAll(java.util.List.of(account, balance, compared, change));
        model.rows().addListener((ListChangeListener<BalanceRow>) c -> {
            ColumnWidths.fit(account, model.rows().stream().map(BalanceRow::account).toList());
            fitMoney(balance, BalanceRow::balance);
            fitMoney(compared, BalanceRow::compared);
            fitMoney(change, BalanceRow::change);
            // share the width out again: the policy runs by itself only when the table's width changes
            table.getColumnResizePolicy().call(new TableView.ResizeFeatures<>(table, null, 0.0));
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // the model sorts every account, not only the rows shown
        table.setSortPolicy(t -> {
            if (!t.getSortOrder().isEmpty()) {
                TableColumn<BalanceRow, ?> c = t.getSortOrder().getFirst();
                model.sortBy((LedgerModel.SortKey) c.getUserData(), c.getSortType() == TableColumn.SortType.ASCENDING);
            }
            return true;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                history.select(row.account());
            }
        });
    }

    private static TableColumn<BalanceRow, String> column(String title, Function<BalanceRow, String> value) {
        TableColumn<BalanceRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /**
     * @param isBalance a balance, shown apart when below zero (a change or an amount below zero is ordinary)
     */
    private static TableColumn<BalanceRow, String> money(Function<BalanceRow, BigDecimal> value,
                                                         LedgerModel.SortKey key, boolean isBalance) {
        TableColumn<BalanceRow, String> c = column("", r -> {
            BigDecimal v = value.apply(r);
            return v == null ? "" : Decimals.grouped(v);
        });
        c.getStyleClass().add("num");
        if (isBalance) {
            c.setCellFactory(col -> new BalanceCell<>());
        }
        c.setUserData(key);
        return c;
    }

    private void fitMoney(TableColumn<BalanceRow, String> column, Function<BalanceRow, BigDecimal> value) {
        ColumnWidths.fit(column, model.rows().stream().map(value).filter(Objects::nonNull)
                .map(Decimals::grouped).toList());
    }

    /** A balance cell: a balance below zero stands out (style "negative"). */
    private static final class BalanceCell<S> extends TableCell<S, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            pseudoClassStateChanged(NEGATIVE, !empty && text != null && text.startsWith("-"));
        }
    }

    private Node problemsPane() {
        ListView<Problem> list = new ListView<>(model.problems());
        list.setPrefHeight(110);
        list.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null
                        : "partition " + p.partition() + ", offset " + p.offset() + ": " + p.reason());
            }
        });
        TitledPane pane = new TitledPane();
        pane.textProperty().bind(Bindings.createStringBinding(() -> model.uncountedProperty().get() == 0
                        ? "Records not counted: none"
                        : String.format(Locale.ROOT, "Records not counted: %,d (undecodable or of an unknown type)%s",
                        model.uncountedProperty().get(), model.uncountedProperty().get() > model.problems().size()
                                ? String.format(Locale.ROOT, "; the first %,d listed", model.problems().size()) : ""),
                model.uncountedProperty(), model.problems()));
        pane.setContent(list);
        pane.setExpanded(false);
        model.uncountedProperty().addListener((o, was, is) -> pane.setExpanded(is.intValue() > 0));
        return pane;
    }

    // ---------------------------------------------------------------- one account

    private Node accountPane() {
        Label text = new Label();
        text.textProperty().bind(history.textProperty());
        text.setWrapText(true);
        text.getStyleClass().add("history-title");
        // newest first: the top row is the event that made the balance at the instant, what an auditor reads first
        ObservableList<AccountHistory.Row> newestFirst = FXCollections.observableArrayList();
        history.rows().addListener((ListChangeListener<AccountHistory.Row>) c ->
                newestFirst.setAll(history.rows().reversed()));
        TableView<AccountHistory.Row> events = new TableView<>(newestFirst);
        TableCopy.install(events);
        events.getStyleClass().add("history-table");
        events.setPlaceholder(new Label("No events to show."));
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
        Function<AccountHistory.Row, String> time = r -> clock.format(Instant.ofEpochMilli(r.timestamp())
                .atZone(model.zoneProperty().get()));
        Function<AccountHistory.Row, String> amount = r -> Decimals.grouped(r.amount());
        Function<AccountHistory.Row, String> running = r -> Decimals.grouped(r.runningBalance());
        Function<AccountHistory.Row, String> partition = r -> String.valueOf(r.partition());
        Function<AccountHistory.Row, String> offset = r -> String.valueOf(r.offset());
        // what an auditor reads first, sized to their text; the long ids last, shortened in the middle if need be
        java.util.List<TableColumn<AccountHistory.Row, String>> sized = java.util.List.of(
                historyColumn("Time", time, false),
                historyColumn("Amount", amount, true),
                historyColumn("Running balance", running, true),
                historyColumn("Partition", partition, true),
                historyColumn("Offset", offset, true));
        java.util.List<Function<AccountHistory.Row, String>> values = java.util.List.of(time, amount, running,
                partition, offset);
        sized.get(2).setCellFactory(col -> new BalanceCell<>());
        TableColumn<AccountHistory.Row, String> reference = historyColumn("Reference", AccountHistory.Row::reference,
                false);
        TableColumn<AccountHistory.Row, String> eventId = historyColumn("Event id", AccountHistory.Row::eventId, false);
        for (TableColumn<AccountHistory.Row, String> id : java.util.List.of(reference, eventId)) {
            id.setCellFactory(col -> new IdCell<>());
            id.setPrefWidth(140);
        }
        events.getColumns().setAll(sized);
        events.getColumns().addAll(java.util.List.of(reference, eventId));
        newestFirst.addListener((ListChangeListener<AccountHistory.Row>) c -> {
            for (int i = 0; i < sized.size(); i++) {
                ColumnWidths.fit(sized.get(i), newestFirst.stream().map(values.get(i)).toList());
            }
        });
        for (int i = 0; i < sized.size(); i++) {
            ColumnWidths.fit(sized.get(i), java.util.List.of());
        }
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        events.setId("account-events");
        Button csv = new Button("Export events CSV…");
        csv.setOnAction(e -> save("events.csv", model::exportHistoryCsv));
        csv.disableProperty().bind(history.historyProperty().isNull());
        SplitPane split = new SplitPane(chart, events);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.4);
        VBox.setVgrow(split, Priority.ALWAYS);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox tools = new HBox(8, gap(), csv);
        VBox box = new VBox(4, text, tools, split);
        box.setPadding(new Insets(6));
        return box;
    }

    private static TableColumn<AccountHistory.Row, String> historyColumn(String title,
                                                                          Function<AccountHistory.Row, String> value,
                                                                          boolean numeric) {
        TableColumn<AccountHistory.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        if (numeric) {
            c.getStyleClass().add("num");
        }
        return c;
    }

    /** An id too long for its column: shortened in the middle (both ends tell ids apart), in full on hover. */
    private static final class IdCell<S> extends TableCell<S, String> {
        IdCell() {
            getStyleClass().add("id-cell");
            setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null ? null : new Tooltip(text));
        }
    }

    private void save(String name, Consumer<java.nio.file.Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            action.accept(file.toPath());
        }
    }

    /** For tests: the balances table. */
    TableView<BalanceRow> table() {
        return table;
    }
}
