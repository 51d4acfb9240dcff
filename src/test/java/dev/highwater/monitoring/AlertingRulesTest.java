package dev.highwater.monitoring;

import dev.highwater.metrics.LagMetricNames;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus alerting rules shipped with the lag service: Prometheus's own promtool accepts them and runs
 * their cases (each alert firing when it should and staying quiet when it should not), they read only series
 * the service exposes, and each alert tells a person which cluster and group and what to do.
 */
class AlertingRulesTest {

    static final Path RULES = Path.of("monitoring/prometheus/highwater-alerts.yml");
    static final Path CASES = Path.of("monitoring/prometheus/highwater-alerts.test.yml");
    private static final Set<String> SCRAPE_HEALTH = Set.of("up");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        PrometheusBinaries.Run run = PrometheusBinaries.promtool("check", "rules", RULES.toString());

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("SUCCESS: " + alerts().size() + " rules found"), run.output());
    }

    @Test
    void eachAlertFiresWhenItsCasesSayAndOnlyThen() throws Exception {
        PrometheusBinaries.Run run = PrometheusBinaries.promtool("test", "rules", CASES.toString());

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("SUCCESS"), run.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasACaseWhereItFiresAndOneWhereItDoesNot() throws IOException {
        Set<String> fires = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) yaml(CASES).get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
                List<?> expected = (List<?>) check.get("exp_alerts");
                (expected == null || expected.isEmpty() ? quiet : fires).add((String) check.get("alertname"));
            }
        }

        for (Map<String, Object> alert : alerts()) {
            String name = (String) alert.get("alert");
            assertTrue(fires.contains(name), name + " has no case where it fires");
            assertTrue(quiet.contains(name), name + " has no case where it stays quiet");
        }
    }

    @Test
    void theRulesReadOnlyTheServicesSeries() throws IOException {
        Set<String> read = new HashSet<>();
        for (Map<String, Object> alert : alerts()) {
            String expr = (String) alert.get("expr");
            assertEquals(List.of(), PromQlNames.unknown(expr, SCRAPE_HEALTH), alert.get("alert") + ": " + expr);
            read.addAll(PromQlNames.read(expr));
        }
        // the four things a team is woken for, each read by some alert
        assertTrue(read.containsAll(List.of(LagMetricNames.GROUP_LAG_SECONDS, LagMetricNames.GROUP_STATUS,
                LagMetricNames.PARTITION_HOT, LagMetricNames.CLUSTER_UP, "up")), read.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertSaysWhichClusterAndGroupAndWhatToDo() throws IOException {
        for (Map<String, Object> alert : alerts()) {
            String name = (String) alert.get("alert");
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            assertTrue(Set.of("warning", "critical").contains(labels.get("severity")), name + ": " + labels);
            String summary = annotations.get("summary");
            String description = annotations.get("description");
            assertFalse(summary == null || summary.isBlank(), name + " has no summary");
            assertTrue(description != null && description.length() > 150, name + "'s description is too short to act on");

            Set<String> read = PromQlNames.read((String) alert.get("expr"));
            List<String> subjects = new ArrayList<>();
            if (read.contains("up")) {
                subjects.add("$labels.instance");
            } else {
                subjects.add("$labels.cluster");
                if (read.stream().anyMatch(n -> n.startsWith("highwater_group_") || n.startsWith("highwater_partition_"))) {
                    subjects.add("$labels.group");
                }
            }
            for (String subject : subjects) {
                assertTrue(summary.contains(subject), name + "'s summary does not name " + subject + ": " + summary);
                assertTrue(description.contains(subject), name + "'s description does not name " + subject);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(RULES).get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }

    // SnakeYAML comes with Kafka's client libraries (Jackson's YAML format), on the class path at run time
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }
}
