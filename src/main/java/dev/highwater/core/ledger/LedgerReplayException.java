package dev.highwater.core.ledger;

/** A replay cannot give an answer (the topic is not a ledger, say); the message is one sentence. */
public class LedgerReplayException extends RuntimeException {
    public LedgerReplayException(String message) {
        super(message);
    }
}
