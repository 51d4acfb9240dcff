package dev.highwater.ui.messages;

import dev.highwater.core.lag.PartitionId;
import dev.highwater.ui.offsets.ResetOffsetsView;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The buttons under a record's facts: decode raw, save bytes, copy coordinates, skip for a group; and the line
 * that says what the last one did. Skipping asks which group, then opens the reset dialog on the previewed plan.
 */
final class RecordActionsBar {

    private RecordActionsBar() {
    }

    /**
     * @param showRaw brings the raw tree into view
     */
    static Node create(RecordActions actions, Runnable showRaw) {
        Button raw = new Button("Decode raw");
        raw.setId("record-decode-raw");
        raw.setTooltip(new Tooltip("The value's field numbers and values without a schema, as protoc --decode_raw"
                + " prints them (a nested message is a guess)"));
        raw.setOnAction(e -> showRaw.run());
        Button save = new Button("Save bytes…");
        save.setId("record-save-bytes");
        save.setTooltip(new Tooltip("The value's bytes, exactly, to a file (for protoc, a bug report, a replay)"));
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the record's value bytes");
            chooser.setInitialFileName(actions.suggestedFileName());
            File f = chooser.showSaveDialog(window(save));
            if (f != null) {
                actions.saveBytes(f.toPath());
            }
        });
        Button copy = new Button("Copy coordinates");
        copy.setId("record-copy-coordinates");
        copy.setTooltip(new Tooltip("Topic, partition, offset and time, and a highwater tail command that reads"
                + " this record again"));
        copy.setOnAction(e -> {
            String text = actions.copyCoordinates();
            if (text != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            }
        });
        Button skip = new Button("Skip for a group…");
        skip.setId("record-skip");
        skip.setTooltip(new Tooltip(actions.skipping() == null ? "Not on this screen: it has no cluster to reset on"
                : "Move a consumer group's offset on this partition to the one after this record, so it reads on"
                + " past it: previewed first, and asked before it acts"));
        skip.setOnAction(e -> actions.findGroupsToSkipFor(offer -> askWhichGroup(actions, offer, window(skip))));
        for (Button b : new Button[]{raw, save, copy, skip}) {
            if (b != skip || actions.skipping() != null) {
                b.disableProperty().bind(actions.presentProperty().not());
            } else {
                b.setDisable(true);
            }
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane buttons = new FlowPane(6, 4, raw, save, copy, skip);
        Label said = new Label();
        said.getStyleClass().add("record-action-message");
        said.setWrapText(true);
        said.setMinHeight(Region.USE_PREF_SIZE);
        said.textProperty().bind(actions.messageProperty());
        said.visibleProperty().bind(actions.messageProperty().isNotEmpty());
        said.managedProperty().bind(said.visibleProperty());
        return new VBox(4, buttons, said);
    }

    private static void askWhichGroup(RecordActions actions, RecordActions.SkipOffer offer, Window owner) {
        PartitionId partition = new PartitionId(offer.record().topic(), offer.record().partition());
        long offset = offer.record().offset();
        Map<String, SkipChoice> byLabel = new LinkedHashMap<>();
        offer.groups().forEach(g -> byLabel.put(g.label(partition, offset), g));
        // the group the record holds up, if one is, is the likely choice
        String likely = offer.groups().stream().filter(g -> g.committed() != null && g.committed() == offset)
                .findFirst().orElse(offer.groups().getFirst()).label(partition, offset);
        ChoiceDialog<String> ask = new ChoiceDialog<>(likely, byLabel.keySet());
        ask.initOwner(owner);
        ask.setTitle("Skip this record");
        ask.setHeaderText("Skip " + RecordActions.where(offer.record()) + " for which group?");
        ask.setContentText("Group");
        ask.getDialogPane().setId("skip-choice");
        ask.getDialogPane().setMinWidth(560);
        Label why = new Label("Its committed offset on partition " + partition.partition() + " moves to "
                + (offset + 1) + ", the offset after this record. You see the preview before anything changes.");
        why.setWrapText(true);
        VBox content = new VBox(8, why, ask.getDialogPane().getContent());
        ask.getDialogPane().setContent(content);
        ask.setOnHidden(e -> {
            String chosen = ask.getResult();
            if (chosen != null) {
                RecordActions.Skipping s = actions.skipping();
                new ResetOffsetsView(actions.skip(offer.record(), byLabel.get(chosen)), s.where(), owner).show();
            }
        });
        ask.show(); // not showAndWait: the groups arrive from a background read
    }

    private static Window window(Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }
}
