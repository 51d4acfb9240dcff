package dev.highwater.ui.partitions;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupRanking;
import dev.highwater.core.lag.GroupStatus;

import java.util.Comparator;
import java.util.List;

/** Which groups need a look first: the list's order and the group the screen opens on. */
final class GroupOrder {

    /** The worst status first, then the largest total lag, then by name so equal groups keep their places. */
    static final Comparator<GroupLag> WORST_FIRST = GroupRanking.WORST_FIRST;

    private GroupOrder() {
    }

    static List<GroupLag> worstFirst(List<GroupLag> groups) {
        return groups.stream().sorted(WORST_FIRST).toList();
    }

    /**
     * The group to show while the user has not picked one: the worst, and later a group whose status becomes
     * worse than the shown one's (a group lagging after a calm first refresh). Lag figures alone never move
     * the selection, so two lagging groups do not take turns.
     *
     * @param shown the group shown now, or null
     */
    static String toShow(String shown, List<GroupLag> groups) {
        if (groups.isEmpty()) {
            return shown;
        }
        GroupLag worst = groups.stream().min(WORST_FIRST).orElseThrow();
        GroupLag current = groups.stream().filter(g -> g.groupId().equals(shown)).findFirst().orElse(null);
        if (current == null || severity(worst.status()) < severity(current.status())) {
            return worst.groupId();
        }
        return shown;
    }

    private static int severity(GroupStatus status) {
        return GroupRanking.severity(status);
    }
}
