package dev.highwater.monitoring;

import dev.highwater.metrics.LagMetricNames;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names a PromQL expression reads, and the names the lag service exposes: what the dashboard's and
 * the alerting rules' tests hold each other to. The counters of {@link LagMetricNames} are exposed with the
 * suffix {@code _total}, so that is the only way a query may name them.
 */
final class PromQlNames {

    private static final Set<String> COUNTERS = Set.of(LagMetricNames.REFRESHES, LagMetricNames.REFRESH_ERRORS);
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.:])[a-zA-Z_:][\\w:]*");

    private PromQlNames() {
    }

    /** The names {@code highwater serve} puts on {@code /metrics}: counters with {@code _total}. */
    static Set<String> exposed() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : LagMetricNames.ALL) {
            names.add(COUNTERS.contains(name) ? name + "_total" : name);
        }
        return names;
    }

    /** The series names the expression selects (not its functions, keywords, labels or template variables). */
    static Set<String> read(String expr) {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String word = m.group();
            boolean function = rest.substring(m.end()).stripLeading().startsWith("(");
            if (!function && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** The names in the expression that the service does not expose, besides those {@code alsoAllowed}. */
    static List<String> unknown(String expr, Set<String> alsoAllowed) {
        Set<String> exposed = exposed();
        return read(expr).stream().filter(n -> !exposed.contains(n) && !alsoAllowed.contains(n)).toList();
    }
}
