package dev.highwater.core.ledger;

/** The user cancelled a replay; nothing half-done is kept. */
public final class ReplayCancelledException extends LedgerReplayException {
    public ReplayCancelledException() {
        super("the replay was cancelled");
    }
}
