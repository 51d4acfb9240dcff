package dev.highwater.core.serve;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which consumer groups the lag service watches: every group by default; with include patterns only the groups
 * one of them matches; never a group an exclude pattern matches. Patterns are Java regular expressions matched
 * against the whole group id ({@code payments-.*}, not {@code payments}).
 */
public record GroupFilter(List<Pattern> include, List<Pattern> exclude) {

    public GroupFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** Every group. */
    public static GroupFilter all() {
        return new GroupFilter(List.of(), List.of());
    }

    /**
     * The filter these patterns make.
     *
     * @throws IllegalArgumentException one sentence naming a pattern that is not a regular expression
     */
    public static GroupFilter of(List<String> include, List<String> exclude) {
        return new GroupFilter(compile(include, "--include"), compile(exclude, "--exclude"));
    }

    private static List<Pattern> compile(List<String> patterns, String option) {
        return patterns.stream().map(p -> {
            try {
                return Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(option + " '" + p + "' is not a regular expression: "
                        + e.getDescription() + (e.getIndex() >= 0 && e.getIndex() < p.length()
                        ? " at character " + (e.getIndex() + 1) : ""));
            }
        }).toList();
    }

    /** Whether every group is watched, so the groups need not be listed before each read. */
    public boolean everyGroup() {
        return include.isEmpty() && exclude.isEmpty();
    }

    public boolean watches(String group) {
        return (include.isEmpty() || include.stream().anyMatch(p -> p.matcher(group).matches()))
                && exclude.stream().noneMatch(p -> p.matcher(group).matches());
    }
}
