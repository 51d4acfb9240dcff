package dev.highwater.ui.report;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;

/** The "Export incident report" dialog: the window, the fields to hide, and a folder to save into. */
public final class IncidentReportView {

    private final IncidentReportModel model;
    private final Dialog<Void> dialog = new Dialog<>();

    /** @param where the profile and cluster, for the header ("prod (broker1:9092)") */
    public IncidentReportView(IncidentReportModel model, String where, Window owner) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle("Export incident report of " + model.group());
        dialog.setHeaderText("An incident report of " + model.group() + " on " + where + ".\nCharts of lag, lag in"
                + " seconds and throughput, status changes, hot partitions and keys, alerts, resets and a few"
                + " sample records, as Markdown and JSON in a new folder.");
        dialog.setResizable(true);

        TextField from = new TextField();
        from.setId("report-from");
        from.textProperty().bindBidirectional(model.fromProperty());
        TextField to = new TextField();
        to.setId("report-to");
        to.textProperty().bindBidirectional(model.toProperty());
        TextField redact = new TextField();
        redact.setId("report-redact");
        redact.setPromptText("e.g. iban, email");
        redact.textProperty().bindBidirectional(model.redactProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("From (UTC)"), from);
        form.addRow(1, new Label("To (UTC)"), to);
        form.addRow(2, new Label("Also hide fields"), redact);
        Label hint = new Label("Fields whose names look secret (password, token, api key, authorization, card"
                + " number…) are always shown as ***; the fields named here too, in every report.");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // whole, also once the message below takes room
        hint.getStyleClass().add("hint");
        form.add(hint, 1, 3);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // the labels whole, the fields take the rest
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);

        Button export = new Button("Choose a folder and export…");
        export.setId("report-export");
        export.setDefaultButton(true);
        export.disableProperty().bind(model.busyProperty());
        export.setOnAction(e -> chooseAndExport());
        Label message = new Label();
        message.setId("report-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(model.messageProperty());
        message.styleProperty().bind(Bindings.when(model.savedToProperty().isNotNull())
                .then("-fx-font-weight: bold;").otherwise(""));

        VBox content = new VBox(12, form, export, message);
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setPrefWidth(680); // the hint and the message wrap at this width
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    public void show() {
        dialog.show();
    }

    private void chooseAndExport() {
        if (!model.checkWindow()) {
            return; // the message says what is wrong, without asking for a folder first
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder to save the report of " + model.group() + " in");
        File dir = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
        if (dir != null) {
            model.export(dir.toPath());
        }
    }
}
