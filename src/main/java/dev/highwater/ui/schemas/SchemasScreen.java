package dev.highwater.ui.schemas;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.connect.RegistrySettings;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.registry.SchemaRegistries;
import dev.highwater.core.tail.TailSource;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.LiveConnection;
import dev.highwater.ui.shell.Screen;
import javafx.scene.Node;

import java.util.Optional;

/** The Schemas area for one connection: the profile's registry, opened when first asked, off the UI thread. */
public final class SchemasScreen implements Screen {

    private final SchemasModel model;
    private final Node root;

    private SchemasScreen(SchemasModel model) {
        this.model = model;
        this.root = new SchemasView(model).root();
        model.refresh();
    }

    /**
     * @param registries opens a registry from its settings
     * @param tails      the connection's topics, read group-less
     */
    public static SchemasScreen open(LiveConnection connection, SchemaRegistries registries, TailSource tails,
                                     UiThread ui, BackgroundTasks tasks) {
        RegistrySettings settings = connection.profile().registry();
        return new SchemasScreen(new SchemasModel(() -> settings.present()
                ? Optional.of(registries.open(settings, SecretResolver.system()))
                : Optional.empty(), tails, ui, tasks));
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
