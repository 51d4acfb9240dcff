package dev.highwater.core.tail;

/**
 * What a tail is doing.
 *
 * @param state   one of the states
 * @param message one sentence for a person
 */
public record TailStatus(State state, String message) {
    public enum State { READING, CAUGHT_UP, PAUSED, DISCONNECTED, FINISHED, FAILED }
}
