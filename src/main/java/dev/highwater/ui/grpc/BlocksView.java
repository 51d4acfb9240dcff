package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.IndexerJson;
import dev.highwater.core.indexer.ChainHashing;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.proto.blockchain.Transaction;
import dev.highwater.ui.TableCopy;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The indexer's live blocks: a table of blocks (newest first) with the rate, the selected block's transactions
 * below, and lookup of a transaction by hash. It builds controls and binds them to a {@link BlocksModel}.
 */
public final class BlocksView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final BorderPane root = new BorderPane();

    public BlocksView(BlocksModel model) {
        root.getStyleClass().add("grpc-blocks");
        Label source = new Label("SubscribeToBlocks on " + (model.target() == null ? "—" : model.target()));
        source.getStyleClass().add("grpc-section-title");
        Button resume = new Button("Resume");
        resume.setId("blocks-resume");
        resume.disableProperty().bind(model.streaming().or(Bindings.createBooleanBinding(() -> model.target() == null)));
        resume.setOnAction(e -> model.start());
        Button stop = new Button("Stop");
        stop.disableProperty().bind(model.streaming().not());
        stop.setOnAction(e -> model.stop());
        Label summary = new Label();
        summary.setId("blocks-summary");
        summary.textProperty().bind(model.summary());
        HBox head = new HBox(10, source, resume, stop, summary);
        head.setAlignment(Pos.CENTER_LEFT);
        Label problem = new Label();
        problem.textProperty().bind(model.streamProblem());
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(model.streamProblem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox top = new VBox(4, head, problem);
        top.setPadding(new Insets(8, 10, 6, 10));
        root.setTop(top);

        TableView<BlockRow> blocks = new TableView<>(model.blocks());
        TableCopy.install(blocks);
        blocks.setId("blocks-table");
        blocks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        blocks.setPlaceholder(new Label("Blocks appear here as the indexer seals them."));
        blocks.getColumns().add(numeric(column("Height", 90, (BlockRow b) -> LagFormat.count(b.height()))));
        blocks.getColumns().add(column("Time", 110, (BlockRow b) -> TIME.format(b.time())));
        blocks.getColumns().add(numeric(column("Transactions", 100,
                (BlockRow b) -> LagFormat.count(b.transactionCount()))));
        blocks.getColumns().add(column("Hash", 520, BlockRow::hash));
        blocks.getSelectionModel().selectedItemProperty().addListener((obs, old, b) -> model.selectedBlock().set(b));
        HoldSelectedRow.install(blocks, model.blocks(), blocks.getSelectionModel());

        TableView<Transaction> txs = new TableView<>(model.selectedTransactions());
        TableCopy.install(txs);
        txs.setId("blocks-transactions");
        txs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        txs.setPlaceholder(new Label("Select a block to see its transactions."));
        txs.getColumns().add(column("Sender", 125, Transaction::getSender));
        txs.getColumns().add(column("Recipient", 125, Transaction::getRecipient));
        txs.getColumns().add(numeric(column("Amount", 110, (Transaction t) -> WorkbenchWords.amount(t.getAmount()))));
        txs.getColumns().add(column("Status", 100, (Transaction t) -> IndexerJson.status(t.getStatus())));
        TableColumn<Transaction, String> txHash = column("Hash", 520, (Transaction t) -> ChainHashing.hex(t.getHash()));
        txHash.setMinWidth(520); // all 64 digits at 1280x800: a cut hash cannot be compared or looked up
        txs.getColumns().add(txHash);
        Label txTitle = new Label();
        txTitle.textProperty().bind(Bindings.createStringBinding(() -> model.selectedBlock().get() == null
                ? "Transactions" : "Transactions of block " + LagFormat.count(model.selectedBlock().get().height())
                + " (" + LagFormat.count(model.selectedBlock().get().transactionCount()) + ")", model.selectedBlock()));
        txTitle.getStyleClass().add("grpc-section-title");
        VBox txBox = new VBox(4, txTitle, txs);
        VBox.setVgrow(txs, Priority.ALWAYS);
        SplitPane split = new SplitPane(blocks, txBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        BorderPane.setMargin(split, new Insets(0, 10, 0, 10));
        root.setCenter(split);

        TextField hash = new TextField();
        hash.setId("blocks-lookup-hash");
        hash.setPromptText("transaction hash: hex as the tables show it, or base64 as the workbench's JSON shows it");
        HBox.setHgrow(hash, Priority.ALWAYS);
        Button lookUp = new Button("Look up (GetTransaction)");
        lookUp.setId("blocks-lookup");
        lookUp.setOnAction(e -> model.lookUp(hash.getText()));
        hash.setOnAction(e -> model.lookUp(hash.getText()));
        txs.getSelectionModel().selectedItemProperty().addListener((obs, old, t) -> {
            if (t != null) {
                hash.setText(ChainHashing.hex(t.getHash()));
            }
        });
        Label result = new Label();
        result.setId("blocks-lookup-result");
        result.textProperty().bind(model.lookupResult());
        result.setWrapText(true);
        HBox lookupRow = new HBox(8, new Label("Transaction"), hash, lookUp);
        lookupRow.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(4, lookupRow, result);
        bottom.setPadding(new Insets(8, 10, 10, 10));
        root.setBottom(bottom);
    }

    public Node root() {
        return root;
    }

    /** Numbers read down a column by their last digit. */
    static <T> TableColumn<T, String> numeric(TableColumn<T, String> c) {
        c.getStyleClass().add("numeric");
        return c;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
