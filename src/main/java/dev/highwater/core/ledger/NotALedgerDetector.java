package dev.highwater.core.ledger;

/**
 * Calls a topic not a ledger once a number of records were read without a single ledger event among them, so a
 * replay of the wrong topic stops early and says why instead of reading all of it for an empty answer.
 */
final class NotALedgerDetector {

    private final int after;

    /** @param after records without a ledger event after which the topic is not a ledger */
    NotALedgerDetector(int after) {
        this.after = after;
    }

    /**
     * @param read   records read so far in this pass
     * @param events ledger events among them
     * @throws LedgerReplayException when the topic does not look like a ledger: no event read in this pass nor
     *                               held by the state it started from, after enough records
     */
    void check(String topic, long read, long events, LedgerState s) {
        if (events == 0 && s.baseEvents + s.tail.size == 0 && read >= after) {
            Problem first = s.problems.isEmpty() ? null : s.problems.getFirst();
            throw new LedgerReplayException("topic " + topic + " does not look like a ledger: none of"
                    + " the first " + read + " records is a ledger event (" + s.undecodable + " undecodable, "
                    + s.unknownType + " of an unknown type" + (first == null ? "" : "; partition "
                    + first.partition() + " offset " + first.offset() + ": " + first.reason()) + ")");
        }
    }
}
