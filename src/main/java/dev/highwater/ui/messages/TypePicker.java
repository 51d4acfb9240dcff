package dev.highwater.ui.messages;

import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;
import java.util.Optional;

/** A dialog to pick a Protobuf message type, with a search box over every loaded type's full name. */
final class TypePicker {

    private TypePicker() {
    }

    static Optional<String> pick(Window owner, ObservableList<String> typeNames) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Protobuf type");
        dialog.setHeaderText("Decode values as this type (" + typeNames.size() + " loaded)");
        TextField search = new TextField();
        search.setPromptText("Search, e.g. Transaction or ledger.");
        FilteredList<String> shown = new FilteredList<>(typeNames);
        ListView<String> list = new ListView<>(shown);
        list.setPrefSize(460, 360);
        search.textProperty().addListener((o, was, is) -> {
            String q = is.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(n -> q.isEmpty() || n.toLowerCase(Locale.ROOT).contains(q));
            if (!shown.isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        VBox box = new VBox(6, search, list);
        VBox.setVgrow(list, Priority.ALWAYS);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? list.getSelectionModel().getSelectedItem() : null);
        search.requestFocus();
        return dialog.showAndWait();
    }
}
