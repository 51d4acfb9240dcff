package dev.highwater.ui.shell;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The window's keyboard shortcuts, in one table: the window installs exactly these and the help overlay lists
 * exactly these, so the two cannot disagree. What refresh, find and pause mean depends on the screen shown; that
 * is in the same table, with a sentence for a screen where there is nothing to do.
 */
public final class Shortcuts {

    /** What a shortcut does. */
    public enum Action { SHOW_AREA, REFRESH, PAUSE, FIND, HELP }

    /**
     * One shortcut.
     *
     * @param keys  the key combinations that do it, installed as the scene's accelerators
     * @param typed a character that also does it when typed outside a text field (or null), e.g. {@code ?}
     * @param area  for {@link Action#SHOW_AREA}, the area shown; null otherwise
     * @param what  what it does, as the help says it
     */
    public record Shortcut(Action action, List<KeyCombination> keys, String typed, Area area, String what) {

        /** The keys as the help shows them, e.g. "F5 or Ctrl+R". */
        public String keysText() {
            List<String> names = new ArrayList<>(keys.stream().map(KeyCombination::getDisplayText).toList());
            if (typed != null) {
                names.add(typed);
            }
            return String.join(" or ", names);
        }
    }

    /**
     * On one screen: the node that refresh fires, find focuses, pause fires (by id, null when there is none), and
     * what each does there, or why there is nothing to do.
     */
    public record OnScreen(String refreshId, String refresh, String findId, String find, String pauseId,
                           String pause) {
    }

    private static final Map<Area, OnScreen> SCREENS = new EnumMap<>(Map.of(
            Area.PARTITIONS, new OnScreen(
                    null, "Nothing to refresh by hand: the lag is read again every few seconds (the interval is in"
                    + " the toolbar).",
                    null, "No filter on this screen.",
                    null, "Only the Messages tail pauses."),
            Area.MESSAGES, new OnScreen(
                    null, "Nothing to refresh: the tail shows records as they arrive (Start reads from another"
                    + " position).",
                    "messages-text-filter", "Goes to the “text anywhere” filter.",
                    "messages-pause", "Pauses the tail, or resumes it."),
            Area.SCHEMAS, new OnScreen(
                    "schemas-refresh", "Reads the subjects and versions from the registry again.",
                    "subject-filter", "Goes to the subject filter.",
                    null, "Only the Messages tail pauses."),
            Area.LEDGER, new OnScreen(
                    "ledger-replay", "Replays the balances at the chosen instant.",
                    "ledger-search", "Goes to the account search.",
                    null, "Only the Messages tail pauses."),
            Area.TABLES, new OnScreen(
                    "tables-run", "Reads the topic's state at the chosen instant again.",
                    "tables-search", "Goes to the key and value search.",
                    null, "Only the Messages tail pauses."),
            Area.GRPC, new OnScreen(
                    "grpc-connect", "Connects to the target again and reloads its methods.",
                    null, "No filter on this screen.",
                    null, "Only the Messages tail pauses.")));

    private static final List<Shortcut> TABLE = table();

    private Shortcuts() {
    }

    /** Every shortcut, in the order the help lists them. */
    public static List<Shortcut> all() {
        return TABLE;
    }

    /** What the screen-dependent shortcuts do on the area's screen. */
    public static OnScreen on(Area area) {
        return SCREENS.get(area);
    }

    /** Every key combination installed, for checks against the scene's accelerators. */
    public static List<KeyCombination> combinations() {
        return TABLE.stream().flatMap(s -> s.keys().stream()).collect(Collectors.toList());
    }

    private static List<Shortcut> table() {
        List<Shortcut> t = new ArrayList<>();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        Area[] areas = Area.values();
        for (int i = 0; i < areas.length && i < digits.length; i++) {
            t.add(new Shortcut(Action.SHOW_AREA, List.of(ctrl(digits[i])), null, areas[i],
                    "Shows " + areas[i].title()));
        }
        t.add(new Shortcut(Action.REFRESH, List.of(new KeyCodeCombination(KeyCode.F5), ctrl(KeyCode.R)), null, null,
                "Refresh"));
        t.add(new Shortcut(Action.FIND, List.of(ctrl(KeyCode.F)), null, null, "Find"));
        t.add(new Shortcut(Action.PAUSE, List.of(ctrl(KeyCode.P)), null, null, "Pause or resume the tail"));
        t.add(new Shortcut(Action.HELP, List.of(new KeyCodeCombination(KeyCode.F1)), "?", null,
                "This help (Esc closes it; ? works outside text fields)"));
        return List.copyOf(t);
    }

    /** Ctrl on Linux and Windows, Command on macOS. */
    private static KeyCombination ctrl(KeyCode code) {
        return new KeyCodeCombination(code, KeyCombination.SHORTCUT_DOWN);
    }
}
