package dev.highwater.core.indexer;

import dev.highwater.proto.blockchain.Transaction;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block that is still collecting transactions (open) or waiting for its in-flight publishes (closed).
 * Batches are kept in assignment order, so the sealed block's order does not depend on which publish
 * finished first. Guarded by the owning {@link BlockIndex}'s lock.
 */
final class PendingBlock {

    private enum State { IN_FLIGHT, PUBLISHED, FAILED }

    final long height;
    private final List<List<Transaction>> batches = new ArrayList<>();
    // keyed by identity: the caller hands back the very list assign() returned
    private final Map<List<Transaction>, State> states = new IdentityHashMap<>();
    private int inFlight;
    private long closedAtMillis = -1;

    PendingBlock(long height) {
        this.height = height;
    }

    void add(List<Transaction> stamped) {
        batches.add(stamped);
        states.put(stamped, State.IN_FLIGHT);
        inFlight++;
    }

    /** Marks a batch's publish as done; false when this block does not hold it in flight. */
    boolean complete(List<Transaction> stamped, boolean published) {
        if (states.get(stamped) != State.IN_FLIGHT) {
            return false;
        }
        states.put(stamped, published ? State.PUBLISHED : State.FAILED);
        inFlight--;
        return true;
    }

    void close(long nowMillis) {
        closedAtMillis = nowMillis;
    }

    boolean isClosed() {
        return closedAtMillis >= 0;
    }

    /** Closed, and nothing it holds is still being published. */
    boolean isReadyToSeal() {
        return isClosed() && inFlight == 0;
    }

    long closedAtMillis() {
        return closedAtMillis;
    }

    /** The published transactions in assignment order; failed ones leave the block. */
    List<Transaction> publishedTransactions() {
        List<Transaction> out = new ArrayList<>();
        for (List<Transaction> batch : batches) {
            if (states.get(batch) == State.PUBLISHED) {
                out.addAll(batch);
            }
        }
        return out;
    }
}
