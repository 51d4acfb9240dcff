package dev.highwater.store;

import dev.highwater.core.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A file that H2 cannot read, or would read only as it was some writes ago (cut short, written over: see
 * {@link H2Rollback}), is set aside (renamed, never deleted) and a new one is made, and the notice says so; a
 * file held by another running instance is refused in one sentence. The file, a set-aside copy and any folder
 * made for them are readable by their owner only.
 */
final class H2Database implements AutoCloseable {

    /** H2's error codes for "the file is locked by another process". */
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final int LOCK_TIMEOUT = 50200;

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path base;
    private final String what;
    private final String kind;
    private final List<String> migrations;
    /** Replaced when the file is set aside; null when no new one could be made. Guarded by this. */
    private Connection connection;
    private String notice;
    private boolean closed;

    private H2Database(Path base, String what, String kind, List<String> migrations) {
        this.base = base;
        this.what = what;
        this.kind = kind;
        this.migrations = migrations;
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
        H2Database db = new H2Database(base(file), what, kind, migrations);
        synchronized (db) {
            db.start();
        }
        return db;
    }

    /**
     * The file a path given by a user means: {@code fileName} inside it when it is a folder, else the path with
     * H2's {@code .mv.db} ending, given or not.
     */
    static Path fileFor(Path path, String fileName) {
        if (Files.isDirectory(path)) {
            return path.resolve(fileName);
        }
        String name = path.getFileName().toString();
        return name.endsWith(".mv.db") ? path : path.resolveSibling(name + ".mv.db");
    }

    /** Longs as the bytes of a BINARY column, eight a value, big-endian. */
    static byte[] bytes(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** The longs {@link #bytes(long[])} wrote. */
    static long[] longs(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    private static Path base(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".mv.db") ? file.resolveSibling(name.substring(0, name.length() - 6)) : file;
    }

    private Path mvDb() {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    private void start() {
        Path file = mvDb();
        try {
            OwnerOnlyFiles.createFolders(file.toAbsolutePath().getParent());
            // earlier versions left these readable by others
            OwnerOnlyFiles.restrict(file);
            OwnerOnlyFiles.restrict(base.resolveSibling(base.getFileName() + ".trace.db"));
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for the " + what + " file " + file + ": "
                    + reason(e), e);
        }
        String lost = H2Rollback.problem(file);
        if (lost != null) {
            startAfresh("could not be read whole (" + lost + ")");
            return;
        }
        try {
            connection = connect();
        } catch (SQLException e) {
            if (e.getErrorCode() == DATABASE_ALREADY_OPEN || e.getErrorCode() == LOCK_TIMEOUT) {
                throw new StoreException("the " + what + " file " + file + " is in use by another running"
                        + " Highwater; close it or use another data folder", e);
            }
            startAfresh("could not be read (" + firstLine(e) + ")");
        }
    }

    /**
     * Connects, creating the file owner-only first when it is missing: H2 keeps the permissions of a file it
     * finds, where it would make its own readable by all. With no trace file beside it: H2's own messages go
     * to the app's log through SLF4J (TRACE_LEVEL_FILE=4), failures reach the user through the stores.
     */
    private Connection connect() throws SQLException {
        try {
            OwnerOnlyFiles.createFile(mvDb());
        } catch (IOException e) {
            throw new StoreException("cannot create the " + what + " file " + mvDb() + ": " + reason(e), e);
        }
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + base.toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=4", "highwater", "");
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

    /** Sets the file aside and starts a new one; the notice says why and where the old one is kept. */
    private void startAfresh(String why) {
        shutDown();
        Path aside = setAside();
        try {
            connection = connect();
        } catch (SQLException again) {
            throw new StoreException("cannot create the " + what + " file " + mvDb() + ": " + firstLine(again),
                    again);
        }
        notice = "The " + what + " file " + why + "; it was kept as " + aside + " and a new one was started.";
    }

    /** Renames the file beside itself, under a name no other set-aside file has, readable by its owner only. */
    private Path setAside() {
        Path file = mvDb();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path aside = base.resolveSibling(base.getFileName() + ".unreadable-" + stamp + ".mv.db");
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = base.resolveSibling(base.getFileName() + ".unreadable-" + stamp + "-" + n + ".mv.db");
        }
        try {
            Files.move(file, aside);
            OwnerOnlyFiles.restrict(aside);
            return aside;
        } catch (IOException e) {
            throw new StoreException("the " + what + " file " + file + " cannot be read and cannot be moved aside: "
                    + reason(e), e);
        }
    }

    /** Closes the database without writing to the file again: a file being set aside is kept as it was found. */
    private void shutDown() {
        if (connection == null) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException ignored) {
            // H2 may have closed it already, after failing to read the file
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing to keep
        }
        connection = null;
    }

    /** What happened to the file, at opening or since (set aside and started afresh, say), or null. */
    synchronized String notice() {
        return notice;
    }

    /** Runs the work in one transaction: all of it is kept, or none. */
    synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            return transaction(work);
        } catch (SQLException e) {
            throw new StoreException("storage failed: " + firstLine(e), e);
        }
    }

    /**
     * As {@link #inTransaction}, for a file whose content can be rebuilt: when H2 fails on the file, or the work
     * finds that what it read is not what was written (an {@link SQLException} either way), the file is set
     * aside and a new one started before the failure is thrown, with the notice as its message. H2 may find a
     * damaged page only when a read first touches it, long after the file opened.
     */
    synchronized <T> T inTransactionOrStartAfresh(SqlWork<T> work) {
        try {
            return transaction(work);
        } catch (SQLException e) {
            if (Thread.currentThread().isInterrupted()) {
                // H2 fails when its file channel is interrupted: that says nothing about the file
                throw new StoreException("storage failed: " + firstLine(e), e);
            }
            startAfresh("could not be read (" + firstLine(e) + ")");
            throw new StoreException(notice, e);
        }
    }

    private <T> T transaction(SqlWork<T> work) throws SQLException {
        if (closed) {
            throw new IllegalStateException("the " + what + " file is closed");
        }
        if (connection == null) {
            throw new StoreException("the " + what + " file " + mvDb() + " could not be made again", null);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
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

    private static String firstLine(SQLException e) {
        String m = e.getMessage();
        return m == null ? "unknown error" : m.lines().findFirst().orElse("unknown error");
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    }

    synchronized boolean isOpen() {
        try {
            return connection != null && !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing to keep
        }
    }
}
