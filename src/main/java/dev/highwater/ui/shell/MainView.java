package dev.highwater.ui.shell;

import dev.highwater.ui.connect.ProfilesModel;
import dev.highwater.ui.connect.ProfilesView;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The main window's content: navigation on the left, the selected area, the connection in the status bar. */
public final class MainView {

    private final MainModel model;
    private final Map<Area, Function<LiveConnection, Screen>> screenFactories;
    private final Map<Area, Screen> screens = new EnumMap<>(Area.class);
    private final BorderPane root = new BorderPane();
    private final StackPane layers = new StackPane(); // the window's content, and the keyboard help over it
    private final HelpOverlay help = new HelpOverlay();
    private final Themes themes;
    private final StackPane center = new StackPane();
    private LiveConnection connection; // the one the screens are for; null while there is none
    private final Circle kafkaDot = dot();
    private final Circle grpcDot = dot();
    private final Label statusText = new Label();
    private final Label mode = new Label();
    private final Label startingStep = new Label();
    private final Node starting = startingPanel();

    /**
     * @param screenFactories builds each built area's screen for a connection; an area without one says it is
     *                        planned
     */
    public MainView(MainModel model, Map<Area, Function<LiveConnection, Screen>> screenFactories) {
        this(model, screenFactories, Themes.unsaved());
    }

    /** @param themes the light or dark theme, chosen in the navigation */
    public MainView(MainModel model, Map<Area, Function<LiveConnection, Screen>> screenFactories, Themes themes) {
        this.model = model;
        this.screenFactories = Map.copyOf(screenFactories);
        this.themes = themes;
        root.getStyleClass().add("main");
        root.setLeft(navigation());
        root.setCenter(center);
        root.setBottom(statusBar());
        center.getStyleClass().add("area");
        model.liveConnectionProperty().addListener((obs, old, c) -> connected(c));
        model.areaProperty().addListener((obs, old, a) -> show(a));
        model.busyProperty().addListener((obs, old, b) -> show(model.areaProperty().get()));
        model.connectionProperty().addListener((obs, old, c) -> paint(c));
        show(model.areaProperty().get());
        paint(model.connectionProperty().get());
        layers.getChildren().addAll(root, help.root());
        layers.sceneProperty().addListener((obs, old, scene) -> {
            if (old == null && scene != null) {
                installKeys(scene);
            }
        });
    }

    public Parent root() {
        return layers;
    }

    private Node navigation() {
        Label brand = new Label("Highwater");
        brand.getStyleClass().add("brand");
        VBox nav = new VBox(4, brand);
        nav.getStyleClass().add("navigation");
        ToggleGroup group = new ToggleGroup();
        for (Area a : Area.values()) {
            ToggleButton b = new ToggleButton(a.title());
            b.setId("nav-" + a.name().toLowerCase());
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setSelected(a == model.areaProperty().get());
            b.setOnAction(e -> {
                model.select(a);
                b.setSelected(true); // a click on the shown area keeps it selected
            });
            // the area may also change from the keyboard
            model.areaProperty().addListener((obs, old, shown) -> b.setSelected(shown == a));
            nav.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button connect = new Button("Connect to a cluster…");
        connect.setId("connect");
        connect.setMaxWidth(Double.MAX_VALUE);
        connect.setOnAction(e -> askToConnect());
        Button demo = new Button("Restart the demo");
        demo.setId("start-demo");
        demo.setMaxWidth(Double.MAX_VALUE);
        demo.setOnAction(e -> model.restartDemo());
        CheckBox withRegistry = new CheckBox("with a schema registry");
        withRegistry.setId("demo-schema-registry");
        withRegistry.selectedProperty().bindBidirectional(model.demoSchemaRegistryProperty());
        withRegistry.setTooltip(new Tooltip("On the next restart, the demo also runs a schema registry on this"
                + " machine and writes registry-framed topics whose schema evolves while it runs: Protobuf"
                + " payments on payments.registry (v2 after a minute, v3 after two) and Avro accounts on"
                + " accounts.avro. The registry is a Java process of its own, about 200 MB."));
        connect.disableProperty().bind(model.busyProperty());
        demo.disableProperty().bind(model.busyProperty());
        withRegistry.disableProperty().bind(model.busyProperty());
        nav.getChildren().addAll(spacer, themeMenu(), connect, demo, withRegistry);
        return nav;
    }

    /** Light, Dark, or as the system says; the button names the choice in force. */
    private Node themeMenu() {
        MenuButton menu = new MenuButton();
        menu.setId("theme");
        menu.setMaxWidth(Double.MAX_VALUE);
        ToggleGroup choices = new ToggleGroup();
        for (Themes.Choice c : Themes.Choice.values()) {
            RadioMenuItem item = new RadioMenuItem(c.title());
            item.setId("theme-" + c.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(choices);
            item.setSelected(themes.choiceProperty().get() == c);
            item.setOnAction(e -> themes.choose(c));
            menu.getItems().add(item);
        }
        menu.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Theme: " + themes.choiceProperty().get().title(), themes.choiceProperty()));
        menu.setTooltip(new Tooltip("Light, dark, or the system's colour scheme. F1 lists the keyboard shortcuts."));
        return menu;
    }

    /** The shortcuts of {@link Shortcuts}, every one of them and nothing else, and the help that lists them. */
    private void installKeys(Scene scene) {
        for (Shortcuts.Shortcut s : Shortcuts.all()) {
            for (KeyCombination k : s.keys()) {
                scene.getAccelerators().put(k, () -> act(s));
            }
            if (s.typed() != null) {
                // a typed character is text in a text field: a shortcut only outside one
                scene.addEventHandler(KeyEvent.KEY_TYPED, e -> {
                    if (s.typed().equals(e.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)) {
                        e.consume();
                        act(s);
                    }
                });
            }
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (help.showing() && e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                help.hide();
            }
        });
    }

    private void act(Shortcuts.Shortcut s) {
        Area area = model.areaProperty().get();
        Shortcuts.OnScreen here = Shortcuts.on(area);
        if (s.action() != Shortcuts.Action.HELP) {
            help.hide();
        }
        switch (s.action()) {
            case SHOW_AREA -> model.select(s.area());
            case HELP -> {
                if (help.showing()) {
                    help.hide();
                } else {
                    help.show(area);
                }
            }
            case REFRESH -> use(here.refreshId(), area);
            case FIND -> use(here.findId(), area);
            case PAUSE -> use(here.pauseId(), area);
        }
    }

    /** Fires the screen's button or goes to its field; where there is none, the help says what there is. */
    private void use(String id, Area area) {
        Node target = id == null || center.getChildren().isEmpty() ? null
                : center.getChildren().getFirst().lookup("#" + id);
        if (target instanceof ButtonBase b && !b.isDisabled()) {
            b.fire();
        } else if (target instanceof TextInputControl field && !field.isDisabled()) {
            field.requestFocus();
            field.selectAll();
        } else {
            help.show(area);
        }
    }

    /** Opens the connections dialog and connects to the profile the user chooses. */
    public void askToConnect() {
        ProfilesModel profiles = model.profiles();
        profiles.demoIs(model.demoProfile());
        new ProfilesView(profiles, root.getScene() == null ? null : root.getScene().getWindow())
                .showAndWait()
                .ifPresent(model::connectTo);
    }

    /** The connection attempt under way, with a spinner and the button that gives it up; hidden when none is. */
    private Node attempt() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        Label text = new Label();
        text.setId("connecting-text");
        text.textProperty().bind(model.connectingProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-connect");
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setOnAction(e -> model.cancelConnecting());
        HBox box = new HBox(6, spinner, text, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(model.connectingProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node statusBar() {
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(model.busyProperty());
        busy.managedProperty().bind(model.busyProperty());
        statusText.setId("status-text");
        mode.setId("profile-mode");
        mode.getStyleClass().add("mode-badge");
        mode.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            LiveConnection c = model.liveConnectionProperty().get();
            return c == null ? "" : c.writable() ? "writable" : "read-only";
        }, model.liveConnectionProperty()));
        mode.visibleProperty().bind(mode.textProperty().isNotEmpty());
        mode.setTooltip(new Tooltip("Read-only: monitoring only, no offset resets. Writable: resets allowed, each"
                + " one confirmed. Change it in Connect to a cluster…"));
        Label notice = new Label();
        notice.setId("status-notice");
        notice.getStyleClass().add("status-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(model.noticeProperty());
        full.setWrapText(true);
        full.setMaxWidth(600);
        notice.setTooltip(full);
        notice.setWrapText(true);
        mode.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox connectionRow = new HBox(8, busy, kafkaDot, grpcDot, statusText, gap, mode);
        connectionRow.setAlignment(Pos.CENTER_LEFT);
        // the attempt and its outcome get a line of their own under the connection in place: a whole sentence,
        // and a Cancel button that is never squeezed to "…"
        HBox attemptRow = new HBox(8, attempt(), notice);
        attemptRow.setAlignment(Pos.CENTER_LEFT);
        attemptRow.visibleProperty().bind(model.connectingProperty().isNotEmpty()
                .or(model.noticeProperty().isNotEmpty()));
        attemptRow.managedProperty().bind(attemptRow.visibleProperty());
        VBox bar = new VBox(4, connectionRow, attemptRow);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /**
     * A new connection releases the old one's screens; each area builds its screen, and so starts its work (a
     * tail, a replay, a subscription), only when it is first shown.
     */
    private void connected(LiveConnection c) {
        screens.values().forEach(Screen::dispose);
        screens.clear();
        connection = c;
        show(model.areaProperty().get());
    }

    private void show(Area a) {
        boolean startingUp = model.liveConnectionProperty().get() == null && model.busyProperty().get();
        center.getChildren().setAll(startingUp ? starting : screenOf(a));
    }

    private Node screenOf(Area a) {
        Function<LiveConnection, Screen> factory = screenFactories.get(a);
        if (connection == null || factory == null) {
            return PlannedArea.of(a);
        }
        return screens.computeIfAbsent(a, area -> {
            Screen s = factory.apply(connection);
            s.root().setId("area-" + area.name().toLowerCase());
            return s;
        }).root();
    }

    /** Until a connection is in place, what is being started (the broker, the gRPC service, the traffic). */
    private Node startingPanel() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(32, 32);
        startingStep.setId("starting-step");
        startingStep.setWrapText(true);
        startingStep.setMaxWidth(620);
        startingStep.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        startingStep.setAlignment(Pos.CENTER);
        startingStep.getStyleClass().add("area-purpose");
        VBox box = new VBox(12, spinner, startingStep);
        box.setAlignment(Pos.CENTER);
        box.setId("starting");
        return box;
    }

    private void paint(ConnectionStatus c) {
        StringBuilder text = new StringBuilder(c.label());
        if (c.kafka() != null) {
            text.append(" · Kafka ").append(c.kafka());
        }
        if (c.grpc() != null) {
            text.append(" · gRPC ").append(c.grpc());
        }
        if (c.detail() != null && !c.detail().isBlank()) {
            text.append(" · ").append(c.detail());
        }
        statusText.setText(text.toString());
        // a step ends in "…"; a connection in place awaits the area's first refresh before the area shows
        startingStep.setText(c.label().endsWith("…") ? c.label() : c.label() + ": waiting for the first refresh…");
        state(kafkaDot, c.kafkaUp(), "Kafka");
        state(grpcDot, c.grpcUp(), "gRPC");
    }

    private static void state(Circle dot, Boolean up, String what) {
        dot.getStyleClass().removeAll("up", "down", "unknown");
        dot.getStyleClass().add(up == null ? "unknown" : up ? "up" : "down");
        Tooltip.install(dot, new Tooltip(what + (up == null ? ": unknown" : up ? ": answering" : ": not answering")));
    }

    private static Circle dot() {
        Circle c = new Circle(5);
        c.getStyleClass().addAll("state-dot", "unknown");
        return c;
    }
}
