package dev.highwater.core.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One debit or credit of an account on a ledger topic.
 *
 * @param amount an exact, non-negative decimal, as written on the wire
 * @param timestamp the event's own time, epoch milliseconds (not the record's)
 */
public record LedgerEvent(String eventId, String accountId, Type type, BigDecimal amount, String reference,
                          long timestamp) {

    public enum Type {
        ACCOUNT_CREDITED, ACCOUNT_DEBITED
    }

    public LedgerEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        reference = reference == null ? "" : reference;
    }

    /** The signed effect on the account's balance: + for a credit, − for a debit. */
    public BigDecimal signedAmount() {
        return type == Type.ACCOUNT_CREDITED ? amount : amount.negate();
    }
}
