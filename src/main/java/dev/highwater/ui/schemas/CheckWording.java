package dev.highwater.ui.schemas;

import dev.highwater.core.evolution.DecodabilityCheck;
import dev.highwater.core.evolution.EvolutionReport;

/** What the Schemas screen says of a schema file's check, in sentences. */
final class CheckWording {

    private CheckWording() {
    }

    /** The verdict against the subject's history, with the level and the versions compared. */
    static String verdict(String file, String subject, EvolutionReport report) {
        String compared = report.compared().stream().map(v -> "v" + v).reduce((a, b) -> a + ", " + b)
                .orElse("nothing");
        // the level goes with the verdict: at NONE every finding is a note, and "compatible" alone would read as if
        // nothing had changed
        return report.compatible()
                ? file + " is compatible with " + subject + " at " + report.level() + " (compared with " + compared
                        + ")."
                : file + " breaks " + report.level() + " for " + subject + ": " + report.breaking().size()
                        + " finding" + (report.breaking().size() == 1 ? "" : "s") + " (compared with " + compared + ").";
    }

    /** What reading the topic's last records with the new schema found. */
    static String topicLine(String topic, long last, String subject, DecodabilityCheck.Result records) {
        StringBuilder line = new StringBuilder("Topic " + topic + ": " + String.format("%,d", records.records())
                + " records read (the last " + String.format("%,d", last) + " offsets of each partition); "
                + String.format("%,d", records.checked()) + " framed with " + subject + "'s schemas, "
                + String.format("%,d", records.ok()) + " decode, " + String.format("%,d", records.failed())
                + " do not; " + String.format("%,d", records.otherSubjects()) + " of other subjects, "
                + String.format("%,d", records.unframed()) + " not framed.");
        for (String n : records.notes()) {
            line.append(" Note: ").append(n).append('.');
        }
        if (records.first() == null && records.checked() > 0) {
            line.append(" Every record checked decodes with the new schema.");
        }
        return line.toString();
    }
}
