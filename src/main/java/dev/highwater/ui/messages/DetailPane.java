package dev.highwater.ui.messages;

import dev.highwater.core.decode.JsonTree;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The selected record: title, facts, the failure of a poison pill, sizes, and tabs for tree, JSON and hex. A record
 * that has left the table stays here, saying so. The hex dump takes 8 bytes a line when 16 and their ASCII would
 * not fit the pane.
 */
final class DetailPane {

    static final String GONE = "No longer in the table: kept here.";
    /** Characters a 16-byte dump line takes: offset, 16 hex bytes, the ASCII column. */
    private static final int WIDE_LINE = 78;

    private final VBox root = new VBox(4);
    private final Label title = new Label("Select a record to see it in full.");
    private final Label facts = new Label();
    private final Label problem = new Label();
    private final Label sizes = new Label();
    private final Label gone = new Label(GONE);
    private MessageDetail shown;
    private final TreeView<String> tree = new TreeView<>();
    private final TextArea json = new TextArea();
    private final TextArea hex = new TextArea();
    private final TabPane tabs = new TabPane();
    private final Tab treeTab = new Tab("Decoded", tree);
    private final Tab jsonTab = new Tab("JSON", json);
    private final Tab hexTab = new Tab("Hex", hex);
    private final TextArea raw = new TextArea();
    private final Tab rawTab = new Tab("Raw", raw);

    DetailPane(ReadOnlyObjectProperty<MessageDetail> detail, ReadOnlyBooleanProperty inTable) {
        this(detail, inTable, null);
    }

    /**
     * @param actions what can be done with the record (a Raw tab and buttons), or null for none
     */
    DetailPane(ReadOnlyObjectProperty<MessageDetail> detail, ReadOnlyBooleanProperty inTable, RecordActions actions) {
        root.getStyleClass().add("detail-pane");
        root.setPadding(new Insets(6));
        title.getStyleClass().add("detail-title");
        facts.getStyleClass().add("detail-facts");
        facts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        sizes.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.getStyleClass().add("detail-problem");
        problem.setWrapText(true);
        facts.setWrapText(true); // long header values wrap rather than run out of the pane
        title.setWrapText(true);
        tree.setCellFactory(t -> wrappingCell());
        gone.getStyleClass().add("detail-gone");
        gone.setWrapText(true);
        gone.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        gone.visibleProperty().bind(inTable.not().and(detail.isNotNull()));
        gone.managedProperty().bind(gone.visibleProperty());
        sizes.getStyleClass().add("detail-sizes");
        json.setEditable(false);
        hex.setEditable(false);
        json.getStyleClass().add("mono");
        hex.getStyleClass().addAll("mono", "hex-dump");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        jsonTab.setTooltip(new javafx.scene.control.Tooltip("The JSON exports and the command line write: proto3 JSON,"
                + " bytes in base64; the Decoded tab shows bytes in hex"));
        tabs.getTabs().setAll(treeTab, jsonTab, hexTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().setAll(title, gone, facts, problem, sizes, tabs);
        if (actions != null) {
            withActions(actions);
        }
        detail.addListener((o, was, is) -> show(is));
        hex.widthProperty().addListener((o, was, is) -> showHex());
        hex.fontProperty().addListener((o, was, is) -> showHex());
        show(detail.get());
    }

    Node root() {
        return root;
    }

    /** The buttons above the tabs, and a Raw tab whose tree is read while it is in view. */
    private void withActions(RecordActions actions) {
        raw.setEditable(false);
        raw.setWrapText(true); // the reason bytes are not Protobuf, and long strings, read within the pane
        raw.getStyleClass().add("mono");
        raw.textProperty().bind(actions.rawProperty());
        rawTab.setTooltip(new javafx.scene.control.Tooltip("Field numbers without a schema, as protoc --decode_raw"
                + " prints them; a nested message is protoc's guess"));
        tabs.getTabs().add(rawTab);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> actions.rawShown(is == rawTab));
        root.getChildren().add(root.getChildren().indexOf(tabs), RecordActionsBar.create(actions,
                () -> tabs.getSelectionModel().select(rawTab)));
    }

    private void show(MessageDetail d) {
        boolean has = d != null;
        title.setText(has ? d.title() : "Select a record to see it in full.");
        facts.setText(has ? String.join("\n", d.facts()) : "");
        problem.setText(has && d.problem() != null ? "Could not decode: " + d.problem() : "");
        problem.setVisible(has && d.problem() != null);
        problem.setManaged(problem.isVisible());
        sizes.setText(has ? d.sizes() : "");
        json.setText(has && d.json() != null ? d.json() : "");
        shown = d;
        showHex();
        tree.setRoot(has && d.tree() != null ? item(d.tree()) : null);
        if (tabs.getSelectionModel().getSelectedItem() == rawTab) {
            return; // the raw tree was asked for: each record shown keeps to it
        }
        if (has && d.problem() != null) {
            tabs.getSelectionModel().select(hexTab);
        } else if (tabs.getSelectionModel().getSelectedItem() == hexTab && has) {
            tabs.getSelectionModel().select(treeTab);
        }
    }

    /**
     * A tree cell whose long values (a hash, an instant) wrap within the pane rather than run out of it: its text
     * is a Text node wrapped at the width the cell's indent leaves.
     */
    private TreeCell<String> wrappingCell() {
        return new TreeCell<>() {
            private final Text text = new Text();

            {
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                text.setText(item);
                // each level indents by about 18 px; the disclosure arrow, padding and scroll bar take about 60
                int level = tree.getTreeItemLevel(getTreeItem());
                text.wrappingWidthProperty().bind(tree.widthProperty().subtract(60 + 18 * level));
                setGraphic(text);
            }
        };
    }

    /** The 16-byte dump when its lines fit the hex tab, else the 8-byte one. */
    private void showHex() {
        if (shown == null) {
            hex.setText("");
            return;
        }
        Text probe = new Text("0".repeat(WIDE_LINE));
        probe.setFont(hex.getFont());
        // the text area's own padding and scroll bar take about 30 px of its width
        boolean wide = probe.getLayoutBounds().getWidth() + 30 <= hex.getWidth();
        String text = wide ? shown.hex() : shown.hexNarrow();
        if (!text.equals(hex.getText())) {
            hex.setText(text);
        }
    }

    private static TreeItem<String> item(JsonTree node) {
        TreeItem<String> item = new TreeItem<>(node.label());
        node.children().forEach(c -> item.getChildren().add(item(c)));
        item.setExpanded(true);
        return item;
    }
}
