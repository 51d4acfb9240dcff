package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.List;

/** Which conditions a group's refresh raises, each worded as one sentence a person can act on. */
final class LagAlertRules {

    static final String DISCONNECTED_KEY = "disconnected";

    private final LagSettings settings;

    LagAlertRules(LagSettings settings) {
        this.settings = settings;
    }

    static AlertBook.Condition disconnected(String error) {
        return new AlertBook.Condition(DISCONNECTED_KEY, Alert.Severity.CRITICAL, null,
                "Disconnected from the cluster (" + error + "); showing the last known offsets until it answers,"
                        + " and reconnecting by itself.");
    }

    /** @param verdict the group's status evaluation, null when none was made */
    List<AlertBook.Condition> conditions(GroupLag group, GroupVerdict verdict) {
        List<AlertBook.Condition> out = new ArrayList<>();
        String g = group.groupId();
        if (group.totalLag() > settings.criticalTotalLag()) {
            out.add(new AlertBook.Condition("total-lag:" + g, Alert.Severity.CRITICAL, g,
                    g + ": total lag " + LagFormat.count(group.totalLag()) + " is over the critical "
                            + LagFormat.count(settings.criticalTotalLag())
                            + "; its consumers are not keeping up, so look at the partitions with the most lag."));
        }
        if (verdict != null && verdict.worst() != null) {
            PartitionTrend worst = verdict.worst();
            String owner = ownerOf(group, worst.id());
            if (group.status() == GroupStatus.STALLED) {
                out.add(new AlertBook.Condition("stalled:" + g, Alert.Severity.CRITICAL, g,
                        g + " is stalled: " + verdict.reasonWithoutPeriod() + "; check "
                                + (owner == null ? "why no consumer owns it" : "its consumer " + owner) + "."));
            } else if (group.status() == GroupStatus.LAGGING) {
                out.add(new AlertBook.Condition("lagging:" + g, Alert.Severity.WARNING, g,
                        g + " is lagging: " + verdict.reasonWithoutPeriod()
                                + "; records arrive faster than its consumers take them."));
            }
        }
        double average = averageLag(group);
        for (PartitionLag p : group.partitions()) {
            if (p.hot()) {
                String share = Double.isNaN(p.produceShare()) ? ""
                        : ", taking " + LagFormat.share(p.produceShare()) + " of the topic's traffic";
                out.add(new AlertBook.Condition("hotspot:" + g + ":" + p.id(), Alert.Severity.WARNING, g,
                        g + ": partition " + p.id() + " lags " + LagFormat.count(p.lag()) + " ("
                                + LagFormat.factor(p.lag() / average) + " the group's average" + share
                                + "): a hot partition; see the hot keys panel."));
            }
        }
        return out;
    }

    private static double averageLag(GroupLag group) {
        return group.partitions().stream().filter(p -> p.lag() != null).mapToLong(PartitionLag::lag)
                .average().orElse(0);
    }

    private static String ownerOf(GroupLag group, PartitionId id) {
        return group.partitions().stream().filter(p -> p.id().equals(id)).findFirst()
                .map(PartitionLag::owner).orElse(null);
    }
}
