package dev.highwater.ui.ledger;

import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.Collection;
import java.util.Comparator;

/**
 * Sizes table columns to the longest text they show and to their title, so that amounts, balances and times are
 * never cut: a column may grow wider than that, never narrower.
 */
final class ColumnWidths {

    /** The Ledger screen's text size (ledger.css). */
    private static final double FONT_SIZE = 12;
    /** A cell's padding on both sides and a little air. */
    private static final double CELL_EXTRA = 18;
    /** A title's padding and the sort arrow beside it. */
    private static final double TITLE_EXTRA = 28;

    private ColumnWidths() {
    }

    /** At least as wide as the widest of the texts and every line of the title. */
    static void fit(TableColumn<?, ?> column, Collection<String> texts) {
        // digits are of one width in the screen's font: the longest text is the widest
        String longest = texts.stream().max(Comparator.comparingInt(String::length)).orElse("");
        double cells = width(longest, Font.font(Font.getDefault().getFamily(), FONT_SIZE)) + CELL_EXTRA;
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, FONT_SIZE);
        double title = column.getText() == null ? 0 : column.getText().lines()
                .mapToDouble(l -> width(l, bold)).max().orElse(0) + TITLE_EXTRA;
        double min = Math.ceil(Math.max(cells, title));
        column.setMinWidth(min);
        if (column.getPrefWidth() < min) {
            column.setPrefWidth(min);
        }
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
