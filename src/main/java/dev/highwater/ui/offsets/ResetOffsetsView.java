package dev.highwater.ui.offsets;

import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.offsets.PartitionReset;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.ui.TableCopy;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Function;

/** The offset reset dialog: choice, preview table, and a reset button that asks before it acts. */
public final class ResetOffsetsView {

    private final ResetOffsetsModel model;
    private final Dialog<Void> dialog = new Dialog<>();

    /**
     * @param where the profile and cluster, for the confirmation ("prod (broker1:9092)")
     */
    public ResetOffsetsView(ResetOffsetsModel model, String where, Window owner) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle("Reset offsets of " + model.group());
        String only = model.scope().topics().isEmpty() ? "" : ": " + model.scope().describe() + " alone";
        dialog.setHeaderText("Reset the committed offsets of " + model.group() + " on " + where + only + ".\n"
                + "Preview first: nothing changes until you reset and confirm. Kafka refuses while the group has"
                + " active members.");
        dialog.setResizable(true);

        ComboBox<ResetOffsetsModel.Kind> kind = new ComboBox<>();
        kind.setId("reset-kind");
        kind.getItems().setAll(ResetOffsetsModel.Kind.values());
        kind.valueProperty().bindBidirectional(model.kindProperty());
        TextField value = new TextField();
        value.setId("reset-value");
        value.textProperty().bindBidirectional(model.valueProperty());
        value.promptTextProperty().bind(Bindings.createStringBinding(() -> switch (model.kindProperty().get()) {
            case OFFSET -> "offset, e.g. 1200";
            case INSTANT -> "ISO instant, e.g. 2026-03-15T09:00:00Z";
            case SHIFT -> "e.g. -500";
            default -> "";
        }, model.kindProperty()));
        value.disableProperty().bind(Bindings.createBooleanBinding(() -> model.kindProperty().get()
                == ResetOffsetsModel.Kind.EARLIEST || model.kindProperty().get() == ResetOffsetsModel.Kind.LATEST,
                model.kindProperty()));
        HBox.setHgrow(value, Priority.ALWAYS);
        Button preview = new Button("Preview");
        preview.setId("reset-preview");
        preview.setDefaultButton(true);
        preview.disableProperty().bind(model.busyProperty());
        preview.setOnAction(e -> model.preview());
        Button apply = new Button("Reset offsets…");
        apply.setId("reset-apply");
        apply.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.canApply(), model.planProperty(),
                model.busyProperty(), model.appliedProperty()));
        apply.setOnAction(e -> confirmAndApply(where));
        HBox choice = new HBox(8, new Label("Move"), kind, value, preview, apply);
        choice.setAlignment(Pos.CENTER_LEFT);
        HBox back = waysBack();

        TableView<PartitionReset> table = new TableView<>(model.rows());
        TableCopy.install(table);
        table.setId("reset-table");
        table.setPlaceholder(new Label("Preview to see old and new offsets per partition."));
        table.getColumns().setAll(List.of(
                column("Topic", 160, r -> r.partition().topic()),
                numeric(column("Partition", 70, r -> Integer.toString(r.partition().partition()))),
                numeric(column("Current", 90, r -> r.current() == null ? LagFormat.UNKNOWN : LagFormat.count(r.current()))),
                numeric(column("New", 90, r -> LagFormat.count(r.target()))),
                numeric(column("Change", 80, r -> r.current() == null ? LagFormat.UNKNOWN : signed(r.target() - r.current()))),
                numeric(column("Lag after", 80, r -> LagFormat.count(r.lagAfter()))),
                noteColumn()));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label message = new Label();
        message.setId("reset-message");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the whole refusal, never cut short
        message.textProperty().bind(model.messageProperty());
        Label mode = new Label(model.writable() ? "This profile is writable: a reset asks you to confirm."
                : "This profile is read-only: you can preview, not reset.");
        mode.getStyleClass().add("mode-badge");
        Button copyUndo = new Button("Copy the undo command");
        copyUndo.setId("reset-copy-undo");
        copyUndo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the message wraps, not the button
        copyUndo.visibleProperty().bind(model.undoCommandProperty().isNotEmpty());
        copyUndo.managedProperty().bind(copyUndo.visibleProperty());
        copyUndo.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(model.undoCommandProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox said = new HBox(8, message, copyUndo);
        said.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE); // as wide as the button beside it leaves, wrapped to that
        message.setMinWidth(0);
        VBox content = new VBox(10, choice, table, said, mode);
        if (back != null) {
            content.getChildren().add(1, back);
        }
        content.setPadding(new Insets(8));
        content.setPrefSize(820, 460);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }

    /** "Undo the last reset" and "Rewind to when it started", each previewed like any reset; null: none offered. */
    private HBox waysBack() {
        if (!model.undoOffered() && !model.rewindOffered()) {
            return null;
        }
        HBox line = new HBox(8, new Label("Or preview"));
        line.setAlignment(Pos.CENTER_LEFT);
        if (model.undoOffered()) {
            Button undo = new Button("Undo the last reset");
            undo.setId("reset-undo");
            undo.setTooltip(new Tooltip("Puts back the offsets the group had before its last reset from Highwater,"
                    + " saved in its undo file"));
            undo.disableProperty().bind(model.busyProperty());
            undo.setOnAction(e -> model.previewUndo());
            line.getChildren().add(undo);
        }
        if (model.rewindOffered()) {
            Button rewind = new Button("Rewind to when it started");
            rewind.setId("reset-lag-start");
            rewind.setTooltip(new Tooltip("To the instant the group's lag in seconds began to grow, from its lag"
                    + " history"));
            rewind.disableProperty().bind(model.busyProperty());
            rewind.setOnAction(e -> model.previewLagStart());
            line.getChildren().add(rewind);
        }
        return line;
    }

    public void show() {
        dialog.show();
    }

    private void confirmAndApply(String where) {
        ResetPlan p = model.planProperty().get();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(dialog.getDialogPane().getScene().getWindow());
        confirm.setTitle("Reset offsets");
        confirm.setHeaderText("Reset " + p.moving() + " partition(s) of " + p.group() + " on " + where + " "
                + p.target().describe() + "?");
        confirm.setContentText("The group's consumers will resume from the new offsets when they start. "
                + (model.undoOffered() ? "Its current offsets are saved first: \u201cUndo the last reset\u201d puts"
                + " them back." : "This cannot be undone (note the current offsets above if you may want them back)."));
        confirm.getDialogPane().setId("reset-confirm");
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Reset");
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == ButtonType.OK) {
                model.apply();
            }
        });
        confirm.show();
    }

    private static String signed(long n) {
        return (n > 0 ? "+" : n < 0 ? "-" : "") + LagFormat.count(Math.abs(n));
    }

    /** The note says when an offset was clamped to the log; the whole of it shows on hover when cut short. */
    private static TableColumn<PartitionReset, String> noteColumn() {
        TableColumn<PartitionReset, String> c = column("Note", 240, PartitionReset::note);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String note, boolean empty) {
                super.updateItem(note, empty);
                setText(empty ? null : note);
                setTooltip(empty || note == null || note.isEmpty() ? null : new Tooltip(note));
            }
        });
        return c;
    }

    /** Numbers right-aligned, so that they read down a column by their last digit. */
    private static TableColumn<PartitionReset, String> numeric(TableColumn<PartitionReset, String> c) {
        // the dialog has no stylesheet of its own; the right padding keeps a number clear of the next column
        c.setStyle("-fx-alignment: CENTER-RIGHT; -fx-padding: 0.166667em 10px 0.166667em 0.166667em;");
        return c;
    }

    private static TableColumn<PartitionReset, String> column(String title, double width,
                                                              Function<PartitionReset, String> text) {
        TableColumn<PartitionReset, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(text.apply(cd.getValue())));
        return c;
    }
}
