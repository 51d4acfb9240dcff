package dev.highwater.core.lag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What of a refresh goes to the {@link LagHistoryStore}, so that storing a large cluster's refresh costs about what
 * a small one's does (a row per group-partition of 40,000 every second would take the store longer than a refresh
 * and fill the disk within hours). Every refresh stores:
 * <ul>
 *   <li>a row per partition of whole groups, up to {@value #PARTITION_ROWS} rows: the groups opened on screen
 *       first (their charts are seeded from these after a restart), then the groups in most need of a look
 *       ({@link GroupRanking#WORST_FIRST}: an incident report replays these rows);</li>
 *   <li>the totals of those groups, and of the others in turn: every group's totals every refresh up to
 *       {@value #TOTAL_ROWS} groups, beyond that each of the others every n-th refresh, so about
 *       {@value #TOTAL_ROWS} rows of totals a refresh (at 2,500 groups, a quiet group's totals every 50th
 *       refresh).</li>
 * </ul>
 * When groups are left out per partition, the per-partition rows are kept for {@link #PARTITIONS_KEPT} rather
 * than the day the totals are kept (an incident report's window is an hour by default): at 2,500 groups this
 * keeps the history file at a few gigabytes rather than tens.
 * A small cluster (the demo: 2 groups, 24 partitions) is stored whole at every refresh, as before.
 */
final class HistoryBudget {

    static final int PARTITION_ROWS = 250;
    static final int TOTAL_ROWS = 50;
    static final java.time.Duration PARTITIONS_KEPT = java.time.Duration.ofHours(2);

    /**
     * One refresh as stored.
     *
     * @param refresh        the refresh with only the groups whose totals are stored this time
     * @param withPartitions the groups whose partitions are stored too
     * @param partial        some group was left out per partition
     */
    record Plan(LagRefresh refresh, Set<String> withPartitions, boolean partial) {
    }

    private long refreshes;

    /** @param opened the groups opened on screen, in any order */
    Plan plan(LagRefresh refresh, List<String> opened) {
        long turn = refreshes++;
        List<GroupLag> ranked = new ArrayList<>(refresh.groups());
        ranked.sort(GroupRanking.WORST_FIRST);
        Set<String> open = Set.copyOf(opened);
        List<GroupLag> order = new ArrayList<>(ranked.size());
        ranked.stream().filter(g -> open.contains(g.groupId())).forEach(order::add);
        ranked.stream().filter(g -> !open.contains(g.groupId())).forEach(order::add);

        Set<String> withPartitions = new HashSet<>();
        int rows = 0;
        for (GroupLag g : order) {
            if (rows + g.partitions().size() <= PARTITION_ROWS) {
                withPartitions.add(g.groupId());
                rows += g.partitions().size();
            }
        }
        int groups = refresh.groups().size();
        long stride = groups <= TOTAL_ROWS ? 1 : (groups + TOTAL_ROWS - 1) / TOTAL_ROWS;
        List<GroupLag> kept = refresh.groups().stream().filter(g -> withPartitions.contains(g.groupId())
                || open.contains(g.groupId())
                || Math.floorMod(g.groupId().hashCode(), stride) == turn % stride).toList();
        LagRefresh stored = kept.size() == groups ? refresh
                : new LagRefresh(refresh.atMillis(), refresh.error(), refresh.readAtMillis(), kept, refresh.alerts());
        return new Plan(stored, withPartitions, withPartitions.size() < groups);
    }
}
