package dev.highwater.core.registry;

/** One version of a subject: the subject, its version number and the id of the schema registered there. */
public record SubjectVersion(String subject, int version, int id) {

    @Override
    public String toString() {
        return subject + " v" + version + " (id " + id + ")";
    }
}
