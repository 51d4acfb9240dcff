package dev.highwater.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Says each conflicting record as a problem: where it is, where the id's event is, and what differs. */
final class ConflictList {

    private ConflictList() {
    }

    /** Adds a problem for each record left out as a conflict, until {@code max} problems are listed. */
    static void addTo(List<Problem> problems, LedgerState s, int max) {
        int limit = problems.size() + max;
        for (Map.Entry<LedgerState.IdKey, LedgerState.Conflict> c : s.conflicts.entrySet()) {
            int e = s.seen.find(c.getKey().k1(), c.getKey().k2());
            EventTable.Variant used = s.seen.variant(e);
            for (EventTable.Variant other : c.getValue().others) {
                if (problems.size() >= limit) {
                    return;
                }
                problems.add(new Problem(other.partition(), other.offset(), "event id " + c.getValue().eventId
                        + " is reused for a different event (" + differences(other, used, s) + ") than at partition "
                        + used.partition() + " offset " + used.offset() + "; the balance uses that one, the earlier"
                        + " event, and leaves this record out"));
            }
        }
    }

    private static String differences(EventTable.Variant here, EventTable.Variant there, LedgerState s) {
        StringBuilder d = new StringBuilder();
        if (here.account() != there.account()) {
            d.append("account ").append(s.accounts.name(here.account())).append(" here, ")
                    .append(s.accounts.name(there.account())).append(" there; ");
        }
        if (here.credit() != there.credit()) {
            d.append(type(here)).append(" here, ").append(type(there)).append(" there; ");
        }
        if (here.amount().abs().compareTo(there.amount().abs()) != 0 || here.scale() != there.scale()) {
            d.append("amount ").append(here.amount().abs().toPlainString()).append(" here, ")
                    .append(there.amount().abs().toPlainString()).append(" there; ");
        }
        if (here.timestamp() != there.timestamp()) {
            d.append("event time ").append(instant(here.timestamp())).append(" here, ")
                    .append(instant(there.timestamp())).append(" there; ");
        }
        return d.isEmpty() ? "the same content" : d.substring(0, d.length() - 2);
    }

    private static String type(EventTable.Variant v) {
        return v.credit() ? "a credit" : "a debit";
    }

    private static String instant(long millis) {
        try {
            return Instant.ofEpochMilli(millis).toString();
        } catch (RuntimeException e) {
            return millis + " ms";
        }
    }
}
