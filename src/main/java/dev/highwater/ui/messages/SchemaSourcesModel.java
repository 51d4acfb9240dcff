package dev.highwater.ui.messages;

import dev.highwater.core.Subscription;
import dev.highwater.core.connect.GrpcTls;
import dev.highwater.core.decode.RecordRendering;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.ReflectedSchemas;
import dev.highwater.core.schema.DescriptorSetSource;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.ui.UiTasks;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the Messages screen's types come from: the sources of the app's shared {@link SchemaCatalog} (.proto
 * folders, descriptor sets, the gRPC backend's reflection), one line per source and per problem, the loaded type
 * names, and the types the tail and the detail decode with. It never holds a Node. Loading runs on the screen's
 * worker thread, in turn with the tail's work; what it has to say goes to the screen's notice line.
 */
public final class SchemaSourcesModel {

    private final SchemaCatalog schemas;
    private final String grpcTarget;
    private final GrpcTls grpcTls;
    private final ReflectedSchemas reflection;
    private final Executor work;
    private final UiTasks uiTasks;
    private final UiThread ui;
    private final Consumer<String> notice;
    private final Subscription catalogSubscription;
    private volatile TypeSet types;
    private volatile RecordRendering rendering;

    // ---- Properties (changed on the UI thread only) ----
    private final ObservableList<String> typeNames = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper grpcAvailable = new ReadOnlyBooleanWrapper();

    /**
     * @param grpcTls how the connection's profile reaches its gRPC backend (null: plaintext)
     * @param reflection loads the backend's types over reflection (null: no backend to load from)
     * @param work    the screen's worker thread: loading and the catalog's changes run there
     * @param uiTasks hands what the worker says to the UI thread
     * @param notice  sets the screen's notice line, on the UI thread
     */
    SchemaSourcesModel(SchemaCatalog schemas, String grpcTarget, GrpcTls grpcTls, ReflectedSchemas reflection,
                       Executor work, UiTasks uiTasks, UiThread ui, Consumer<String> notice) {
        this.schemas = schemas;
        this.grpcTarget = grpcTarget;
        this.grpcTls = grpcTls;
        this.reflection = reflection;
        this.work = work;
        this.uiTasks = uiTasks;
        this.ui = ui;
        this.notice = notice;
        this.types = TypeSet.of(schemas);
        this.rendering = new RecordRendering(types);
        this.catalogSubscription = schemas.onChange(() -> work.execute(this::catalogChanged));
        grpcAvailable.set(grpcTarget != null && !grpcTarget.isBlank() && reflection != null);
        refreshSchemaLists();
    }

    // ---- Properties ----

    /** Every loaded message type's full name, for the type picker. */
    public ObservableList<String> typeNames() {
        return typeNames;
    }

    /** One line per schema source, and one per problem of each. */
    public ObservableList<String> sources() {
        return sources;
    }

    public ReadOnlyBooleanProperty grpcAvailableProperty() {
        return grpcAvailable.getReadOnlyProperty();
    }

    /** The loaded types, as a tail started now decodes with them (any thread). */
    TypeSet types() {
        return types;
    }

    /** How the loaded types render a record in the detail and in exports (any thread). */
    RecordRendering rendering() {
        return rendering;
    }

    // ---- Commands ----

    /** Adds a folder of .proto files as a schema source (compiled here; problems listed, the rest loads). */
    public void addProtoFolder(Path folder) {
        loadSource(() -> ProtoFolderSource.load(folder));
    }

    public void addDescriptorSet(Path file) {
        loadSource(() -> DescriptorSetSource.load(file));
    }

    /** Loads the types the gRPC backend offers over server reflection. */
    public void loadFromGrpc() {
        if (!grpcAvailable.get()) {
            notice.accept("There is no gRPC backend on this connection to load types from.");
            return;
        }
        loadSource(() -> reflection.load(ChannelSettings.of(grpcTarget, grpcTls)));
    }

    /** Stops following the catalog; the sources stay in it for the rest of the app. */
    void dispose() {
        catalogSubscription.close();
    }

    // ---- background ----

    private void loadSource(Supplier<SchemaCatalog.Source> load) {
        work.execute(() -> {
            try {
                SchemaCatalog.Source s = load.get();
                schemas.put(s);
                String m = s.files().size() + " files loaded from " + s.name()
                        + (s.problems().isEmpty() ? "." : "; " + s.problems().size()
                        + " did not (listed under the sources). Restart the tail to decode with the new types.");
                uiTasks.offer(() -> notice.accept(m));
            } catch (RuntimeException e) {
                String m = e.getMessage();
                uiTasks.offer(() -> notice.accept(m));
            }
        });
    }

    private void catalogChanged() {
        types = TypeSet.of(schemas);
        rendering = new RecordRendering(types);
        refreshSchemaLists();
    }

    private void refreshSchemaLists() {
        List<String> names = types.all().stream().map(d -> d.getFullName()).toList();
        List<String> lines = new ArrayList<>();
        for (SchemaCatalog.Source s : schemas.sources()) {
            lines.add(s.name() + " — " + s.files().size() + " files" + (s.problems().isEmpty() ? ""
                    : ", " + s.problems().size() + " problems"));
            s.problems().forEach(p -> lines.add("   ⚠ " + p));
        }
        ui.post(() -> {
            typeNames.setAll(names);
            sources.setAll(lines);
        });
    }
}
