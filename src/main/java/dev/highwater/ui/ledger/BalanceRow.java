package dev.highwater.ui.ledger;

import java.math.BigDecimal;

/**
 * One account in the balances table.
 *
 * @param compared the balance at the second instant, or null when not comparing
 * @param change   compared − balance, or null when not comparing
 */
public record BalanceRow(String account, BigDecimal balance, BigDecimal compared, BigDecimal change) {
}
