package dev.highwater.store;

import dev.highwater.core.StoreException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether H2 would open a file at an older version than the last one its header records. H2 does that without
 * a word when the newest part of the file is gone or unreadable (a file cut short, bytes written over its
 * newest chunk): what was written since is lost, and the file reads as a consistent older one. A lost version
 * cannot be told apart from inside the data, so the store is opened read-only first and its header compared
 * with the version it came back at, before the database opens it for writing and moves on from there.
 */
final class H2Rollback {

    private H2Rollback() {
    }

    /**
     * @param file the {@code .mv.db} file
     * @return why the file cannot be trusted, or null when it opens at its last version, is new or empty, or is
     *         held by a running database (which then says so itself)
     */
    static String problem(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return null;
            }
        } catch (IOException e) {
            return null; // the database's own open reports what is wrong with the file
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            long recorded = DataUtils.readHexLong(store.getStoreHeader(), "version", 0);
            long readable = store.getCurrentVersion();
            return readable < recorded ? "H2 found only an older version of it, as when a file is cut short or"
                    + " written over" : null;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                return null;
            }
            return firstLine(e);
        } catch (RuntimeException e) {
            return firstLine(e); // H2 reading garbage can fail in any way
        }
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
