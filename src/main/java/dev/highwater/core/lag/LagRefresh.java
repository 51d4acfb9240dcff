package dev.highwater.core.lag;

import java.util.List;

/**
 * The result of one refresh: every selected group's lag, and the alerts.
 *
 * @param atMillis     when this refresh was made
 * @param error        null when the cluster answered; otherwise one sentence, and the groups are the values the
 *                     last refresh that succeeded read, stale, without rates (see {@link #stale()})
 * @param readAtMillis when the groups' values were read: {@code atMillis} when the cluster answered, else the
 *                     time of the last refresh that succeeded, 0 when none has (the groups are then empty)
 * @param alerts       active alerts first, then recently cleared ones (bounded)
 */
public record LagRefresh(long atMillis, String error, long readAtMillis, List<GroupLag> groups, List<Alert> alerts) {

    /** A refresh whose values, if the cluster answered, were read at {@code atMillis}. */
    public LagRefresh(long atMillis, String error, List<GroupLag> groups, List<Alert> alerts) {
        this(atMillis, error, error == null ? atMillis : 0, groups, alerts);
    }

    public boolean connected() {
        return error == null;
    }

    /** Whether the groups shown are older values: the cluster did not answer this refresh, and one did before. */
    public boolean stale() {
        return error != null && readAtMillis > 0;
    }
}
