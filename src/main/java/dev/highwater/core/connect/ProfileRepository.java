package dev.highwater.core.connect;

import java.util.List;

/** Where the user's profiles are kept (the embedded demo's is not: it is always there). */
public interface ProfileRepository {

    /** The stored profiles; a missing store is an empty list. */
    List<ConnectionProfile> load();

    /** Replaces the stored profiles; secrets are kept only where {@link Secret#storable()}. */
    void save(List<ConnectionProfile> profiles);
}
