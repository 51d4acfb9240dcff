package dev.highwater.core.evolution;

/**
 * One thing a compatibility check found, in one sentence that names the message or record, the field (and its
 * tag for Protobuf) and the registered version it conflicts with.
 *
 * @param breaking whether it breaks the subject's compatibility level (otherwise it is for information)
 */
public record Finding(boolean breaking, String sentence) {

    static Finding breaking(String sentence) {
        return new Finding(true, sentence);
    }

    static Finding info(String sentence) {
        return new Finding(false, sentence);
    }

    /** The same finding, for information only (a level of NONE breaks nothing). */
    Finding informational() {
        return breaking ? new Finding(false, sentence) : this;
    }

    @Override
    public String toString() {
        return (breaking ? "BREAKS: " : "note: ") + sentence;
    }
}
