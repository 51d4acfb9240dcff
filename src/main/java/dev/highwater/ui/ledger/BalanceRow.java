package dev.highwater.ui.ledger;

import java.math.BigDecimal;

/**
 * One account in the balances table.
 *
 * @param balance  the balance at the instant, or when comparing at the earlier of the two
 * @param compared when comparing the balance at the later instant, else null
 * @param change   when comparing compared − balance (what the account gained from the earlier instant to the
 *                 later), else null
 */
public record BalanceRow(String account, BigDecimal balance, BigDecimal compared, BigDecimal change) {
}
