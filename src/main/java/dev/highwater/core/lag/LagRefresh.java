package dev.highwater.core.lag;

import java.util.List;

/**
 * The result of one refresh: every selected group's lag, and the alerts.
 *
 * @param error  null when the cluster answered; otherwise one sentence (groups then hold the last known view)
 * @param alerts active alerts first, then recently cleared ones (bounded)
 */
public record LagRefresh(long atMillis, String error, List<GroupLag> groups, List<Alert> alerts) {

    public boolean connected() {
        return error == null;
    }
}
