package dev.highwater.core.lag;

/** A group's health over the evaluation window, in the spirit of Burrow's evaluator. */
public enum GroupStatus {
    /** Caught up, or lag steady or shrinking. */
    OK,
    /** Lag grew across the whole window while the group kept committing. */
    LAGGING,
    /** Lag grew while a committed offset stood still: the consumer is stuck. */
    STALLED,
    /** No committed offsets and no members: nothing to evaluate. */
    EMPTY
}
