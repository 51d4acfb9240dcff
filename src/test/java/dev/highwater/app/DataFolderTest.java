package dev.highwater.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The desktop app's data folder is the user's alone, made so even where an earlier version left it open. */
class DataFolderTest {

    @TempDir
    Path home;

    @Test
    void theDesktopAppMakesItsDataFolderOwnerOnly() throws Exception {
        assumeTrue(System.getenv("HIGHWATER_HOME") == null, "HIGHWATER_HOME names the data folder here");
        Path data = Files.createDirectory(home.resolve(".highwater"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertEquals(data, Wiring.desktop().dataFolder());
        } finally {
            System.setProperty("user.home", userHome);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }
}
