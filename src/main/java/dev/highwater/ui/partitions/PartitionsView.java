package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.PartitionLag;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.stage.Window;

/**
 * The Partitions screen: groups on the left; the selected group's partitions and charts in the centre; hot keys
 * and alerts on the right; a banner across the top while disconnected. It builds controls and binds them to
 * a {@link PartitionsModel}; it holds no state of its own beyond what the controls show.
 */
public final class PartitionsView {

    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    /** Wide enough for "transaction-processor" and "LAGGING · lag 43,000" on a line each. */
    private static final double GROUPS_MIN_WIDTH = 205;
    /** Wide enough for a hot key and its share, and an alert's severity and time. */
    private static final double SIDE_MIN_WIDTH = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final PartitionsModel model;
    private final BorderPane root = new BorderPane();
    private final ListView<GroupSummary> groupList;
    private final TableView<PartitionLag> table;
    private final LagCharts charts;

    private final BiConsumer<String, Window> resetOffsets;
    /** Two alerts at least stay in sight, whatever is added under the list. */
    private static final double ALERTS_MIN_HEIGHT = 120;
    /** Buttons that act on the selected group, after the reset button. */
    private final HBox groupActions = new HBox(8);
    /** The alerts list, and under it what the shell adds (how alerts leave the app). */
    private final VBox alertsPane = new VBox(4);

    public PartitionsView(PartitionsModel model) {
        this(model, null);
    }

    /**
     * @param resetOffsets opens the offset reset of a group over the given window; null: no reset button
     */
    public PartitionsView(PartitionsModel model, BiConsumer<String, Window> resetOffsets) {
        this.model = model;
        this.resetOffsets = resetOffsets;
        root.getStyleClass().add("partitions-screen");
        root.getStylesheets().add(Objects.requireNonNull(
                PartitionsView.class.getResource("partitions.css")).toExternalForm());
        groupList = buildGroupList();
        table = PartitionTable.create(model.partitionRows(), model::topKeysText);
        // stale rows are the last values read: greyed, so they do not pass for the present
        model.staleSinceProperty().addListener((o, was, is) -> table.pseudoClassStateChanged(STALE, is != null));
        charts = new LagCharts(model);

        SplitPane tableAndCharts = new SplitPane(table, charts.root());
        tableAndCharts.setOrientation(Orientation.VERTICAL);
        tableAndCharts.setDividerPositions(0.46);
        VBox.setVgrow(tableAndCharts, Priority.ALWAYS);
        VBox centre = new VBox(4, statusLine(), tableAndCharts);
        centre.setPadding(new Insets(4));

        Region alertList = AlertList.create(model.alerts());
        alertList.setMinHeight(ALERTS_MIN_HEIGHT); // what is added under it never squeezes the alerts away
        VBox.setVgrow(alertList, Priority.ALWAYS);
        alertsPane.getChildren().add(alertList);
        SplitPane right = new SplitPane(titled("Hot keys", new HotKeyPanel(model.hotKeys()).root()),
                titled("Alerts", alertsPane));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.55);

        Node groups = titled("Consumer groups", groupsPane());
        // the side panes are as wide as their words need; a wider window widens the table and the charts
        ((Region) groups).setMinWidth(GROUPS_MIN_WIDTH);
        right.setMinWidth(SIDE_MIN_WIDTH);
        SplitPane.setResizableWithParent(groups, false);
        SplitPane.setResizableWithParent(right, false);
        SplitPane main = new SplitPane(groups, centre, right);
        main.setDividerPositions(0.16, 0.82);
        root.setTop(new VBox(banner(), toolbar()));
        root.setCenter(main);
    }

    /**
     * Adds a button beside the selected group's name that runs {@code action} on the group, over the screen's
     * window; disabled while no group is selected.
     */
    public PartitionsView addGroupAction(String id, String text, BiConsumer<String, Window> action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(model.selectedGroupProperty().isNull());
        b.setOnAction(e -> action.accept(model.selectedGroupProperty().get(), b.getScene().getWindow()));
        groupActions.getChildren().add(b);
        return this;
    }

    /** Adds a part under the alerts list: how the alerts leave the app. */
    public PartitionsView addUnderAlerts(Node part) {
        alertsPane.getChildren().add(part);
        return this;
    }

    /** The whole screen, for the shell to place. */
    public Node root() {
        return root;
    }

    // for tests
    ListView<GroupSummary> groupList() {
        return groupList;
    }

    TableView<PartitionLag> table() {
        return table;
    }

    LagCharts charts() {
        return charts;
    }

    /** The search field, the count of groups shown, and the list. */
    private Node groupsPane() {
        TextField search = new TextField();
        search.setId("group-search");
        search.setPromptText("Search groups");
        search.textProperty().addListener((o, was, is) -> model.setGroupFilter(is));
        model.groupFilterProperty().addListener((o, was, is) -> {
            if (!is.equals(search.getText().strip())) {
                search.setText(is); // searched by a command rather than typed
            }
        });
        Label count = new Label();
        count.setId("group-count");
        count.getStyleClass().add("group-count");
        count.textProperty().bind(model.groupCountProperty());
        VBox.setVgrow(groupList, Priority.ALWAYS);
        return new VBox(4, search, count, groupList);
    }

    private ListView<GroupSummary> buildGroupList() {
        ListView<GroupSummary> list = new ListView<>(model.groups());
        list.getStyleClass().add("group-list");
        Label waiting = new Label();
        waiting.textProperty().bind(Bindings.createStringBinding(() -> model.groupFilterProperty().get().isEmpty()
                || model.groupCountProperty().get().isEmpty() ? "Waiting for the first refresh…"
                : "No group's name contains \"" + model.groupFilterProperty().get() + "\".",
                model.groupFilterProperty(), model.groupCountProperty()));
        waiting.setWrapText(true);
        list.setPlaceholder(waiting);
        list.setCellFactory(v -> new GroupCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null) {
                model.selectGroup(is.groupId());
            }
        });
        // the model decides what is selected; rows replaced by a refresh must not lose the selection, and a
        // search that leaves the selected group out shows no selection rather than picking another
        Runnable sync = () -> {
            String id = model.selectedGroupProperty().get();
            GroupSummary current = list.getSelectionModel().getSelectedItem();
            if (id != null && (current == null || !current.groupId().equals(id))) {
                int at = indexOf(list.getItems(), id);
                if (at >= 0) {
                    list.getSelectionModel().select(at);
                } else if (current != null) {
                    list.getSelectionModel().clearSelection();
                }
            }
        };
        model.selectedGroupProperty().addListener((o, was, is) -> sync.run());
        model.groups().addListener((ListChangeListener<GroupSummary>) c -> sync.run());
        return list;
    }

    private static int indexOf(List<GroupSummary> groups, String id) {
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).groupId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private Node banner() {
        Label banner = new Label();
        banner.getStyleClass().add("connection-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.textProperty().bind(model.connectionBannerProperty());
        banner.visibleProperty().bind(model.connectionBannerProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Node toolbar() {
        Label title = new Label("Partitions");
        title.getStyleClass().add("screen-title");
        Spinner<Integer> interval = new Spinner<>(1, 60, (int) model.refreshIntervalProperty().get().toSeconds());
        interval.setEditable(true);
        interval.setPrefWidth(70);
        interval.valueProperty().addListener((o, was, is) -> model.setRefreshInterval(Duration.ofSeconds(is)));
        ComboBox<Duration> window = new ComboBox<>();
        window.getItems().setAll(PartitionsModel.CHART_WINDOWS);
        window.setValue(model.chartWindowProperty().get());
        window.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toMinutes() < 60 ? d.toMinutes() + " min" : d.toHours() + " h";
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        window.valueProperty().addListener((o, was, is) -> model.setChartWindow(is));
        Button resetZoom = new Button("Reset zoom");
        resetZoom.setOnAction(e -> charts.resetZoom());
        Label updated = new Label();
        updated.setId("refresh-time");
        updated.textProperty().bind(Bindings.createStringBinding(() -> model.staleSinceProperty().get() != null
                ? "stale since " + model.staleSinceProperty().get() : model.lastRefreshAtProperty().get() == 0
                ? "waiting for the first refresh" : "updated " + TIME.format(Instant.ofEpochMilli(
                model.lastRefreshAtProperty().get())), model.lastRefreshAtProperty(), model.staleSinceProperty()));
        model.staleSinceProperty().addListener((o, was, is) -> {
            updated.getStyleClass().remove("stale-note");
            if (is != null) {
                updated.getStyleClass().add("stale-note");
            }
        });
        Label storage = new Label();
        storage.getStyleClass().add("storage-problem");
        storage.textProperty().bind(model.storageProblemProperty());
        storage.visibleProperty().bind(model.storageProblemProperty().isNotNull());
        storage.managedProperty().bind(storage.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, storage, updated, new Label("Refresh every (s)"), interval,
                new Label("Charts show"), window, resetZoom);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private Node statusLine() {
        Label status = new Label();
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            GroupStatus s = model.selectedStatusProperty().get();
            return s == null ? "" : s.name();
        }, model.selectedStatusProperty()));
        status.getStyleClass().add("status-word");
        model.selectedStatusProperty().addListener((o, was, is) -> styleStatus(status, is));
        Label group = new Label();
        group.textProperty().bind(model.selectedGroupProperty());
        group.getStyleClass().add("group-title");
        Label reason = new Label();
        reason.textProperty().bind(model.statusReasonProperty());
        reason.setWrapText(true);
        reason.getStyleClass().add("status-reason");
        reason.setMaxWidth(Double.MAX_VALUE);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        group.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(8, group, status, spacer);
        if (resetOffsets != null) {
            Button reset = new Button("Reset offsets…");
            reset.setId("reset-offsets");
            reset.setMinWidth(Region.USE_PREF_SIZE);
            reset.disableProperty().bind(model.selectedGroupProperty().isNull());
            reset.setOnAction(e -> resetOffsets.accept(model.selectedGroupProperty().get(), reset.getScene().getWindow()));
            line.getChildren().add(reset);
        }
        line.getChildren().add(groupActions);
        line.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, line, reason); // the reason on a line of its own wraps instead of being cut
    }

    private static void styleStatus(Label label, GroupStatus status) {
        label.getStyleClass().removeIf(s -> s.startsWith("status-") && !s.equals("status-word"));
        if (status != null) {
            label.getStyleClass().add("status-" + status.name().toLowerCase(Locale.ROOT));
        }
    }

    private static Node titled(String title, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("panel-title");
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(4, heading, content);
        box.setPadding(new Insets(4));
        return box;
    }

    /** A group: a coloured dot and status word, its total and maximum lag, members and state. */
    private final class GroupCell extends ListCell<GroupSummary> {
        private final Region dot = new Region();
        private final Label name = new Label();
        private final Label figures = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(8, dot, new VBox(1, name, figures, detail));

        GroupCell() {
            dot.getStyleClass().add("dot");
            name.getStyleClass().add("group-name");
            detail.getStyleClass().add("group-detail");
            for (Label l : List.of(name, figures, detail)) {
                l.setWrapText(true); // a long group id or lag wraps rather than being cut
                l.maxWidthProperty().bind(groupList.widthProperty().subtract(40));
            }
            box.setAlignment(Pos.CENTER_LEFT);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(GroupSummary g, boolean empty) {
            super.updateItem(g, empty);
            if (empty || g == null) {
                setGraphic(null);
                return;
            }
            dot.getStyleClass().setAll("dot", "dot-" + g.status().name().toLowerCase(Locale.ROOT));
            name.setText(g.groupId());
            figures.setText(g.status().name() + " · lag " + LagFormat.count(g.totalLag()));
            figures.getStyleClass().setAll("label", "status-" + g.status().name().toLowerCase(Locale.ROOT));
            detail.setText((g.stale() ? "stale · " : "")
                    + "max " + LagFormat.seconds(g.maxLagSeconds()) + " · " + g.members()
                    + (g.members() == 1 ? " member · " : " members · ") + g.state()
                    + (g.rebalances() == 0 ? "" : " · " + g.rebalances() + (g.rebalances() == 1 ? " rebalance" : " rebalances")));
            setGraphic(box);
        }
    }
}
