package dev.highwater.app;

import dev.highwater.store.H2SnapshotStore;
import dev.highwater.store.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.file.Path;

/** Where replay snapshots are kept on disk, for a command given a file or a folder for them. */
public final class SnapshotFiles {

    /** The snapshots file's name inside a folder given for it. */
    public static final String FILE_NAME = H2SnapshotStore.FILE_NAME;

    private SnapshotFiles() {
    }

    /** The snapshots file a path means: {@value #FILE_NAME} inside it when it is a folder, else that file. */
    public static Path fileFor(Path path) {
        return H2SnapshotStore.fileFor(path);
    }

    /**
     * Creates the missing folders of {@code dir}, each readable by its owner only.
     *
     * @return the outermost folder created, or null when {@code dir} was there already
     */
    public static Path createFolders(Path dir) throws IOException {
        return OwnerOnlyFiles.createFolders(dir);
    }
}
