package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Accounts and their balances, sorted by account id; compact for a million accounts. */
public final class BalanceTable {

    private final String[] accounts;
    private final BigDecimal[] balances;

    BalanceTable(String[] accounts, BigDecimal[] balances) {
        Integer[] order = new Integer[accounts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> accounts[i]));
        this.accounts = new String[accounts.length];
        this.balances = new BigDecimal[accounts.length];
        for (int i = 0; i < order.length; i++) {
            this.accounts[i] = accounts[order[i]];
            this.balances[i] = balances[order[i]];
        }
    }

    public int size() {
        return accounts.length;
    }

    public String account(int i) {
        return accounts[i];
    }

    public BigDecimal balance(int i) {
        return balances[i];
    }

    /** The balance of an account, zero for one the ledger never mentions. */
    public BigDecimal balanceOf(String account) {
        int i = Arrays.binarySearch(accounts, account);
        return i >= 0 ? balances[i] : BigDecimal.ZERO;
    }

    public boolean contains(String account) {
        return Arrays.binarySearch(accounts, account) >= 0;
    }

    /** The sum over all accounts: constant while payments only move money between accounts. */
    public BigDecimal total() {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal b : balances) {
            sum = sum.add(b);
        }
        return sum;
    }

    /** Only the given accounts (each one, mentioned by the ledger or not), sorted. */
    public BalanceTable only(List<String> wanted) {
        String[] names = wanted.stream().distinct().toArray(String[]::new);
        BigDecimal[] values = new BigDecimal[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = balanceOf(names[i]);
        }
        return new BalanceTable(names, values);
    }
}
