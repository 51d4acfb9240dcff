package dev.highwater.ui.connect;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.Optional;

/** The dialog of {@link ConnectModel}; returns the model when the user connects. */
public final class ConnectView {

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<ConnectModel> dialog = new Dialog<>();

    public ConnectView(ConnectModel model, Window owner) {
        dialog.initOwner(owner);
        dialog.setTitle("Connect to a cluster");
        dialog.setHeaderText("Connect to your Kafka cluster and, optionally, a gRPC backend.\n"
                + "Monitoring is read-only: it never joins, commits for or changes your groups.");
        TextField bootstrap = new TextField();
        bootstrap.setId("bootstrap");
        bootstrap.setPromptText("broker1:9092,broker2:9092");
        bootstrap.textProperty().bindBidirectional(model.bootstrapProperty());
        TextField grpc = new TextField();
        grpc.setId("grpc-target");
        grpc.setPromptText("localhost:50051 (optional)");
        grpc.textProperty().bindBidirectional(model.grpcTargetProperty());
        Label problem = new Label();
        problem.setId("connect-problem");
        problem.getStyleClass().add("form-problem");
        problem.textProperty().bind(model.problemProperty());
        problem.setWrapText(true);
        problem.setMaxWidth(460);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(16));
        grid.addRow(0, new Label("Kafka bootstrap servers"), bootstrap);
        grid.addRow(1, new Label("gRPC target"), grpc);
        grid.add(problem, 0, 2, 2, 1);
        bootstrap.setPrefColumnCount(28);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(CONNECT).disableProperty().bind(model.validProperty().not());
        dialog.setResultConverter(b -> b == CONNECT ? model : null);
    }

    public Optional<ConnectModel> showAndWait() {
        return dialog.showAndWait();
    }
}
