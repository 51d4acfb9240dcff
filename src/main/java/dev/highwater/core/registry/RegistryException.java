package dev.highwater.core.registry;

/** What went wrong asking a schema registry, in one sentence that says what to do where it can. */
public final class RegistryException extends RuntimeException {

    public enum Kind {
        /** The registry does not know the schema id. */
        UNKNOWN_ID,
        /** The registry does not know the subject or its version. */
        UNKNOWN_SUBJECT,
        /** No registry URL answered (refused, timed out, TLS failed). */
        UNREACHABLE,
        /** The registry refused the credentials (401/403). */
        REFUSED,
        /** The registry answered something that is not what its API promises. */
        BAD_ANSWER
    }

    private final Kind kind;

    public RegistryException(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
    }

    public RegistryException(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
