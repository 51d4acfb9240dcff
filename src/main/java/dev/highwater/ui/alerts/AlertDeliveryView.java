package dev.highwater.ui.alerts;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Under the alerts list: a line for each receiver the alerts are not reaching, the desktop notifications switch
 * (or the sentence saying this desktop has none) and the test alert button with what it said.
 */
public final class AlertDeliveryView {

    private final VBox root = new VBox(4);

    public AlertDeliveryView(AlertDeliveryModel model) {
        Label problems = wrapped("alert-delivery-problems", "form-problem");
        problems.textProperty().bind(model.problemsProperty());
        showOnlyWithText(problems);

        CheckBox desktop = new CheckBox("Desktop notifications");
        desktop.setId("desktop-notifications");
        desktop.setMinWidth(Region.USE_PREF_SIZE);
        desktop.selectedProperty().bindBidirectional(model.desktopOnProperty());
        desktop.visibleProperty().bind(model.desktopSupportedProperty()); // else the note below says why not
        desktop.managedProperty().bind(desktop.visibleProperty());
        desktop.setTooltip(new Tooltip("Show each alert raised or cleared as a notification of the system tray."));
        Button test = new Button("Send a test alert");
        test.setId("alerts-test");
        test.setMinWidth(Region.USE_PREF_SIZE);
        test.disableProperty().bind(model.test().sendingProperty());
        test.setOnAction(e -> model.sendTest());
        test.setTooltip(new Tooltip("Sends a test alert to this profile's webhook and to the desktop's notifications."));
        FlowPane controls = new FlowPane(8, 4, desktop, test);

        Label note = wrapped("desktop-note", "alert-time");
        note.textProperty().bind(model.desktopNoteProperty());
        showOnlyWithText(note);
        Label result = wrapped("alerts-test-result", "alert-time");
        result.textProperty().bind(model.test().resultProperty());
        showOnlyWithText(result);
        root.getChildren().addAll(problems, controls, note, result);
        root.getStyleClass().add("alert-delivery");
    }

    public Node root() {
        return root;
    }

    private static Label wrapped(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static void showOnlyWithText(Label l) {
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> l.getText() != null && !l.getText().isBlank(),
                l.textProperty()));
        l.managedProperty().bind(l.visibleProperty());
    }
}
