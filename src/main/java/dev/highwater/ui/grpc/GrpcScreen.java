package dev.highwater.ui.grpc;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.Screen;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import java.util.Objects;

/** The gRPC area: the workbench and the indexer's live blocks, on the connection's target. */
public final class GrpcScreen implements Screen {

    private final WorkbenchModel workbench;
    private final BlocksModel blocks;
    private final TabPane root;

    /** @param target the connection's gRPC target, plaintext, or null */
    public GrpcScreen(String target, SchemaCatalog schemas, GrpcClients grpc, BackgroundTasks tasks, UiThread ui) {
        this(target == null ? null : ChannelSettings.plaintext(target), schemas, grpc, tasks, ui);
    }

    /** @param connection the connection's gRPC target and transport (TLS as its profile says), or null */
    public GrpcScreen(ChannelSettings connection, SchemaCatalog schemas, GrpcClients grpc, BackgroundTasks tasks,
                      UiThread ui) {
        String target = connection == null ? null : connection.target();
        workbench = new WorkbenchModel(schemas, tasks, ui, grpc, connection);
        blocks = new BlocksModel(connection == null ? null : grpc.indexer(connection), tasks, ui);
        Tab bench = new Tab("Workbench", new WorkbenchView(workbench).root());
        Tab live = new Tab("Blocks", new BlocksView(blocks).root());
        root = new TabPane(bench, live);
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.getStyleClass().add("grpc-screen");
        root.getStylesheets().add(Objects.requireNonNull(GrpcScreen.class.getResource("grpc.css")).toExternalForm());
        if (target != null) {
            workbench.connect();
            // the subscription is work for a tab the user may never open: it starts when the tab is first shown
            live.selectedProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Boolean> obs, Boolean was,
                                    Boolean shown) {
                    if (shown) {
                        live.selectedProperty().removeListener(this);
                        blocks.start();
                    }
                }
            });
        }
    }

    public WorkbenchModel workbench() {
        return workbench;
    }

    public BlocksModel blocks() {
        return blocks;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        workbench.dispose();
        blocks.dispose();
    }
}
