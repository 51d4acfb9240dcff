package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.LedgerSchemas;
import dev.highwater.core.ledger.LedgerSources;
import dev.highwater.ui.UiThread;
import dev.highwater.ui.shell.LiveConnection;
import dev.highwater.ui.shell.Screen;
import javafx.scene.Node;

import java.nio.file.Path;
import java.time.Clock;

/** The Ledger area for one connection: in the demo it opens on payment-ledger at "now", already replaying. */
public final class LedgerScreen implements Screen {

    public static final String DEMO_TOPIC = "payment-ledger";

    private final LedgerModel model;
    private final Node root;

    private LedgerScreen(LedgerModel model) {
        this.model = model;
        this.root = new LedgerView(model).root();
    }

    /**
     * @param sources   where the ledger is read and the snapshots kept
     * @param snapshots the file of replay snapshots, opened on first use off the UI thread
     */
    public static LedgerScreen open(LiveConnection connection, LedgerSources sources, Path snapshots, UiThread ui) {
        return new LedgerScreen(new LedgerModel(() -> sources.reader(connection.kafka()),
                () -> sources.snapshots(snapshots), LedgerSchemas.of(connection.borrowedRegistry()), ui,
                Clock.systemDefaultZone(), DEMO_TOPIC, connection.demo()));
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
