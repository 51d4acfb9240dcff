package dev.highwater.core.evolution;

import java.util.List;

/**
 * What a compatibility check found for a new schema against a subject's registered versions.
 *
 * @param level    the level the check applied
 * @param compared the registered versions compared with (the latest, or all for a transitive level)
 * @param findings breaking findings first, then notes
 */
public record EvolutionReport(CompatibilityLevel level, List<Integer> compared, List<Finding> findings) {

    public EvolutionReport {
        compared = List.copyOf(compared);
        findings = findings.stream().sorted((a, b) -> Boolean.compare(b.breaking(), a.breaking())).toList();
    }

    /** True when nothing found breaks the level. */
    public boolean compatible() {
        return findings.stream().noneMatch(Finding::breaking);
    }

    public List<Finding> breaking() {
        return findings.stream().filter(Finding::breaking).toList();
    }
}
