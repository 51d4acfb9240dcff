package dev.highwater.ui.schemas;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.tail.TailSource;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.LiveConnection;
import dev.highwater.ui.shell.Screen;
import javafx.scene.Node;

import java.util.Optional;

/** The Schemas area for one connection: the connection's registry, opened when first asked, off the UI thread. */
public final class SchemasScreen implements Screen {

    private final SchemasModel model;
    private final Node root;

    private SchemasScreen(SchemasModel model) {
        this.model = model;
        this.root = new SchemasView(model).root();
        model.refresh();
    }

    /**
     * @param tails the connection's topics, read group-less
     */
    public static SchemasScreen open(LiveConnection connection, TailSource tails, UiThread ui, BackgroundTasks tasks) {
        return new SchemasScreen(new SchemasModel(() -> Optional.ofNullable(connection.borrowedRegistry()), tails, ui,
                tasks));
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void dispose() {
        model.dispose();
    }
}
