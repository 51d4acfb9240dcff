package dev.highwater.ui.tables;

import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.decode.WriterSchemas;
import dev.highwater.core.ledger.LedgerSources;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.core.table.TableSnapshotStore;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.LiveConnection;
import dev.highwater.ui.shell.Screen;
import javafx.scene.Node;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/** The Tables area for one connection: in the demo it opens on the transactions topic, keyed by sender. */
public final class TablesScreen implements Screen {

    public static final String DEMO_TOPIC = "transactions";

    private final TablesModel model;
    private final Node root;

    private TablesScreen(TablesModel model) {
        this.model = model;
        this.root = new TablesView(model).root();
    }

    /**
     * @param sources   where the topic is read (committed records only)
     * @param snapshots opens the file of saved states, on first use off the UI thread
     * @param schemas   the schema sources the Messages area decodes with
     */
    public static TablesScreen open(LiveConnection connection, LedgerSources sources,
                                    Supplier<TableSnapshotStore> snapshots, SchemaCatalog schemas, UiThread ui) {
        // keys and values decoded as Messages decodes them: detected per record, with the profile's registry
        Supplier<FilteredDecoder> decoders = () -> new FilteredDecoder(TypeSet.of(schemas), DecoderChoice.AUTO,
                DecoderChoice.AUTO, Map.of(), WriterSchemas.of(connection.borrowedRegistry(), Map.of()));
        return new TablesScreen(new TablesModel(() -> sources.reader(connection.kafka()), snapshots, decoders, ui,
                Clock.systemUTC(), connection.demo() ? DEMO_TOPIC : ""));
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
