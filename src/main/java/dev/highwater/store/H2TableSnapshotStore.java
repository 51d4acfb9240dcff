package dev.highwater.store;

import dev.highwater.core.StoreException;
import dev.highwater.core.ledger.SnapshotInfo;
import dev.highwater.core.table.TableSnapshotStore;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The states of keyed topics at their cuts in an H2 file of their own, apart from the ledger's (a file of another
 * kind is set aside, never migrated): a row per snapshot and its state in chunk rows, written in one transaction,
 * each row with a digest checked when it is read. As with the ledger's snapshots, a file that fails while read is
 * set aside and the failure thrown, for the question to be answered from the records instead.
 */
public final class H2TableSnapshotStore implements TableSnapshotStore {

    /** The file's name in a folder: the data folder, or a folder given to {@code table --snapshots}. */
    public static final String FILE_NAME = "table-snapshots.mv.db";

    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE table_snapshot (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, topic_id VARCHAR(100) NOT NULL,
              positions VARBINARY(1000000) NOT NULL, cut BIGINT NOT NULL, records BIGINT NOT NULL,
              created_at BIGINT NOT NULL, chunks INT NOT NULL, digest VARBINARY(32) NOT NULL,
              PRIMARY KEY (topic, seq))""",
            """
            CREATE TABLE table_snapshot_chunk (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, n INT NOT NULL, data BLOB NOT NULL,
              digest VARBINARY(32) NOT NULL, PRIMARY KEY (topic, seq, n))""");

    private final H2Database db;

    private H2TableSnapshotStore(H2Database db) {
        this.db = db;
    }

    /** Opens (creating or migrating) the file; see {@link H2Database#open} for what can go wrong. */
    public static H2TableSnapshotStore open(Path file) {
        return new H2TableSnapshotStore(H2Database.open(file, "table-snapshots", "table-snapshots", MIGRATIONS));
    }

    /** The file a path means: {@value #FILE_NAME} inside it when it is a folder, else the path with H2's ending. */
    public static Path fileFor(Path path) {
        return H2Database.fileFor(path, FILE_NAME);
    }

    @Override
    public String openingNotice() {
        return db.notice();
    }

    @Override
    public List<SnapshotInfo> list(String topic) {
        return db.inTransactionOrStartAfresh(c -> {
            List<SnapshotInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, topic_id, positions, cut, records, created_at,"
                    + " chunks, digest FROM table_snapshot WHERE topic = ? ORDER BY seq")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SnapshotInfo info = new SnapshotInfo(topic, rs.getLong(1), rs.getString(2),
                                H2Database.longs(rs.getBytes(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                        if (!Arrays.equals(rs.getBytes(8), digest(info, rs.getInt(7)))) {
                            throw new SQLDataException("state " + info.seq() + " of " + topic
                                    + " differs from what was written");
                        }
                        out.add(info);
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void save(SnapshotInfo info, Iterator<byte[]> chunks) {
        db.inTransactionOrStartAfresh(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO table_snapshot_chunk (topic, seq, n, data,"
                    + " digest) VALUES (?,?,?,?,?)")) {
                while (chunks.hasNext()) {
                    byte[] data = chunks.next();
                    ps.setString(1, info.topic());
                    ps.setLong(2, info.seq());
                    ps.setInt(3, n);
                    ps.setBytes(4, data);
                    ps.setBytes(5, chunkDigest(info.topic(), info.seq(), n, data));
                    ps.executeUpdate();
                    n++;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO table_snapshot (topic, seq, topic_id,"
                    + " positions, cut, records, created_at, chunks, digest) VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, info.topic());
                ps.setLong(2, info.seq());
                ps.setString(3, info.topicId());
                ps.setBytes(4, H2Database.bytes(info.positions()));
                ps.setLong(5, info.cut());
                ps.setLong(6, info.records());
                ps.setLong(7, info.createdAtMillis());
                ps.setInt(8, n);
                ps.setBytes(9, digest(info, n));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void read(String topic, long seq, Consumer<byte[]> chunks) {
        db.inTransactionOrStartAfresh(c -> {
            int expected;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT chunks FROM table_snapshot WHERE topic = ? AND seq = ?")) {
                ps.setString(1, topic);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("state " + seq + " of " + topic + " is not in the file", null);
                    }
                    expected = rs.getInt(1);
                }
            }
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT n, data, digest FROM table_snapshot_chunk"
                    + " WHERE topic = ? AND seq = ? ORDER BY n")) {
                ps.setString(1, topic);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] data = rs.getBytes(2);
                        if (rs.getInt(1) != n || !Arrays.equals(rs.getBytes(3), chunkDigest(topic, seq, n, data))) {
                            throw new SQLDataException("chunk " + n + " of state " + seq + " of " + topic
                                    + " differs from what was written");
                        }
                        chunks.accept(data);
                        n++;
                    }
                }
            }
            if (n != expected) {
                throw new SQLDataException("state " + seq + " of " + topic + " was saved in " + expected
                        + " chunks and " + n + " are left");
            }
            return null;
        });
    }

    @Override
    public void delete(String topic, long seq) {
        db.inTransactionOrStartAfresh(c -> {
            for (String table : List.of("table_snapshot", "table_snapshot_chunk")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                        + " WHERE topic = ? AND seq = ?")) {
                    ps.setString(1, topic);
                    ps.setLong(2, seq);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void deleteAll(String topic) {
        String before = db.notice();
        try {
            db.inTransactionOrStartAfresh(c -> {
                for (String table : List.of("table_snapshot", "table_snapshot_chunk")) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE topic = ?")) {
                        ps.setString(1, topic);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
        } catch (StoreException e) {
            if (!db.isOpen() || Objects.equals(before, db.notice())) {
                throw e;
            }
            // the damaged file was set aside: the new one holds no states, which is what was asked
        }
    }

    private static byte[] digest(SnapshotInfo info, int chunks) {
        return new RowDigest().add(info.topic()).add(info.seq()).add(info.topicId())
                .add(H2Database.bytes(info.positions())).add(info.cut()).add(info.records()).add(info.createdAtMillis()).add(chunks).digest();
    }

    private static byte[] chunkDigest(String topic, long seq, int n, byte[] data) {
        return new RowDigest().add(topic).add(seq).add(n).add(data).digest();
    }

    @Override
    public void close() {
        db.close();
    }
}
