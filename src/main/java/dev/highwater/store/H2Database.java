package dev.highwater.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One H2 file with a versioned schema: migrations run in order, each once, recorded in {@code schema_version}.
 * A file that H2 cannot read is set aside (renamed, never deleted) and a new one is made, and the notice says
 * so; a file held by another running instance is refused in one sentence. The file, a set-aside copy and any
 * folder made for them are readable by their owner only.
 */
final class H2Database implements AutoCloseable {

    /** H2's error codes for "the file is locked by another process". */
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final int LOCK_TIMEOUT = 50200;

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final String notice;

    private H2Database(Connection connection, String notice) {
        this.connection = connection;
        this.notice = notice;
    }

    /**
     * @param file the database file, with or without H2's {@code .mv.db} ending
     * @throws StoreException in one sentence when the file is held by another instance or cannot be made
     */
    static H2Database open(Path file, String what, List<String> migrations) {
        return open(file, what, null, migrations);
    }

    /**
     * As {@link #open(Path, String, List)}, and the file must be of this kind: a file with a schema but without
     * the kind (another Highwater file, say) is set aside like an unreadable one rather than migrated.
     */
    static H2Database open(Path file, String what, String kind, List<String> migrations) {
        Path base = base(file);
        try {
            OwnerOnlyFiles.createFolders(base.toAbsolutePath().getParent());
            // earlier versions left these readable by others
            OwnerOnlyFiles.restrict(base.resolveSibling(base.getFileName() + ".mv.db"));
            OwnerOnlyFiles.restrict(base.resolveSibling(base.getFileName() + ".trace.db"));
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for the " + what + " file " + base + ": "
                    + reason(e), e);
        }
        try {
            return new H2Database(connect(base, kind, migrations), null);
        } catch (SQLException e) {
            if (e.getErrorCode() == DATABASE_ALREADY_OPEN || e.getErrorCode() == LOCK_TIMEOUT) {
                throw new StoreException("the " + what + " file " + base + ".mv.db is in use by another running"
                        + " Highwater; close it or use another data folder", e);
            }
            Path aside = setAside(base, what, e);
            try {
                return new H2Database(connect(base, kind, migrations), "The " + what + " file could not be read ("
                        + e.getMessage().lines().findFirst().orElse("unknown error") + "); it was kept as " + aside
                        + " and a new one was started.");
            } catch (SQLException again) {
                throw new StoreException("cannot create the " + what + " file " + base + ".mv.db: "
                        + again.getMessage().lines().findFirst().orElse(""), again);
            }
        }
    }

    private static Path base(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".mv.db") ? file.resolveSibling(name.substring(0, name.length() - 6)) : file;
    }

    /**
     * Connects, creating the file owner-only first when it is missing: H2 keeps the permissions of a file it
     * finds, where it would make its own readable by all. With no trace file beside it (TRACE_LEVEL_FILE=0):
     * failures reach the user through the stores, and a trace would be one more file to keep private.
     */
    private static Connection connect(Path base, String kind, List<String> migrations) throws SQLException {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        try {
            OwnerOnlyFiles.createFile(file);
        } catch (IOException e) {
            throw new StoreException("cannot create the file " + file + ": " + reason(e), e);
        }
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0", "highwater", "");
        try {
            migrate(c, kind, migrations);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static void migrate(Connection c, String kind, List<String> migrations) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (kind != null) {
                requireKind(s, kind, version);
            }
            if (version > migrations.size()) {
                throw new SQLException("the file was written by a newer Highwater (schema " + version + ")");
            }
            for (int v = version; v < migrations.size(); v++) {
                s.execute(migrations.get(v));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version VALUES (?)")) {
                    ps.setInt(1, v + 1);
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static void requireKind(Statement s, String kind, int version) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS file_kind (kind VARCHAR(100) NOT NULL)");
        String found = null;
        try (ResultSet rs = s.executeQuery("SELECT kind FROM file_kind")) {
            if (rs.next()) {
                found = rs.getString(1);
            }
        }
        if (found == null && version > 0 || found != null && !found.equals(kind)) {
            throw new SQLException("it is not a " + kind + " file");
        }
        if (found == null) {
            s.execute("INSERT INTO file_kind VALUES ('" + kind.replace("'", "''") + "')");
        }
    }

    private static Path setAside(Path base, String what, SQLException cause) {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        Path aside = base.resolveSibling(base.getFileName() + ".unreadable-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".mv.db");
        try {
            Files.move(file, aside);
            OwnerOnlyFiles.restrict(aside);
            return aside;
        } catch (IOException e) {
            throw new StoreException("the " + what + " file " + file + " cannot be read and cannot be moved aside: "
                    + reason(e), cause);
        }
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }

    String notice() {
        return notice;
    }

    /** Runs the work in one transaction: all of it is kept, or none. */
    synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw new StoreException("storage failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (RuntimeException e) {
            rollback(); // whatever failed half-way, none of it is kept
            throw e;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    boolean isOpen() {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing to keep
        }
    }
}
