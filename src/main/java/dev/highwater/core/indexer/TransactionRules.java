package dev.highwater.core.indexer;

import dev.highwater.proto.blockchain.Transaction;

import java.math.BigDecimal;
import java.util.Optional;

/** What makes a transaction one the indexer can publish: money it can move exactly, and both parties named. */
public final class TransactionRules {

    private TransactionRules() {
    }

    /** Why the transaction cannot be ingested, or empty when it can. */
    public static Optional<String> problem(Transaction tx) {
        if (tx.getSender().isBlank()) {
            return Optional.of("no sender");
        }
        if (tx.getRecipient().isBlank()) {
            return Optional.of("no recipient");
        }
        if (tx.getStatus() < 0 || tx.getStatus() > 2) {
            return Optional.of("status " + tx.getStatus() + " is not 0 (pending), 1 (confirmed) or 2 (failed)");
        }
        try {
            if (new BigDecimal(tx.getAmount()).signum() < 0) {
                return Optional.of("amount " + tx.getAmount() + " is negative");
            }
        } catch (NumberFormatException e) {
            return Optional.of("amount '" + tx.getAmount() + "' is not a decimal number");
        }
        return Optional.empty();
    }
}
