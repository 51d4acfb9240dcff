package dev.highwater.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two themes' colours, read from the stylesheets themselves: every text colour on the background it is read
 * on meets WCAG AA (4.5:1) in both themes, every colour a stylesheet or the code names is defined in both, and
 * no stylesheet hard-codes a colour the themes do not know of.
 */
class ThemeContrastTest {

    private static final Path UI = Path.of("src/main/resources/dev/highwater/ui");
    private static final Pattern VARIABLE = Pattern.compile("(-hw-[a-z0-9-]+)\\s*:\\s*([^;]+);");
    private static final Pattern USE = Pattern.compile("-hw-[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final double AA = 4.5;

    /**
     * Text read on a background other than its own -bg or the area's: a state's colour in a toolbar, on a
     * selected row, in the help's card.
     */
    private static final List<List<String>> ALSO = List.of(
            List.of("-hw-problem-fg", "-hw-bar-bg"),
            List.of("-hw-problem-fg", "-hw-status-bg"),
            List.of("-hw-muted-fg", "-hw-bar-bg"),
            List.of("-hw-bar-muted-fg", "-hw-bar-bg"),
            List.of("-hw-card-muted-fg", "-hw-card-bg"),
            List.of("-hw-heading-fg", "-hw-bar-bg"),
            List.of("-hw-warning-fg", "-hw-bar-bg"),
            List.of("-hw-caution-fg", "-hw-bar-bg"),
            List.of("-hw-ok-fg", "-hw-bar-bg"),
            List.of("-hw-stalled-fg", "-hw-bar-bg"),
            List.of("-hw-badge-fg", "-hw-badge-bg"),
            List.of("-hw-fg", "-hw-hover-bg"),
            List.of("-hw-fg", "-hw-input-bg"),
            List.of("-hw-fg", "-hw-bar-bg"),
            List.of("-hw-prompt", "-hw-input-bg"),
            List.of("-hw-selected-fg", "-hw-hot-selected-bg"),
            List.of("-hw-selected-fg", "-hw-poison-selected-bg"),
            List.of("-hw-problem-fg", "-hw-selected-unfocused-bg"),
            List.of("-hw-nav-fg", "-hw-nav-button-bg"),
            List.of("-hw-nav-button-fg", "-hw-nav-button-hover-bg"),
            List.of("-hw-key-fg", "-hw-key-bg"),
            List.of("-hw-chart-fg", "-hw-bg"),
            List.of("-hw-hot-legend-fg", "-hw-bg"),
            List.of("-hw-stale-fg", "-hw-bg"));

    @Test
    void everyTextColourMeetsAaOnItsBackgroundInBothThemes() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> theme : themes().entrySet()) {
            Map<String, String> colours = theme.getValue();
            List<List<String>> pairs = new ArrayList<>(ALSO);
            for (String name : colours.keySet()) {
                if (name.endsWith("-fg")) {
                    String own = name.substring(0, name.length() - "-fg".length()) + "-bg";
                    pairs.add(List.of(name, colours.containsKey(own) ? own : "-hw-bg"));
                }
            }
            assertTrue(pairs.size() > 40, "the pairs are found: " + pairs.size());
            for (List<String> pair : pairs) {
                double ratio = contrast(rgb(resolve(colours, pair.get(0))), rgb(resolve(colours, pair.get(1))));
                if (ratio < AA) {
                    failures.add(theme.getKey() + ": " + pair.get(0) + " on " + pair.get(1) + " is "
                            + String.format("%.2f", ratio) + ":1");
                }
            }
        }
        assertEquals(List.of(), failures, "text below 4.5:1");
    }

    @Test
    void bothThemesDefineEveryColourNamedAndTheScreensHardCodeNone() throws IOException {
        Map<String, Map<String, String>> themes = themes();
        assertEquals(themes.get("light").keySet(), rootVariables(read(UI.resolve("dark.css"))).keySet(),
                "the dark theme defines each of the light theme's colours");
        Set<String> used = new TreeSet<>();
        List<String> hardCoded = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(UI), Files.walk(Path.of("src/main/java/dev/highwater/ui")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".css") || p.toString().endsWith(".java")).toList()) {
                String text = read(f);
                Matcher m = USE.matcher(text);
                while (m.find()) {
                    used.add(m.group());
                }
                if (f.toString().endsWith(".css")) {
                    String rules = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceFirst("(?s)\\.root\\s*\\{.*?}", "");
                    for (String line : rules.split("\n")) {
                        if (line.matches(".*(#[0-9a-fA-F]{3,8}\\b|\\b(white|black)\\b|rgba?\\().*")
                                && !f.endsWith("highwater.css") && !f.endsWith("dark.css")) {
                            hardCoded.add(UI.relativize(f) + ": " + line.trim());
                        }
                    }
                }
            }
        }
        used.removeIf(name -> name.endsWith("-")); // a name the code completes, e.g. "-hw-" + "series-3"
        for (Map.Entry<String, Map<String, String>> theme : themes.entrySet()) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(theme.getValue().keySet());
            assertEquals(Set.of(), missing, "named but not defined in the " + theme.getKey() + " theme");
        }
        assertEquals(List.of(), hardCoded, "colours outside the themes");
    }

    /** light: highwater.css's .root; dark: the same with dark.css's .root on top. */
    private static Map<String, Map<String, String>> themes() {
        Map<String, String> light = rootVariables(read(UI.resolve("highwater.css")));
        Map<String, String> dark = new LinkedHashMap<>(light);
        dark.putAll(rootVariables(read(UI.resolve("dark.css"))));
        return Map.of("light", light, "dark", dark);
    }

    private static Map<String, String> rootVariables(String css) {
        Matcher block = Pattern.compile("(?s)\\.root\\s*\\{(.*?)}").matcher(css.replaceAll("(?s)/\\*.*?\\*/", ""));
        assertTrue(block.find(), "a .root block");
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(block.group(1));
        while (m.find()) {
            vars.put(m.group(1), m.group(2).trim());
        }
        return vars;
    }

    private static String resolve(Map<String, String> colours, String name) {
        String value = name;
        for (int depth = 0; value.startsWith("-hw-"); depth++) {
            assertTrue(depth < 10 && colours.containsKey(value), "defined: " + value);
            value = colours.get(value);
        }
        return value;
    }

    private static double[] rgb(String hex) {
        assertTrue(hex.matches("#[0-9a-fA-F]{6}"), "a text or background colour is #rrggbb: " + hex);
        return new double[] {Integer.parseInt(hex.substring(1, 3), 16) / 255.0,
                Integer.parseInt(hex.substring(3, 5), 16) / 255.0, Integer.parseInt(hex.substring(5, 7), 16) / 255.0};
    }

    /** WCAG 2's contrast ratio of two colours. */
    static double contrast(double[] a, double[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(double[] c) {
        double[] l = new double[3];
        for (int i = 0; i < 3; i++) {
            l[i] = c[i] <= 0.03928 ? c[i] / 12.92 : Math.pow((c[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
