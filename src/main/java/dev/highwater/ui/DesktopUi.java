package dev.highwater.ui;

import dev.highwater.app.Adapters;
import dev.highwater.app.Composition;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.offsets.OffsetReset;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.ui.alerts.AlertDeliveryModel;
import dev.highwater.ui.alerts.AlertDeliveryView;
import dev.highwater.ui.alerts.DesktopSwitch;
import dev.highwater.ui.grpc.GrpcScreen;
import dev.highwater.ui.ledger.LedgerScreen;
import dev.highwater.ui.tables.TablesScreen;
import dev.highwater.ui.messages.MessagesModel;
import dev.highwater.ui.messages.MessagesView;
import dev.highwater.ui.messages.CommittedGroups;
import dev.highwater.ui.messages.RecordActions;
import dev.highwater.ui.offsets.ResetOffsetsModel;
import dev.highwater.ui.offsets.ResetOffsetsView;
import dev.highwater.ui.partitions.PartitionsModel;
import dev.highwater.ui.partitions.PartitionsView;
import dev.highwater.ui.report.IncidentReportAction;
import dev.highwater.ui.schemas.SchemasScreen;
import dev.highwater.ui.shell.Area;
import dev.highwater.ui.shell.LiveConnection;
import dev.highwater.ui.shell.MainModel;
import dev.highwater.ui.shell.MainView;
import dev.highwater.ui.shell.Screen;
import dev.highwater.ui.shell.StartFailureDialog;
import dev.highwater.ui.shell.Themes;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/** Starts JavaFX (without an Application subclass, so dependencies are passed, not handed over statically). */
public final class DesktopUi {

    private static final List<Integer> ICON_SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    private DesktopUi() {
    }

    /**
     * Whether there is a display to open a window on: always on Windows and macOS, and under a headless test
     * platform; on Linux and other X11 systems when {@code DISPLAY} names one (JavaFX's GTK needs an X server).
     */
    public static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || "Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank();
    }

    /** Opens the main window on the embedded demo and returns when the window has closed and all is stopped. */
    public static void launch(Composition app) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<MainModel> opened = new java.util.concurrent.atomic.AtomicReference<>();
        Thread onSignal = new Thread(() -> {
            MainModel m = opened.get();
            if (m != null && closed.getCount() > 0) {
                m.closeNow(); // a logout or kill: stop the broker cleanly even without the window's help
            }
        }, "desktop-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        Platform.setImplicitExit(false);
        StartupTimes times = StartupTimes.fromEnvironment();
        Platform.startup(() -> {
            Stage stage = new Stage();
            MainModel model = open(stage, app, UiThread.fx(), closed::countDown, times);
            opened.set(model);
            model.startDemo(DemoOptions.defaults());
        });
        closed.await();
        app.tasks().close();
        Platform.exit();
    }

    /**
     * Builds the main window on the stage and shows it; the caller starts a connection. Closing the window
     * stops everything first (the demo takes a few seconds), then closes it and runs {@code onClosed}.
     */
    public static MainModel open(Stage stage, Composition app, UiThread ui, Runnable onClosed) {
        return open(stage, app, ui, onClosed, new StartupTimes(false));
    }

    private static MainModel open(Stage stage, Composition app, UiThread ui, Runnable onClosed, StartupTimes times) {
        MainModel model = new MainModel(app, ui);
        DesktopSwitch desktop = new DesktopSwitch(app.dataFolder().resolve("settings.properties"), app.tasks()::run);
        model.alerts().desktopNotifications(desktop.on());
        Themes themes = new Themes(app.dataFolder().resolve("settings.properties"), app.tasks()::run);
        MainView view = new MainView(model, Map.of(
                Area.PARTITIONS, c -> partitionsScreen(c, app, ui, times, new AlertDeliveryModel(model.alerts(),
                        c.profile(), c.kafka().bootstrapServers(), desktop, app.tasks()::run, ui)),
                Area.MESSAGES, c -> messagesScreen(c, app, ui),
                Area.SCHEMAS, c -> SchemasScreen.open(c, app.adapters().tails().on(c.kafka()), ui, app.tasks()),
                Area.LEDGER, c -> LedgerScreen.open(c, app.adapters().ledgers(),
                        app.dataFolder().resolve("ledger-snapshots"), ui),
                Area.TABLES, c -> TablesScreen.open(c, app.adapters().ledgers(), () -> app.adapters().tableSnapshots(
                        Adapters.tableSnapshotsFile(app.dataFolder().resolve("table-snapshots"))), app.schemas(), ui),
                Area.GRPC, c -> new GrpcScreen(c.grpcTarget() == null ? null
                        : ChannelSettings.of(c.grpcTarget(), c.profile().grpcTls()), app.schemas(), app.grpc(),
                        app.tasks(), ui)), themes);
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.getStylesheets().add(Objects.requireNonNull(
                DesktopUi.class.getResource("/dev/highwater/ui/highwater.css")).toExternalForm());
        stage.setScene(scene);
        themes.follow(stage);
        stage.setTitle("Highwater " + app.version());
        for (int size : ICON_SIZES) {
            stage.getIcons().add(new Image(Objects.requireNonNull(DesktopUi.class.getResourceAsStream(
                    "/dev/highwater/ui/icons/highwater-" + size + ".png"))));
        }
        model.startFailureProperty().addListener((obs, old, problem) -> {
            if (problem == null) {
                return;
            }
            Alert dialog = StartFailureDialog.of(problem, stage);
            dialog.setOnHidden(e -> {
                if (dialog.getResult() != null) {
                    act(dialog.getResult(), model, view, stage);
                }
            });
            dialog.show(); // not showAndWait: no nested event loop inside a property listener
        });
        stage.setOnCloseRequest(e -> {
            e.consume();
            model.shutdown(() -> {
                stage.close();
                onClosed.run();
            });
        });
        stage.show();
        times.windowShown();
        return model;
    }

    private static Screen partitionsScreen(LiveConnection c, Composition app, UiThread ui, StartupTimes times,
                                           AlertDeliveryModel alerts) {
        PartitionsModel partitions = new PartitionsModel(c.lag(), ui);
        partitions.groups().addListener((javafx.collections.ListChangeListener<dev.highwater.ui.partitions.GroupSummary>) change -> {
            if (!change.getList().isEmpty()) {
                times.firstLagFigures();
            }
        });
        OffsetReset reset = app.adapters().offsetResets().on(c.kafka(), c.writable(), c.profile().name());
        String where = c.profile().name() + " (" + c.kafka().bootstrapServers() + ")";
        ResetHistory resets = app.adapters().resets(app.dataFolder());
        Function<String, List<LagSample>> lagHistory = group -> c.lag().storedTotalsSince(group,
                System.currentTimeMillis() - Duration.ofDays(1).toMillis());
        Node root = new PartitionsView(partitions, (group, window) -> new ResetOffsetsView(
                new ResetOffsetsModel(reset, group, app.tasks()::run, ui, resets, lagHistory), where, window).show())
                .addGroupAction("export-report", "Export incident report…", IncidentReportAction.of(c, app, ui))
                .addUnderAlerts(new AlertDeliveryView(alerts).root())
                .root();
        return Screen.of(root, () -> {
            partitions.dispose();
            alerts.dispose();
        });
    }

    private static Screen messagesScreen(LiveConnection c, Composition app, UiThread ui) {
        MessagesModel messages = new MessagesModel(app.adapters().tails().on(c.kafka()), c.grpcTarget(),
                c.profile().grpcTls(), app.grpc(), app.schemas(), c.borrowedRegistry(), ui, c.demo());
        return Screen.of(new MessagesView(messages, recordActions(c, app, ui, messages)).root(), messages::dispose);
    }

    /** Decode raw, save, copy, and skip a record for a group with the profile's resets. */
    private static RecordActions recordActions(LiveConnection c, Composition app, UiThread ui, MessagesModel messages) {
        OffsetReset reset = app.adapters().offsetResets().on(c.kafka(), c.writable(), c.profile().name());
        String where = c.profile().name() + " (" + c.kafka().bootstrapServers() + ")";
        return new RecordActions(messages.detailProperty().map(d -> d.record().raw()),
                new RecordActions.Skipping(CommittedGroups.of(app.adapters().offsets(), c.kafka()), reset, where),
                c.kafka().bootstrapServers(), app.tasks()::run, ui);
    }

    private static void act(ButtonType choice, MainModel model, MainView view, Stage stage) {
        if (choice == StartFailureDialog.FREE_PORTS) {
            model.startDemoOnFreePorts();
        } else if (choice == StartFailureDialog.CONNECT) {
            view.askToConnect();
        } else {
            stage.fireEvent(new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
        }
    }
}
