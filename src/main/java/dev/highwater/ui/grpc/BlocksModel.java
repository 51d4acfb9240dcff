package dev.highwater.ui.grpc;

import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.Subscription;
import dev.highwater.core.grpc.GrpcCallException;
import dev.highwater.core.grpc.IndexerConnection;
import dev.highwater.core.grpc.IndexerJson;
import dev.highwater.core.grpc.LiveBuffer;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.proto.blockchain.Block;
import dev.highwater.proto.blockchain.Transaction;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The indexer's live blocks: {@code SubscribeToBlocks} on the connection's target into a bounded table (newest
 * first, with how many older ones are not shown), block and transaction rates, the selected block's
 * transactions, and lookup of a transaction by hash. Blocks arrive on the connection's thread; the table changes
 * at most once per frame.
 */
public final class BlocksModel {

    /** Each row keeps its block's transactions: 60 blocks at the demo's 2,000 tx/s is 120,000 of them. */
    public static final int CAPACITY = 60;
    private static final Duration LOOKUP_DEADLINE = Duration.ofSeconds(5);

    private final String target;
    private final IndexerConnection connection;
    private final BackgroundTasks tasks;
    private final UiThread ui;
    private final LiveBuffer<BlockRow> buffer = new LiveBuffer<>(CAPACITY);
    private final AtomicLong lastArrivalNanos = new AtomicLong();
    private final Coalescer<Boolean> paint;
    private final Subscription ticker;
    private volatile Subscription call;
    private volatile long lastHeight;
    private volatile boolean stoppedByUser;
    private volatile boolean disposed;

    // ---- Properties ----
    private final ObservableList<BlockRow> blocks = FXCollections.observableArrayList();
    private final ObservableList<BlockRow> blocksView = FXCollections.unmodifiableObservableList(blocks);
    private final ObjectProperty<BlockRow> selectedBlock = new SimpleObjectProperty<>();
    private final ObservableList<Transaction> selectedTransactions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper streamProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lookupResult = new ReadOnlyStringWrapper("");

    /**
     * @param connection the indexer on the connection's gRPC target (as its profile says), not yet opened; null:
     *                   none. The model closes it when disposed.
     */
    public BlocksModel(IndexerConnection connection, BackgroundTasks tasks, UiThread ui) {
        this.target = connection == null ? null : connection.target();
        this.connection = connection;
        this.tasks = tasks;
        this.ui = ui;
        this.paint = new Coalescer<>(ui, ignored -> drain());
        this.ticker = tasks.every(Duration.ofSeconds(1), () -> paint.offer(Boolean.TRUE));
        selectedBlock.addListener((obs, old, b) -> selectedTransactions.setAll(
                b == null ? List.of() : b.block().getTransactionsList()));
        if (target == null) {
            streamProblem.set("This connection has no gRPC target: connect with one to see its blocks.");
        }
    }

    public ObservableList<BlockRow> blocks() {
        return blocksView;
    }

    public ObjectProperty<BlockRow> selectedBlock() {
        return selectedBlock;
    }

    public ObservableList<Transaction> selectedTransactions() {
        return selectedTransactions;
    }

    /** "1,234 blocks · 34 older not shown · 1.0 blocks/s · 1,980 tx/s (over 29 s)", or "measuring rates…". */
    public ReadOnlyStringProperty summary() {
        return summary.getReadOnlyProperty();
    }

    /** Why the stream stopped, with what to check; empty while it runs. */
    public ReadOnlyStringProperty streamProblem() {
        return streamProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty streaming() {
        return streaming.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lookupResult() {
        return lookupResult.getReadOnlyProperty();
    }

    public String target() {
        return target;
    }

    /**
     * Subscribes from the oldest block the indexer keeps, or after the last block received when resuming. The
     * connection opens on a background thread (it reads the TLS files); a file it cannot use is said as the
     * stream's problem.
     */
    public void start() {
        if (connection == null || streaming.get()) {
            return;
        }
        streaming.set(true);
        stoppedByUser = false;
        streamProblem.set("");
        long from = lastHeight == 0 ? 0 : lastHeight + 1;
        tasks.run(() -> subscribe(from));
    }

    private void subscribe(long from) {
        if (stoppedByUser) {
            post(() -> streaming.set(false));
            return;
        }
        Subscription c;
        try {
            c = connection.subscribe(from, new IndexerConnection.BlockListener() {
                @Override
                public void onBlock(Block b) {
                    lastHeight = b.getHeight();
                    lastArrivalNanos.set(System.nanoTime());
                    buffer.add(BlockRow.of(b));
                    paint.offer(Boolean.TRUE);
                }

                @Override
                public void onError(String advice) {
                    post(() -> {
                        streaming.set(false);
                        if (!stoppedByUser) {
                            streamProblem.set("The block stream ended: " + advice + " The blocks received are kept;"
                                    + " Resume continues after block " + LagFormat.count(lastHeight) + ".");
                        }
                    });
                }

                @Override
                public void onCompleted() {
                    post(() -> {
                        streaming.set(false);
                        streamProblem.set("The server ended the block stream after block "
                                + LagFormat.count(lastHeight) + ".");
                    });
                }
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            String why = e.getMessage();
            post(() -> {
                streaming.set(false);
                streamProblem.set("The block stream cannot start: " + why);
            });
            return;
        }
        call = c;
        if (stoppedByUser) { // stopped while the connection was being opened
            c.close();
        }
    }

    public void stop() {
        stoppedByUser = true;
        Subscription c = call;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Looks a transaction up by its hash: hex as the tables show it, or base64 as the workbench's JSON shows it.
     * NOT_FOUND is said plainly.
     */
    public void lookUp(String text) {
        byte[] hash;
        try {
            hash = HashText.parse(text);
        } catch (IllegalArgumentException e) {
            lookupResult.set(e.getMessage());
            return;
        }
        if (connection == null) {
            lookupResult.set("This connection has no gRPC target.");
            return;
        }
        String digits = java.util.HexFormat.of().formatHex(hash);
        byte[] h = hash;
        lookupResult.set("Looking up " + digits + "…");
        tasks.run(() -> {
            String result;
            try {
                result = describe(connection.transaction(h, LOOKUP_DEADLINE));
            } catch (GrpcCallException e) {
                result = e.notFound()
                        ? "Not found: the indexer at " + target + " has no transaction " + digits
                        + " (it keeps only recent blocks; check the hash)."
                        : e.getMessage();
            } catch (IllegalArgumentException | IllegalStateException e) {
                result = e.getMessage();
            }
            String shown = result;
            post(() -> lookupResult.set(shown));
        });
    }

    public void dispose() {
        disposed = true;
        ticker.close();
        stop();
        if (connection != null) {
            tasks.run(connection::close); // it waits for the channel to end: not on the UI thread
        }
    }

    private static String describe(Transaction tx) {
        return "Block " + LagFormat.count(tx.getBlockHeight()) + " · " + IndexerJson.status(tx.getStatus()) + " · " + tx.getSender()
                + " → " + tx.getRecipient() + " · " + WorkbenchWords.amount(tx.getAmount()) + " · "
                + java.time.Instant.ofEpochMilli(tx.getTimestamp());
    }

    private void drain() {
        long now = System.nanoTime();
        LiveBuffer.View<BlockRow> v = buffer.view(now);
        NewestOnTop.merge(blocks, v.items(), BlockRow::height, CAPACITY);
        StringBuilder s = new StringBuilder(LagFormat.count(v.received())).append(" blocks");
        if (v.notShown() > 0) {
            s.append(" · ").append(LagFormat.count(v.notShown())).append(" older not shown");
        }
        long arrived = lastArrivalNanos.get();
        s.append(" · ").append(BlockRates.words(BlockRates.of(v.items()),
                Duration.ofNanos(v.received() == 0 ? 0 : now - arrived)));
        summary.set(s.toString());
    }

    private void post(Runnable r) {
        if (!disposed) {
            ui.post(r);
        }
    }
}
