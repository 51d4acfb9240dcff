package dev.highwater.core.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Every account's balance on a ledger topic at an instant, with what was counted and what was not.
 *
 * @param events        distinct events at or before the instant (those that make the balances)
 * @param duplicates    redeliveries at or before the instant, counted once
 * @param undecodable   records that are not ledger events (over the whole topic read)
 * @param unknownType   ledger events of a type that is neither credit nor debit (over the whole topic read)
 * @param conflicts     records that reuse a known event id for a different event, left out (over the whole
 *                      topic read)
 * @param problems      the first of those records, by partition and offset
 * @param notes         sentences for the reader: an instant before the first event, snapshots rebuilt…
 */
public record AuditReport(String topic, Instant at, BalanceTable balances, long events, long duplicates,
                          long undecodable, long unknownType, long conflicts, List<Problem> problems, List<String> notes,
                          ReplayStats stats) {

    public AuditReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** The same report for fewer accounts; one the topic never mentions is shown at zero, with a note. */
    public AuditReport only(List<String> accounts) {
        List<String> more = new java.util.ArrayList<>(notes);
        accounts.stream().distinct().filter(a -> !balances.contains(a)).forEach(a -> more.add("Account " + a
                + " does not appear in any event of " + topic + " read: its balance is shown as 0 (check the id;"
                + " ids are compared byte for byte)."));
        return new AuditReport(topic, at, balances.only(accounts), events, duplicates, undecodable, unknownType,
                conflicts, problems, more, stats);
    }
}
