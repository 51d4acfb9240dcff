package dev.highwater.ui.messages;

import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.RowBuffer;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The Messages screen: what to tail and how to decode it across the top, the filter under it, the live table in
 * the centre with its counts, the selected record's detail and the schema sources on the right. It builds
 * controls and binds them to a {@link MessagesModel} and its {@link SchemaSourcesModel}.
 */
public final class MessagesView {

    private static final String ALL = "All partitions";

    private final MessagesModel model;
    private final WindowSearchModel search;
    private final WindowSearchBar searchBar;
    private final BorderPane root = new BorderPane();
    private final TableView<DecodedRecord> table;
    private final ComboBox<String> topic = new ComboBox<>();
    private final ComboBox<String> partition = new ComboBox<>();
    private final ComboBox<MessagesModel.StartAt> from = new ComboBox<>();
    private final TextField fromText = new TextField();
    private final ComboBox<String> valueDecoder = new ComboBox<>();
    private final ComboBox<String> keyDecoder = new ComboBox<>();
    private final TextField registryIds = new TextField();
    private final TextField keyFilter = new TextField();
    private final TextField textFilter = new TextField();
    private final TextField condition = new TextField();

    public MessagesView(MessagesModel model) {
        this(model, null);
    }

    /**
     * @param actions what can be done with the selected record (decode raw, save, copy, skip), or null for none
     */
    public MessagesView(MessagesModel model, RecordActions actions) {
        this.model = model;
        this.search = model.windowSearch();
        this.searchBar = new WindowSearchBar(search, this::form);
        root.getStyleClass().add("messages-screen");
        root.getStylesheets().add(Objects.requireNonNull(
                MessagesView.class.getResource("messages.css")).toExternalForm());
        table = MessageTable.create(model.rows());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !model.replacingRows() && !search.replacingRows()) {
                model.select(is);
            }
        });
        showSearchOrLive();
        VBox centre = new VBox(4, table, countsLine(), exportBar());
        VBox.setVgrow(table, Priority.ALWAYS);
        centre.setPadding(new Insets(4));

        SplitPane right = new SplitPane(new DetailPane(model.detailProperty(), model.detailInTableProperty(),
                actions).root(),
                schemaPanel());
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.72);

        SplitPane main = new SplitPane(centre, right);
        main.setDividerPositions(0.75);
        root.setTop(new VBox(toolbar(), filterBar(), noticeLine()));
        root.setCenter(main);
        watchFrames();
    }

    /** Reports each frame to the model while the screen is in a window, so a full-rate tail leaves the UI its frames. */
    private void watchFrames() {
        AnimationTimer frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.frameShown(now);
                search.frameShown(now);
            }
        };
        root.sceneProperty().addListener((o, was, is) -> {
            if (is != null) {
                frames.start();
            } else {
                frames.stop();
                model.framesStopped();
                search.framesStopped();
            }
        });
    }

    public Node root() {
        return root;
    }

    // for tests
    TableView<DecodedRecord> table() {
        return table;
    }

    TextField conditionField() {
        return condition;
    }

    /** The table shows the window search's matches while its mode is on, the live rows otherwise. */
    private void showSearchOrLive() {
        Label live = new Label("No records yet: new records appear here as they arrive.");
        Label none = new Label("No matches yet: Search reads the window from Kafka.");
        Runnable show = () -> {
            boolean searching = search.shownProperty().get();
            table.setItems(searching ? search.rows() : model.rows());
            table.setPlaceholder(searching ? none : live);
        };
        search.shownProperty().addListener((o, was, is) -> show.run());
        show.run();
    }

    private Node toolbar() {
        Label title = new Label("Messages");
        title.getStyleClass().add("screen-title");
        topic.setItems(model.topics());
        topic.setPromptText("topic");
        topic.setPrefWidth(190);
        model.topicProperty().addListener((o, was, is) -> {
            if (is != null && !is.equals(topic.getValue())) {
                topic.setValue(is);
            }
        });
        topic.setOnAction(e -> {
            if (topic.getValue() != null && !topic.getValue().equals(model.topicProperty().get())) {
                partition.setValue(ALL);
                start();
            }
        });
        partition.setValue(ALL);
        partition.setPrefWidth(120);
        model.partitionCountProperty().addListener((o, was, is) -> {
            ObservableList<String> items = FXCollections.observableArrayList(ALL);
            for (int p = 0; p < is; p++) {
                items.add("Partition " + p);
            }
            String keep = partition.getValue();
            partition.getItems().setAll(items);
            partition.setValue(items.contains(keep) ? keep : ALL);
        });
        from.getItems().setAll(MessagesModel.StartAt.values());
        from.setValue(MessagesModel.StartAt.END);
        from.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(MessagesModel.StartAt s) {
                return s == null ? "" : switch (s) {
                    case END -> "From the end";
                    case BEGINNING -> "From the beginning";
                    case OFFSET -> "From offset…";
                    case INSTANT -> "From instant…";
                };
            }

            @Override
            public MessagesModel.StartAt fromString(String s) {
                return null;
            }
        });
        fromText.setPrefWidth(190);
        fromText.promptTextProperty().bind(Bindings.createStringBinding(() ->
                from.getValue() == MessagesModel.StartAt.INSTANT ? "2024-03-15T09:00:00Z" : "offset", from.valueProperty()));
        fromText.disableProperty().bind(from.valueProperty().isEqualTo(MessagesModel.StartAt.END)
                .or(from.valueProperty().isEqualTo(MessagesModel.StartAt.BEGINNING)));
        valueDecoder.setEditable(true);
        valueDecoder.getItems().setAll("auto", "json", "text", "hex");
        valueDecoder.setValue("auto");
        valueDecoder.setPrefWidth(260);
        model.valueDecoderProperty().addListener((o, was, is) -> valueDecoder.setValue(is));
        Button pickType = new Button("Type…");
        pickType.setOnAction(e -> TypePicker.pick(window(), model.schemaSources().typeNames()).ifPresent(t -> {
            valueDecoder.setValue(t);
            start();
        }));
        keyDecoder.setEditable(true);
        keyDecoder.getItems().setAll("auto", "text", "hex", "json");
        keyDecoder.setValue("auto");
        keyDecoder.setPrefWidth(110);
        Button startButton = new Button("Start");
        startButton.setDefaultButton(false);
        startButton.setOnAction(e -> start());
        Button pause = new Button();
        pause.setId("messages-pause"); // Ctrl+P fires it
        pause.textProperty().bind(Bindings.when(model.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> {
            if (model.pausedProperty().get()) {
                model.resume();
            } else {
                model.pause();
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label state = new Label();
        state.getStyleClass().add("tail-state");
        state.textProperty().bind(model.stateProperty());
        state.setWrapText(true); // on two lines rather than cut where the controls leave it little room
        Tooltip stateInFull = new Tooltip();
        stateInFull.textProperty().bind(model.stateProperty());
        state.setTooltip(stateInFull);
        // the live tail's start and pause make no sense for a window search: its own row replaces them
        for (Region live : List.of(from, fromText, startButton, pause)) {
            live.visibleProperty().bind(search.shownProperty().not());
            live.managedProperty().bind(live.visibleProperty());
        }
        HBox first = new HBox(6, title, modeSwitch(), topic, partition, from, fromText, startButton, pause);
        registryIds.setPromptText("registry schema ids, e.g. 7=pkg.Type");
        registryIds.setPrefWidth(240);
        registryIds.setOnAction(e -> start());
        HBox second = new HBox(6, fixed(new Label("Decode value as")), valueDecoder, pickType,
                fixed(new Label("key as")), keyDecoder, registryIds, grow, state);
        for (HBox row : List.of(first, second)) {
            row.setAlignment(Pos.CENTER_LEFT);
            row.getChildren().forEach(n -> {
                if (n instanceof Region r && n != grow && n != state) {
                    r.setMinWidth(Region.USE_PREF_SIZE);
                }
            });
        }
        state.setMinWidth(0);
        VBox bar = new VBox(4, first, second, searchBar.root());
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    /** Live tail or window search: the one pressed is the table's content. */
    private Node modeSwitch() {
        ToggleGroup group = new ToggleGroup();
        ToggleButton live = new ToggleButton("Live tail");
        ToggleButton window = new ToggleButton("Search a window");
        live.setId("messages-live-mode");
        window.setId("messages-search-mode");
        window.setTooltip(new Tooltip("Read a window of time from Kafka and keep the records the filter matches"));
        live.setToggleGroup(group);
        window.setToggleGroup(group);
        live.setSelected(!search.shownProperty().get());
        window.setSelected(search.shownProperty().get());
        // one of the two stays pressed: a click on the pressed one keeps it
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true);
            } else {
                search.shownProperty().set(is == window);
            }
        });
        HBox both = new HBox(0, fixed(live), fixed(window));
        both.getStyleClass().add("mode-switch");
        return both;
    }

    private Node filterBar() {
        keyFilter.setPromptText("key contains");
        keyFilter.setPrefWidth(140);
        textFilter.setId("messages-text-filter"); // Ctrl+F goes here
        textFilter.setPromptText("text anywhere");
        textFilter.setPrefWidth(160);
        condition.setPromptText("fields, e.g. sender == \"acct-aggregator-7\" && amount > 100");
        HBox.setHgrow(condition, Priority.ALWAYS);
        Button apply = new Button("Filter");
        // in the search mode a filter is a new search of the window: it runs on every record read, not on the rows
        Runnable applyFilter = () -> {
            if (search.shownProperty().get()) {
                searchBar.run();
            } else {
                model.applyFilter(keyFilter.getText(), textFilter.getText(), condition.getText());
            }
        };
        apply.setOnAction(e -> applyFilter.run());
        condition.setOnAction(e -> applyFilter.run());
        keyFilter.setOnAction(e -> applyFilter.run());
        textFilter.setOnAction(e -> applyFilter.run());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            keyFilter.clear();
            textFilter.clear();
            condition.clear();
            if (!search.shownProperty().get()) { // a search reads its window again only when asked to
                applyFilter.run();
            }
        });
        Label problem = new Label();
        problem.getStyleClass().add("form-problem");
        problem.textProperty().bind(model.filterProblemProperty());
        problem.visibleProperty().bind(model.filterProblemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());
        HBox bar = new HBox(6, fixed(new Label("Filter")), keyFilter, textFilter, condition, fixed(apply),
                fixed(clear), problem);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("filter-bar");
        return bar;
    }

    private Node noticeLine() {
        Label notice = new Label();
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotNull());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    private Node countsLine() {
        Label counts = new Label();
        counts.getStyleClass().add("counts");
        counts.textProperty().bind(Bindings.when(search.shownProperty()).then(searchBar.counts())
                .otherwise(model.countsProperty()));
        counts.setTooltip(new Tooltip(TableCounts.EXPLAINED));
        counts.setWrapText(true); // a search's summary may take two lines where the screen is narrow
        counts.setMaxWidth(Double.MAX_VALUE);
        counts.setMinHeight(Region.USE_PREF_SIZE);
        return counts;
    }

    private Node exportBar() {
        Button selection = new Button("Export selection…");
        selection.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        selection.setOnAction(e -> exportTo(List.copyOf(table.getSelectionModel().getSelectedItems())));
        Button all = new Button("Export filtered…");
        all.disableProperty().bind(Bindings.createBooleanBinding(() -> table.getItems().isEmpty(),
                table.itemsProperty(), model.rows(), search.rows()));
        all.setOnAction(e -> exportTo(List.copyOf(table.getItems())));
        // what the file holds is said where it is chosen, and in a tooltip: the bar keeps its width for the toggles
        selection.setTooltip(new Tooltip("JSON lines, or CSV for a .csv name"));
        all.setTooltip(new Tooltip("The table's rows to a file: JSON lines, or CSV for a .csv name"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(6, fixed(selection), fixed(all), grow, fixed(undecodableToggle()),
                fixed(new Label("Keep")), fixed(capacityChoice()));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Shows the undecodable records kept apart in the table instead of the live rows, and back. */
    private ToggleButton undecodableToggle() {
        ToggleButton undecodable = new ToggleButton();
        undecodable.getStyleClass().add("undecodable-toggle");
        undecodable.textProperty().bind(Bindings.format("Undecodable (%,d)", model.undecodableKeptProperty()));
        undecodable.selectedProperty().bindBidirectional(model.showUndecodableProperty());
        undecodable.setTooltip(new Tooltip(String.format(Locale.ROOT, "The table shows the last %,d undecodable "
                + "records instead of the live rows; newer rows do not push these out.",
                RowBuffer.UNDECODABLE_CAPACITY)));
        return undecodable;
    }

    /** How many rows the table keeps: more rows reach further back in time and take more memory. */
    private ComboBox<Integer> capacityChoice() {
        ComboBox<Integer> rows = new ComboBox<>(FXCollections.observableArrayList(MessagesModel.CAPACITY_CHOICES));
        rows.getStyleClass().add("capacity-choice");
        rows.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : String.format(Locale.ROOT, "%,d rows", n);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        rows.setValue(model.capacityProperty().get());
        rows.setOnAction(e -> {
            if (rows.getValue() != null) {
                model.setCapacity(rows.getValue());
            }
        });
        rows.setTooltip(new Tooltip(String.format(Locale.ROOT, "Rows the table keeps, up to %,d: more rows reach "
                + "further back in time and take more memory.", RowBuffer.MAX_CAPACITY)));
        return rows;
    }

    private Node schemaPanel() {
        SchemaSourcesModel sources = model.schemaSources();
        Label title = new Label("Schema sources");
        title.getStyleClass().add("panel-title");
        ListView<String> list = new ListView<>(sources.sources());
        list.getStyleClass().add("source-list");
        VBox.setVgrow(list, Priority.ALWAYS);
        Button folder = new Button(".proto folder…");
        folder.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A folder of .proto files");
            File dir = chooser.showDialog(window());
            if (dir != null) {
                sources.addProtoFolder(dir.toPath());
            }
        });
        Button set = new Button("Descriptor set…");
        set.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("A descriptor set (protoc --descriptor_set_out, buf build -o)");
            File f = chooser.showOpenDialog(window());
            if (f != null) {
                sources.addDescriptorSet(f.toPath());
            }
        });
        Button grpc = new Button("gRPC backend");
        grpc.setTooltip(new javafx.scene.control.Tooltip("Load the types the gRPC backend offers over server reflection"));
        grpc.disableProperty().bind(sources.grpcAvailableProperty().not());
        grpc.setOnAction(e -> sources.loadFromGrpc());
        // the buttons wrap rather than hold the pane wide: the table's summary needs the width more
        FlowPane buttons = new FlowPane(6, 4, fixed(folder), fixed(set), fixed(grpc));
        VBox box = new VBox(4, title, list, buttons);
        box.setPadding(new Insets(6));
        return box;
    }

    private static <T extends Region> T fixed(T control) {
        control.setMinWidth(Region.USE_PREF_SIZE);
        return control;
    }

    private void start() {
        model.start(form());
    }

    /** The form as it stands: what a tail or a window search reads, decodes and keeps. */
    private TailForm form() {
        String p = partition.getValue();
        Integer part = p == null || p.equals(ALL) ? null : Integer.valueOf(p.substring("Partition ".length()));
        return new TailForm(topic.getValue(), part, from.getValue(), fromText.getText(), valueDecoder.getValue(),
                keyDecoder.getValue(), registryIds.getText(), keyFilter.getText(), textFilter.getText(),
                condition.getText());
    }

    private void exportTo(List<DecodedRecord> records) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + records.size() + " records");
        chooser.setInitialFileName("messages.jsonl");
        chooser.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File f = chooser.showSaveDialog(window());
        if (f != null) {
            model.export(records, f.toPath());
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
