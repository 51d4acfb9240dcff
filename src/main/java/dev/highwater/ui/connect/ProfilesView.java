package dev.highwater.ui.connect;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.KafkaSecurity.Mechanism;
import dev.highwater.core.connect.KafkaSecurity.Protocol;
import dev.highwater.core.connect.RegistrySettings.Auth;
import dev.highwater.core.connect.TransportSecurity;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.File;
import java.util.Optional;

/** The connections dialog: profiles on the left, the selected one's settings on the right; returns the one to connect to. */
public final class ProfilesView {

    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final ProfilesModel model;
    private final Dialog<ConnectionProfile> dialog = new Dialog<>();
    private final Label problem = new Label();

    public ProfilesView(ProfilesModel model, Window owner) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle("Connections");
        dialog.setHeaderText("Choose a cluster to connect to, or set one up. Every profile starts read-only:\n"
                + "monitoring never joins or commits for your groups, and offset resets stay off until you allow them.");
        dialog.setResizable(true);
        BorderPane content = new BorderPane();
        content.setLeft(profileList());
        content.setCenter(form());
        content.setPrefSize(860, 600);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        Node connect = dialog.getDialogPane().lookupButton(CONNECT);
        connect.setId("connect-profile");
        connect.disableProperty().bind(model.validProperty().not());
        connect.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                ConnectionProfile chosen = model.demoSelectedProperty().get() ? model.formProfile() : model.save();
                dialog.setResult(chosen);
            } catch (IllegalArgumentException ex) {
                problem.textProperty().unbind();
                problem.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == CONNECT ? dialog.getResult() : null);
    }

    public Optional<ConnectionProfile> showAndWait() {
        return dialog.showAndWait();
    }

    private Node profileList() {
        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setId("profiles");
        list.setPrefWidth(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + "\n" + (p.writable() ? "writable" : "read-only")
                        + (p.demo() ? " · in this app" : " · " + p.security().protocol()));
            }
        });
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> {
            if (p != null && p != model.selectedProperty().get()) {
                model.select(p);
            }
        });
        model.selectedProperty().addListener((obs, old, p) -> list.getSelectionModel().select(p));
        Button add = new Button("New");
        add.setId("new-profile");
        add.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            model.newProfile();
        });
        Button save = new Button("Save");
        save.setId("save-profile");
        save.disableProperty().bind(model.validProperty().not().or(model.demoSelectedProperty()));
        save.setOnAction(e -> {
            try {
                model.save();
            } catch (IllegalArgumentException ex) {
                problem.textProperty().unbind();
                problem.setText(ex.getMessage());
            }
        });
        Button delete = new Button("Delete");
        delete.setId("delete-profile");
        delete.disableProperty().bind(model.demoSelectedProperty().or(model.selectedProperty().isNull()));
        delete.setOnAction(e -> model.delete());
        HBox buttons = new HBox(6, add, save, delete);
        VBox box = new VBox(8, list, buttons);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(0, 12, 0, 0));
        return box;
    }

    private Node form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(4, 8, 8, 4));
        int row = 0;
        g.add(section("Kafka"), 0, row++, 3, 1);
        var noSasl = Bindings.createBooleanBinding(() -> !model.protocolProperty().get().sasl(), model.protocolProperty());
        var noTls = Bindings.createBooleanBinding(() -> !model.protocolProperty().get().tls(), model.protocolProperty());
        row = text(g, row, "Name", "profile-name", model.nameProperty(), "prod-eu", null);
        row = text(g, row, "Bootstrap servers", "bootstrap", model.bootstrapProperty(), "broker1:9092,broker2:9092", null);
        row = choice(g, row, "Security protocol", "protocol", model.protocolProperty(), Protocol.values(), null);
        row = choice(g, row, "SASL mechanism", "mechanism", model.mechanismProperty(), Mechanism.values(), noSasl);
        row = text(g, row, "User", "sasl-user", model.usernameProperty(), "alice", noSasl);
        row = secret(g, row, "Password", "sasl-password", model.passwordProperty(), noSasl);
        row = file(g, row, "Trust store", "truststore", model.trustStoreProperty(), "CA certificates (.p12, .jks or .pem); empty: the JDK's", noTls);
        row = secret(g, row, "Trust store password", "truststore-password", model.trustStorePasswordProperty(), noTls);
        row = file(g, row, "Key store", "keystore", model.keyStoreProperty(), "for mutual TLS only", noTls);
        row = secret(g, row, "Key store password", "keystore-password", model.keyStorePasswordProperty(), noTls);
        CheckBox remember = new CheckBox("Remember typed passwords in the profiles file (otherwise they are kept until"
                + " the app closes; references like ${env:KAFKA_PASS} are always kept, never their values)");
        remember.setId("remember-passwords");
        remember.setWrapText(true);
        remember.setMnemonicParsing(false); // the text shows ${env:KAFKA_PASS} as written
        remember.selectedProperty().bindBidirectional(model.rememberPasswordsProperty());
        remember.disableProperty().bind(model.demoSelectedProperty());
        g.add(remember, 1, row++, 2, 1);
        TextArea props = new TextArea();
        props.setId("client-properties");
        props.setPromptText("further client properties, key=value a line (values may use ${env:NAME} or ${file:PATH})");
        props.setPrefRowCount(3);
        props.textProperty().bindBidirectional(model.clientPropertiesProperty());
        props.disableProperty().bind(model.demoSelectedProperty());
        g.addRow(row++, new Label("Client properties"), props);
        GridPane.setColumnSpan(props, 2);

        row = registrySection(g, row);

        g.add(section("gRPC"), 0, row++, 3, 1);
        row = text(g, row, "Target", "grpc-target", model.grpcTargetProperty(), "indexer.internal:50051 (optional)", null);
        row = choice(g, row, "Transport", "grpc-tls", model.grpcModeProperty(), TransportSecurity.values(), null);
        var plainGrpc = Bindings.createBooleanBinding(
                () -> model.grpcModeProperty().get() == TransportSecurity.PLAINTEXT, model.grpcModeProperty());
        var noMtls = Bindings.createBooleanBinding(
                () -> model.grpcModeProperty().get() != TransportSecurity.MUTUAL_TLS, model.grpcModeProperty());
        row = file(g, row, "CA certificate", "grpc-ca", model.grpcCaProperty(), "PEM; empty: the JDK's trust", plainGrpc);
        row = file(g, row, "Client certificate", "grpc-cert", model.grpcCertProperty(), "PEM, mutual TLS", noMtls);
        row = file(g, row, "Client key", "grpc-key", model.grpcKeyProperty(), "PKCS#8 PEM, mutual TLS", noMtls);

        row = alertsSection(g, row);

        g.add(section("Safety"), 0, row++, 3, 1);
        CheckBox writable = new CheckBox("Writable: allow offset resets on this cluster (each one still asks first)");
        writable.setId("profile-writable");
        writable.selectedProperty().bindBidirectional(model.writableProperty());
        g.add(writable, 1, row++, 2, 1);

        problem.setId("connect-problem");
        problem.getStyleClass().add("form-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        model.selectedProperty().addListener((obs, o, n) -> problem.textProperty().bind(model.problemProperty()));
        Label storeProblem = new Label();
        storeProblem.getStyleClass().add("form-problem");
        storeProblem.setWrapText(true);
        storeProblem.textProperty().bind(model.storeProblemProperty());
        g.add(problem, 0, row++, 3, 1);
        g.add(storeProblem, 0, row, 3, 1);
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** Where the profile's alerts go besides the screen: a webhook, with a button that sends a test alert. */
    private int alertsSection(GridPane g, int row) {
        g.add(section("Alerts"), 0, row++, 3, 1);
        Button test = new Button("Send a test alert");
        test.setId("send-test-alert");
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.setOnAction(e -> model.sendTestAlert());
        WebhookForm w = model.alerts();
        row = field(g, row, "Webhook URL", "webhook-url", new TextField(), w.urlProperty(),
                "https://hooks.slack.com/services/… (Slack, Teams or any JSON receiver), or ${env:NAME}; optional",
                null, test);
        test.disableProperty().unbind();
        test.disableProperty().bind(w.test().sendingProperty().or(model.demoSelectedProperty()));
        test.setVisible(w.canTest());
        Label result = new Label();
        result.setId("test-alert-result");
        result.setWrapText(true);
        result.textProperty().bind(w.test().resultProperty());
        g.add(result, 1, row++, 2, 1);
        return row;
    }

    /** The profile's schema registry: URLs, credentials (masked; references allowed) and TLS stores. */
    private int registrySection(GridPane g, int row) {
        RegistryForm r = model.registry();
        g.add(section("Schema registry"), 0, row++, 3, 1);
        row = text(g, row, "URL(s)", "registry-urls", r.urlsProperty(),
                "http://registry-a:8081,http://registry-b:8081 (optional)", null);
        ComboBox<Auth> auth = new ComboBox<>();
        auth.setId("registry-auth");
        auth.getItems().setAll(Auth.values());
        auth.setConverter(new StringConverter<>() {
            @Override
            public String toString(Auth a) {
                return a == null ? "" : switch (a) {
                    case NONE -> "none";
                    case BASIC -> "basic (user and password)";
                    case BEARER -> "bearer token";
                };
            }

            @Override
            public Auth fromString(String s) {
                return Auth.NONE;
            }
        });
        auth.valueProperty().bindBidirectional(r.authProperty());
        auth.disableProperty().bind(model.demoSelectedProperty());
        g.add(new Label("Auth"), 0, row);
        g.add(auth, 1, row++, 2, 1);
        var noBasic = Bindings.createBooleanBinding(() -> r.authProperty().get() != Auth.BASIC, r.authProperty());
        var noBearer = Bindings.createBooleanBinding(() -> r.authProperty().get() != Auth.BEARER, r.authProperty());
        row = text(g, row, "User", "registry-user", r.usernameProperty(), "registry user", noBasic);
        row = secret(g, row, "Password", "registry-password", r.passwordProperty(), noBasic);
        PasswordField token = new PasswordField();
        row = field(g, row, "Token", "registry-token", token, r.tokenProperty(),
                "bearer token, or ${env:NAME} / ${file:PATH}", noBearer, null);
        row = file(g, row, "Trust store", "registry-truststore", r.trustStoreProperty(),
                "CA certificates (.p12, .jks or .pem); empty: the JDK's", null);
        row = secret(g, row, "Trust store password", "registry-truststore-password",
                r.trustStorePasswordProperty(), null);
        row = file(g, row, "Key store", "registry-keystore", r.keyStoreProperty(), "for mutual TLS only", null);
        return secret(g, row, "Key store password", "registry-keystore-password", r.keyStorePasswordProperty(),
                null);
    }

    private static Label section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("form-section");
        return l;
    }

    private int text(GridPane g, int row, String label, String id, StringProperty value, String prompt,
                     BooleanBinding off) {
        return field(g, row, label, id, new TextField(), value, prompt, off, null);
    }

    private int secret(GridPane g, int row, String label, String id, StringProperty value,
                       BooleanBinding off) {
        PasswordField f = new PasswordField();
        return field(g, row, label, id, f, value, "password, or ${env:NAME} / ${file:PATH}", off, null);
    }

    private int file(GridPane g, int row, String label, String id, StringProperty value, String prompt,
                     BooleanBinding off) {
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(label);
            File f = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (f != null) {
                value.set(f.getAbsolutePath());
            }
        });
        return field(g, row, label, id, new TextField(), value, prompt, off, browse);
    }

    private int field(GridPane g, int row, String label, String id, TextInputControl f, StringProperty value,
                      String prompt, BooleanBinding off, Button extra) {
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        GridPane.setHgrow(f, Priority.ALWAYS);
        var disabled = off == null ? model.demoSelectedProperty() : model.demoSelectedProperty().or(off);
        f.disableProperty().bind(disabled);
        g.add(new Label(label), 0, row);
        if (extra != null) {
            extra.disableProperty().bind(disabled);
            g.add(f, 1, row);
            g.add(extra, 2, row);
        } else {
            g.add(f, 1, row, 2, 1);
        }
        return row + 1;
    }

    private <T> int choice(GridPane g, int row, String label, String id, ObjectProperty<T> value, T[] items,
                           BooleanBinding off) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.valueProperty().bindBidirectional(value);
        box.disableProperty().bind(off == null ? model.demoSelectedProperty() : model.demoSelectedProperty().or(off));
        g.add(new Label(label), 0, row);
        g.add(box, 1, row, 2, 1);
        return row + 1;
    }
}
