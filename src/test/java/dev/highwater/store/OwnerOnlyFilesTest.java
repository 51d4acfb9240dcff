package dev.highwater.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the app keeps is for the user alone (POSIX permissions on real files): the data folder, the H2 files
 * H2 writes into, the profiles, and a damaged file set aside.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void storesInAMissingDataFolderMakeItAndEveryFileInItOwnerOnly() throws Exception {
        Path data = dir.resolve("home").resolve(".highwater");
        try (H2LagHistoryStore history = H2LagHistoryStore.open(data.resolve("lag-history"));
             H2SnapshotStore snapshots = H2SnapshotStore.open(data.resolve("ledger-snapshots"))) {
            assertTrue(history.since("c", "g", 0).isEmpty() && snapshots.list("t").isEmpty());
        }
        new ProfileFile(data.resolve("profiles.properties")).save(List.of());
        assertEquals("rwx------", permissions(dir.resolve("home")));
        assertEquals("rwx------", permissions(data));
        List<Path> files = files(data);
        assertEquals(3, files.size(), files.toString());
        for (Path f : files) {
            assertEquals("rw-------", permissions(f), f.toString());
        }
    }

    @Test
    void aFileLeftReadableByAnEarlierVersionIsMadeOwnerOnlyWhenOpened() throws Exception {
        Path file = dir.resolve("lag-history.mv.db");
        H2LagHistoryStore.open(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        H2LagHistoryStore.open(file).close();
        assertEquals("rw-------", permissions(file));
    }

    @Test
    void anUnreadableFileSetAsideLeavesNothingOthersCanReadAndNoTraceFile() throws Exception {
        Path file = dir.resolve("ledger-snapshots.mv.db");
        Files.writeString(file, "not a database ".repeat(300));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (H2SnapshotStore store = H2SnapshotStore.open(file)) {
            assertTrue(store.openingNotice().contains("kept as"), store.openingNotice());
        }
        List<Path> files = files(dir);
        assertEquals(2, files.size(), "the new file and the one set aside, no trace file: " + files);
        for (Path f : files) {
            assertEquals("rw-------", permissions(f), f.toString());
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
