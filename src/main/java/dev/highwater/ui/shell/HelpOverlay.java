package dev.highwater.ui.shell;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The keyboard help over the whole window: every shortcut of {@link Shortcuts#all()}, and what refresh, find and
 * pause do on the screen shown (or that there is nothing to do there). Esc or a click outside closes it.
 */
final class HelpOverlay {

    private final StackPane root = new StackPane();
    private final VBox card = new VBox(10);

    HelpOverlay() {
        root.setId("help-overlay");
        root.getStyleClass().add("help-overlay");
        card.getStyleClass().add("help-card");
        card.setMaxSize(620, javafx.scene.layout.Region.USE_PREF_SIZE);
        card.setOnMouseClicked(javafx.event.Event::consume); // a click on the card keeps it open
        root.getChildren().add(card);
        StackPane.setAlignment(card, Pos.CENTER);
        root.setOnMouseClicked(e -> hide());
        root.setVisible(false);
    }

    Node root() {
        return root;
    }

    boolean showing() {
        return root.isVisible();
    }

    /** Lists the shortcuts, with their meaning on the area's screen, and shows the list. */
    void show(Area area) {
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        grid.setId("help-shortcuts");
        List<Shortcuts.Shortcut> all = Shortcuts.all();
        Shortcuts.OnScreen here = Shortcuts.on(area);
        for (int row = 0; row < all.size(); row++) {
            Shortcuts.Shortcut s = all.get(row);
            Label keys = new Label(s.keysText());
            keys.getStyleClass().add("help-key");
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label what = new Label(s.what() + meaning(s.action(), here));
            what.setWrapText(true);
            what.setMaxWidth(440);
            grid.addRow(row, keys, what);
        }
        Label note = new Label("On " + area.title() + ". Esc closes this help.");
        note.getStyleClass().add("help-note");
        card.getChildren().setAll(title, grid, note);
        root.setVisible(true);
        root.requestFocus();
    }

    void hide() {
        root.setVisible(false);
    }

    /** What a screen-dependent shortcut does here, after its name; nothing for the others. */
    private static String meaning(Shortcuts.Action action, Shortcuts.OnScreen here) {
        return switch (action) {
            case REFRESH -> ": " + here.refresh();
            case FIND -> ": " + here.find();
            case PAUSE -> ": " + here.pause();
            case SHOW_AREA, HELP -> "";
        };
    }
}
