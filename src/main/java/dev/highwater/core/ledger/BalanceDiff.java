package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One account's balance at two instants and the change between them. */
public record BalanceDiff(String account, BigDecimal before, BigDecimal after, BigDecimal change) {

    /** Every account whose balance differs between the two reports, by account id. */
    public static List<BalanceDiff> between(AuditReport from, AuditReport to) {
        TreeSet<String> accounts = new TreeSet<>();
        for (int i = 0; i < from.balances().size(); i++) {
            accounts.add(from.balances().account(i));
        }
        for (int i = 0; i < to.balances().size(); i++) {
            accounts.add(to.balances().account(i));
        }
        List<BalanceDiff> out = new ArrayList<>();
        for (String a : accounts) {
            BigDecimal before = from.balances().balanceOf(a);
            BigDecimal after = to.balances().balanceOf(a);
            BigDecimal change = after.subtract(before);
            if (change.signum() != 0) {
                out.add(new BalanceDiff(a, before, after, change));
            }
        }
        return out;
    }
}
