package dev.highwater.core.connect;

/**
 * A password or other secret of a profile: either a reference ({@code ${env:KAFKA_PASS}},
 * {@code ${file:/path/to/file}}), resolved when a connection is made and never stored resolved, or a value
 * typed by the user, kept for the running app only unless {@code remember} says the user asked to store it.
 * Its text never shows in {@link #toString()}.
 */
public record Secret(String text, boolean remember) {

    public static final Secret NONE = new Secret("", false);

    public Secret {
        text = text == null ? "" : text;
    }

    public static Secret of(String text) {
        return new Secret(text, false);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** A reference to where the secret lives, not the secret itself. */
    public boolean isReference() {
        return SecretResolver.isReference(text);
    }

    /** What a file of profiles may hold: references always, values only when the user asked. */
    public boolean storable() {
        return isReference() || remember;
    }

    @Override
    public String toString() {
        return isEmpty() ? "Secret[none]" : isReference() ? "Secret[" + text + "]" : "Secret[hidden]";
    }
}
