package dev.highwater.ui.grpc;

import dev.highwater.core.connect.TransportSecurity;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;

/** The workbench's connection fields: target, security and its files, deadline, keepalive, headers. */
final class ConnectionBar {

    private ConnectionBar() {
    }

    static Node of(WorkbenchModel model) {
        ConnectionForm f = model.form();
        TextField target = field(f.target(), "host:port", 200);
        target.setId("grpc-target");
        ComboBox<TransportSecurity> security = new ComboBox<>();
        security.getItems().setAll(TransportSecurity.values());
        security.valueProperty().bindBidirectional(f.security());
        TextField deadline = field(f.deadlineSeconds(), "none", 60);
        TextField keepalive = field(f.keepaliveSeconds(), "off", 60);
        Button connect = new Button("Connect");
        connect.setId("grpc-connect");
        connect.setDefaultButton(false);
        connect.setOnAction(e -> model.connect());
        target.setOnAction(e -> model.connect());
        Button descriptors = new Button("Load descriptor set…");
        descriptors.setTooltip(new javafx.scene.control.Tooltip("For a server without reflection: a file made by "
                + "protoc --include_imports --descriptor_set_out=FILE"));
        descriptors.setOnAction(e -> {
            File chosen = new FileChooser().showOpenDialog(descriptors.getScene().getWindow());
            if (chosen != null) {
                model.loadDescriptorSet(chosen.toPath());
            }
        });
        javafx.scene.control.CheckBox onStreams = new javafx.scene.control.CheckBox("also streams");
        onStreams.selectedProperty().bindBidirectional(f.deadlineOnStreams());
        onStreams.setTooltip(new javafx.scene.control.Tooltip("By default server and bidi streams run until they end "
                + "or are cancelled; tick to end them at the deadline too."));
        HBox first = row(new Label("Target"), target, new Label("Security"), security, new Label("Deadline (s)"),
                deadline, onStreams, new Label("Keepalive (s)"), keepalive, connect, descriptors);

        PasswordField password = new PasswordField();
        password.textProperty().bindBidirectional(f.storePassword());
        password.setPromptText("PKCS12 password");
        password.setPrefWidth(130);
        HBox tls = row(new Label("CA"), file(f.caFile(), "PEM or .p12"), new Label("Client cert"),
                file(f.certFile(), "PEM or .p12"), new Label("Key"), file(f.keyFile(), "PEM (PKCS#8)"), password,
                new Label("Authority"), field(f.authority(), "server name", 110));
        tls.visibleProperty().bind(f.security().isNotEqualTo(TransportSecurity.PLAINTEXT));
        tls.managedProperty().bind(tls.visibleProperty());

        TextArea headers = new TextArea();
        headers.textProperty().bindBidirectional(f.headers());
        headers.setPromptText("authorization: Bearer …\nx-team: payments");
        headers.setPrefRowCount(2);
        TitledPane headerPane = new TitledPane("Metadata headers", headers);
        headerPane.setExpanded(false);
        headerPane.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = f.headers().get() == null ? 0 : f.headers().get().lines()
                    .filter(l -> !l.isBlank() && !l.strip().startsWith("#")).count();
            return "Metadata headers (" + n + ")";
        }, f.headers()));

        Label state = new Label();
        state.textProperty().bind(model.connectionText());
        state.getStyleClass().add("grpc-connection-state");
        Label problem = new Label();
        problem.textProperty().bind(model.connectionProblem());
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.setId("grpc-connection-problem");
        VBox box = new VBox(6, first, tls, headerPane, state, problem);
        box.setPadding(new Insets(8, 10, 6, 10));
        box.getStyleClass().add("grpc-connection");
        return box;
    }

    private static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        for (Node n : nodes) {
            if (n instanceof javafx.scene.control.Labeled l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // words stay whole; the fields give way
            }
        }
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static TextField field(StringProperty p, String prompt, double width) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(p);
        t.setPromptText(prompt);
        t.setPrefWidth(width);
        return t;
    }

    private static Node file(StringProperty p, String prompt) {
        TextField t = field(p, prompt, 150);
        Button pick = new Button("…");
        pick.setOnAction(e -> {
            File chosen = new FileChooser().showOpenDialog(pick.getScene().getWindow());
            if (chosen != null) {
                p.set(chosen.getPath());
            }
        });
        HBox box = new HBox(2, t, pick);
        HBox.setHgrow(t, Priority.ALWAYS);
        return box;
    }
}
