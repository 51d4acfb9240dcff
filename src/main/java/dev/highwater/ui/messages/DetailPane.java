package dev.highwater.ui.messages;

import dev.highwater.core.decode.JsonTree;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected record: title, facts, the failure of a poison pill, sizes, and tabs for tree, JSON and hex. */
final class DetailPane {

    private final VBox root = new VBox(4);
    private final Label title = new Label("Select a record to see it in full.");
    private final Label facts = new Label();
    private final Label problem = new Label();
    private final Label sizes = new Label();
    private final TreeView<String> tree = new TreeView<>();
    private final TextArea json = new TextArea();
    private final TextArea hex = new TextArea();
    private final TabPane tabs = new TabPane();
    private final Tab treeTab = new Tab("Decoded", tree);
    private final Tab jsonTab = new Tab("JSON", json);
    private final Tab hexTab = new Tab("Hex", hex);

    DetailPane(ReadOnlyObjectProperty<MessageDetail> detail) {
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
        sizes.getStyleClass().add("detail-sizes");
        json.setEditable(false);
        hex.setEditable(false);
        json.getStyleClass().add("mono");
        hex.getStyleClass().add("mono");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(treeTab, jsonTab, hexTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().setAll(title, facts, problem, sizes, tabs);
        detail.addListener((o, was, is) -> show(is));
        show(detail.get());
    }

    Node root() {
        return root;
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
        hex.setText(has ? d.hex() : "");
        tree.setRoot(has && d.tree() != null ? item(d.tree()) : null);
        if (has && d.problem() != null) {
            tabs.getSelectionModel().select(hexTab);
        } else if (tabs.getSelectionModel().getSelectedItem() == hexTab && has) {
            tabs.getSelectionModel().select(treeTab);
        }
    }

    private static TreeItem<String> item(JsonTree node) {
        TreeItem<String> item = new TreeItem<>(node.label());
        node.children().forEach(c -> item.getChildren().add(item(c)));
        item.setExpanded(true);
        return item;
    }
}
