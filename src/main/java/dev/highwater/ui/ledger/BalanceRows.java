package dev.highwater.ui.ledger;

import dev.highwater.core.ledger.AuditReport;
import dev.highwater.core.ledger.BalanceTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The balances table's rows: built from a replay's answer, then searched and sorted as a whole (every account,
 * not only those shown). Plain functions, no JavaFX: the sorting runs off the UI thread.
 */
final class BalanceRows {

    private BalanceRows() {
    }

    /**
     * One row per account; with two replays, every account of either with its balance at the earlier instant,
     * at the later one, and the change from the earlier to the later (what the account gained, whichever instant
     * was asked first).
     */
    static List<BalanceRow> of(List<AuditReport> result) {
        if (result.size() == 1) {
            BalanceTable a = result.getFirst().balances();
            List<BalanceRow> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(new BalanceRow(a.account(i), a.balance(i), null, null));
            }
            return out;
        }
        List<AuditReport> fromTo = chronological(result);
        BalanceTable from = fromTo.get(0).balances();
        BalanceTable to = fromTo.get(1).balances();
        TreeSet<String> accounts = new TreeSet<>();
        for (int i = 0; i < from.size(); i++) {
            accounts.add(from.account(i));
        }
        for (int i = 0; i < to.size(); i++) {
            accounts.add(to.account(i));
        }
        List<BalanceRow> out = new ArrayList<>(accounts.size());
        for (String acc : accounts) {
            BigDecimal before = from.balanceOf(acc);
            BigDecimal after = to.balanceOf(acc);
            out.add(new BalanceRow(acc, before, after, after.subtract(before)));
        }
        return out;
    }

    /** The two answers of a comparison, the earlier instant first. */
    static List<AuditReport> chronological(List<AuditReport> two) {
        return two.get(1).at().isBefore(two.get(0).at()) ? List.of(two.get(1), two.get(0)) : List.copyOf(two);
    }

    /** How many accounts the search matches (rows shown or not). */
    static long countMatching(List<BalanceRow> all, String filter) {
        Predicate<BalanceRow> matches = matching(filter);
        return matches == null ? all.size() : all.stream().filter(matches).count();
    }

    /** Accounts containing the search text, any case; null when there is nothing to search for. */
    private static Predicate<BalanceRow> matching(String filter) {
        String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
        return f.isEmpty() ? null : r -> r.account().toLowerCase(Locale.ROOT).contains(f);
    }

    /** The accounts the search matches, in the order asked, at most {@code limit} of them. */
    static List<BalanceRow> filterAndSort(List<BalanceRow> all, String filter, LedgerModel.SortKey key, boolean asc,
                                          int limit) {
        Predicate<BalanceRow> matches = matching(filter);
        Comparator<BalanceRow> order = switch (key) {
            case ACCOUNT -> Comparator.comparing(BalanceRow::account);
            case BALANCE -> Comparator.comparing(BalanceRow::balance).thenComparing(BalanceRow::account);
            case COMPARED -> Comparator.comparing((BalanceRow r) -> orZero(r.compared()))
                    .thenComparing(BalanceRow::account);
            case CHANGE -> Comparator.comparing((BalanceRow r) -> orZero(r.change()))
                    .thenComparing(BalanceRow::account);
        };
        if (!asc) {
            order = order.reversed();
        }
        return all.stream().filter(matches == null ? r -> true : matches).sorted(order).limit(limit).toList();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
