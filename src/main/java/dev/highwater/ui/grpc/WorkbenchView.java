package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.grpc.JsonMessages;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/**
 * The gRPC workbench: the connection across the top; methods on the left; the request editor and its
 * commands in the middle; the call's status, trailers and responses on the right; the session's history
 * with latency percentiles below. It builds controls and binds them to a {@link WorkbenchModel}.
 */
public final class WorkbenchView {

    private static final String HIDE = "grpc-copied-hide";

    private final WorkbenchModel model;
    private final BorderPane root = new BorderPane();

    public WorkbenchView(WorkbenchModel model) {
        this.model = model;
        root.getStyleClass().add("grpc-workbench");
        root.setTop(ConnectionBar.of(model));
        SplitPane main = new SplitPane(methods(), editor(), responses());
        main.setDividerPositions(0.26, 0.62);
        SplitPane withHistory = new SplitPane(main, history());
        withHistory.setOrientation(Orientation.VERTICAL);
        withHistory.setDividerPositions(0.72);
        root.setCenter(withHistory);
    }

    public Node root() {
        return root;
    }

    private Node methods() {
        ListView<MethodChoice> list = new ListView<>(model.methods());
        list.setId("grpc-methods");
        list.setPlaceholder(new Label("Connect to a target with reflection,\nor load descriptors in Messages."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MethodChoice m, boolean empty) {
                super.updateItem(m, empty);
                if (empty || m == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label service = new Label(m.service());
                service.getStyleClass().add("grpc-method-service");
                Label name = new Label(m.method().getName());
                name.getStyleClass().add("grpc-method-name");
                Label kind = new Label(m.kind());
                kind.getStyleClass().add("grpc-method-service");
                HBox nameAndKind = new HBox(8, name, kind);
                nameAndKind.setAlignment(Pos.BASELINE_LEFT);
                setGraphic(new VBox(1, service, nameAndKind));
                setText(null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> {
            if (m != null) {
                model.selectedMethod().set(m);
            }
        });
        model.selectedMethod().addListener((obs, old, m) -> {
            if (m != null && list.getSelectionModel().getSelectedItem() != m) {
                list.getSelectionModel().select(m);
            }
        });
        return titled("Methods", list);
    }

    private Node editor() {
        TextArea request = new TextArea();
        request.setId("grpc-request");
        request.textProperty().bindBidirectional(model.requestText());
        request.getStyleClass().add("grpc-json");
        request.setPromptText("The request as JSON;\nfor client and bidi streams,\none object per line.");

        Button call = new Button();
        call.setId("grpc-call");
        call.textProperty().bind(Bindings.createStringBinding(() -> {
            MethodChoice m = model.selectedMethod().get();
            return m == null || !m.sendsStream() ? "Call" : "Start stream";
        }, model.selectedMethod()));
        call.disableProperty().bind(model.selectedMethod().isNull());
        call.setOnAction(e -> model.call());
        call.getStyleClass().add("accent");
        Button send = new Button("Send");
        send.setId("grpc-send");
        send.disableProperty().bind(model.canSend().not());
        send.setOnAction(e -> model.send());
        Button sendFile = new Button("Send JSONL file…");
        sendFile.disableProperty().bind(model.canSend().not());
        sendFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json",
                    "*.ndjson", "*.txt"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                model.sendFile(f.toPath());
            }
        });
        Button finish = new Button("Finish");
        finish.setId("grpc-finish");
        finish.disableProperty().bind(model.canSend().not());
        finish.setOnAction(e -> model.finish());
        Button cancel = new Button("Cancel");
        cancel.setId("grpc-cancel");
        cancel.disableProperty().bind(model.callRunning().not());
        cancel.setOnAction(e -> model.cancel());
        Button grpcurl = new Button("Copy as grpcurl");
        grpcurl.setId("grpc-copy-grpcurl");
        grpcurl.disableProperty().bind(model.selectedMethod().isNull());
        Label copied = copiedNotice();
        copied.setId("grpc-copied");
        grpcurl.setOnAction(e -> copy(model.grpcurl(), copied));
        Button highwater = new Button("Copy as highwater");
        highwater.setId("grpc-copy-highwater");
        highwater.disableProperty().bind(model.selectedMethod().isNull());
        highwater.setOnAction(e -> copy(model.highwater(), copied));
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, call, send, sendFile, finish,
                cancel, grpcurl, highwater, copied);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));

        Label problem = new Label();
        problem.setId("grpc-request-problem");
        problem.textProperty().bind(model.requestProblem());
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        VBox box = new VBox(6, request, buttons, problem);
        VBox.setVgrow(request, Priority.ALWAYS);
        Label title = new Label();
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            MethodChoice m = model.selectedMethod().get();
            return m == null ? "Request" : "Request · " + m.method().getInputType().getFullName();
        }, model.selectedMethod()));
        return titled(title, box);
    }

    private Node responses() {
        Label status = new Label();
        status.setId("grpc-status");
        status.textProperty().bind(model.statusText());
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.getStyleClass().add("grpc-status");
        model.statusCode().addListener((obs, old, code) -> {
            status.getStyleClass().removeAll("ok", "failed");
            if (!code.isEmpty()) {
                status.getStyleClass().add("OK".equals(code) ? "ok" : "failed");
            }
        });
        Label trailers = new Label();
        trailers.textProperty().bind(Bindings.concat("Trailers: ", model.trailersText()));
        trailers.getStyleClass().add("grpc-trailers");
        trailers.visibleProperty().bind(model.trailersText().isNotEmpty());
        trailers.managedProperty().bind(trailers.visibleProperty());
        Label summary = new Label();
        summary.setId("grpc-feed-summary");
        summary.textProperty().bind(model.feed().summary());

        ListView<ResponseFeed.Received> list = new ListView<>(model.feed().items());
        list.setId("grpc-responses");
        list.setPlaceholder(new Label("Responses appear here."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ResponseFeed.Received r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : "#" + r.number() + "  " + abbreviated(r.json()));
            }
        });
        TextArea detail = new TextArea();
        detail.setEditable(false);
        detail.getStyleClass().add("grpc-json");
        detail.setPromptText("Select a response to see it in full.");
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, r) ->
                detail.setText(r == null ? "" : JsonMessages.pretty(r.message())));
        // a unary answer is shown in full at once; a stream's first response is not chosen for the user, since
        // a chosen row holds the list still and the stream's newest would stay out of view
        model.feed().items().addListener((javafx.collections.ListChangeListener<ResponseFeed.Received>) c -> {
            MethodChoice m = model.selectedMethod().get();
            boolean unary = m != null && !m.sendsStream() && !m.method().isServerStreaming();
            if (unary && model.feed().items().size() == 1 && list.getSelectionModel().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
            if (model.feed().items().isEmpty()) {
                detail.clear();
            }
        });
        HoldSelectedRow.install(list, model.feed().items(), list.getSelectionModel());
        SplitPane listAndDetail = new SplitPane(list, detail);
        listAndDetail.setOrientation(Orientation.VERTICAL);
        VBox box = new VBox(6, status, trailers, summary, listAndDetail);
        VBox.setVgrow(listAndDetail, Priority.ALWAYS);
        Label title = new Label();
        title.setId("grpc-call-title");
        title.textProperty().bind(model.callTitle());
        return titled(title, box);
    }

    private Node history() {
        TableView<CallRecord> table = HistoryTable.of(model.history());
        Label percentiles = new Label();
        percentiles.setId("grpc-percentiles");
        percentiles.textProperty().bind(model.percentilesText());
        Button copy = new Button("Copy call as grpcurl");
        copy.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Label copied = copiedNotice();
        copy.setOnAction(e -> copy(table.getSelectionModel().getSelectedItem().grpcurl(), copied));
        HBox head = new HBox(10, new Label("History"), percentiles, spacer(), copied, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("grpc-section-title");
        TableView<MethodFigures> byMethod = HistoryTable.byMethod(model.methodFigures());
        SplitPane tables = new SplitPane(table, byMethod);
        tables.setDividerPositions(0.6);
        VBox box = new VBox(4, head, tables);
        VBox.setVgrow(tables, Priority.ALWAYS);
        box.setPadding(new Insets(6, 10, 8, 10));
        return box;
    }

    private static String abbreviated(String json) {
        return json.length() <= 400 ? json : json.substring(0, 400) + "…";
    }

    /** Copies {@code text} and says so for a moment next to the button: a copy otherwise leaves no trace. */
    private static void copy(String text, Label copied) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        copied.setText(text.startsWith("#") ? "Copied the reason there is no command." : "Copied.");
        copied.setVisible(true);
        ((javafx.animation.PauseTransition) copied.getProperties().get(HIDE)).playFromStart();
    }

    private static Label copiedNotice() {
        Label copied = new Label();
        copied.getStyleClass().add("grpc-copied");
        copied.setVisible(false);
        javafx.animation.PauseTransition hide = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
        hide.setOnFinished(e -> copied.setVisible(false));
        copied.getProperties().put(HIDE, hide);
        return copied;
    }

    private static Node titled(String title, Node content) {
        return titled(new Label(title), content);
    }

    private static Node titled(Label title, Node content) {
        title.getStyleClass().add("grpc-section-title");
        VBox box = new VBox(6, title, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        box.setPadding(new Insets(6, 8, 6, 8));
        return box;
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
