package dev.highwater.core.ledger;

/** A record that is not counted, and why: it could not be decoded, or its event type is unknown. */
public record Problem(int partition, long offset, String reason) {
}
