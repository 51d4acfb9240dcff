package dev.highwater.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Copying out of any table: Ctrl+C copies the selected rows as tab-separated lines (what a spreadsheet or a
 * chat takes), and a context menu copies the value under the pointer or the selected rows as JSON. What is
 * copied is what the cells show, column by column as they stand on screen.
 */
public final class TableCopy {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private TableCopy() {
    }

    /** Adds Ctrl+C and the copy menu to {@code table}; a menu of its own is kept, the copy items added to it. */
    public static void install(TableView<?> table) {
        TableColumn<?, ?>[] pointed = new TableColumn<?, ?>[1];
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> pointed[0] = columnAt(e.getPickResult().getIntersectedNode()));
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                put(rowsAsLines(table));
                e.consume();
            }
        });
        MenuItem value = new MenuItem("Copy value");
        value.setOnAction(e -> put(value(table, pointed[0])));
        MenuItem json = new MenuItem("Copy row as JSON");
        json.setOnAction(e -> put(rowsAsJson(table)));
        ContextMenu menu = table.getContextMenu() == null ? new ContextMenu() : table.getContextMenu();
        menu.getItems().addAll(value, json);
        menu.setOnShowing(e -> {
            boolean none = table.getSelectionModel().getSelectedItems().isEmpty();
            value.setDisable(none);
            json.setDisable(none);
        });
        table.setContextMenu(menu);
    }

    /** The selected rows, one line each, cells separated by tabs. */
    public static String rowsAsLines(TableView<?> table) {
        List<String> lines = new ArrayList<>();
        for (int row : selectedRows(table)) {
            List<String> cells = new ArrayList<>();
            for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
                cells.add(text(cell(c, row)));
            }
            lines.add(String.join("\t", cells));
        }
        return String.join("\n", lines);
    }

    /** The selected row as a JSON object keyed by column title; several rows as an array of them. */
    public static String rowsAsJson(TableView<?> table) {
        List<String> objects = new ArrayList<>();
        for (int row : selectedRows(table)) {
            StringBuilder o = new StringBuilder("{");
            List<TableColumn<?, ?>> columns = List.copyOf(table.getVisibleLeafColumns());
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    o.append(", ");
                }
                o.append(quoted(title(columns.get(i), i))).append(": ").append(json(cell(columns.get(i), row)));
            }
            objects.add(o.append('}').toString());
        }
        return objects.size() == 1 ? objects.getFirst() : "[" + String.join(",\n", objects) + "]";
    }

    /** The cell of {@code column} in each selected row (the first column when none was pointed at). */
    static String value(TableView<?> table, TableColumn<?, ?> column) {
        TableColumn<?, ?> c = column != null && table.getVisibleLeafColumns().contains(column) ? column
                : table.getVisibleLeafColumns().isEmpty() ? null : table.getVisibleLeafColumns().getFirst();
        if (c == null) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (int row : selectedRows(table)) {
            values.add(text(cell(c, row)));
        }
        return String.join("\n", values);
    }

    private static List<Integer> selectedRows(TableView<?> table) {
        return table.getSelectionModel().getSelectedIndices().stream().filter(i -> i >= 0).sorted().toList();
    }

    /**
     * The cell's value when it is plain (text, a number, a flag); otherwise the text its cell shows, so that a
     * column holding a whole row object copies what is on screen rather than the object's insides.
     */
    private static Object cell(TableColumn<?, ?> column, int row) {
        ObservableValue<?> v = column.getCellObservableValue(row);
        Object value = v == null ? null : v.getValue();
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String shown = shownText(column, row);
        return shown == null || shown.isEmpty() ? value.toString() : shown;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String shownText(TableColumn column, int row) {
        TableCell cell = (TableCell) column.getCellFactory().call(column);
        cell.updateTableView(column.getTableView());
        cell.updateTableColumn(column);
        cell.updateIndex(row);
        String text = cell.getText();
        cell.updateIndex(-1);
        return text;
    }

    private static String title(TableColumn<?, ?> column, int index) {
        String t = column.getText();
        return t == null || t.isBlank() ? "column " + (index + 1) : t;
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quoted(value.toString());
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static TableColumn<?, ?> columnAt(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TableCell<?, ?> cell) {
                return cell.getTableColumn();
            }
        }
        return null;
    }

    private static void put(String text) {
        if (text.isEmpty()) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
