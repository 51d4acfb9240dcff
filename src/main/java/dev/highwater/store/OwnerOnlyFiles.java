package dev.highwater.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * What the app keeps (balances, cluster names, profiles) is for the user only: on POSIX file systems, folders
 * it creates are rwx------ and files rw-------, set when they are created rather than fixed afterwards, so there
 * is no moment when others can read them. Elsewhere the platform's own defaults apply.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the missing folders of {@code dir}, each owner-only; folders that exist are left as they are.
     *
     * @return the outermost folder created, or null when {@code dir} was there already
     */
    public static Path createFolders(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path outermost = null;
        for (Path p = abs; p != null && Files.notExists(p); p = p.getParent()) {
            outermost = p;
        }
        if (outermost == null) {
            if (!Files.isDirectory(abs)) {
                throw new IOException(abs + " is not a folder");
            }
            return null;
        }
        if (posix(abs)) {
            Files.createDirectories(abs, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
            Files.createDirectories(abs);
        }
        return outermost;
    }

    /** The app's own data folder: created owner-only, or made so when it exists (earlier versions left it open). */
    public static void dataFolder(Path dir) throws IOException {
        createFolders(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, FOLDER);
        }
    }

    /** Creates an empty owner-only file unless one exists. */
    static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, fileAttributes(file));
        } catch (FileAlreadyExistsException e) {
            // kept as it is; restrict() tightens one left open by an earlier version
        }
    }

    /** The attributes that create a file owner-only (none where POSIX permissions do not apply). */
    static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes an existing file owner-only; nothing when it does not exist. */
    static void restrict(Path file) throws IOException {
        if (posix(file) && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
