package dev.highwater.store;

import dev.highwater.core.StoreException;
import dev.highwater.core.ledger.SnapshotInfo;
import dev.highwater.core.ledger.SnapshotStore;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ledger replay snapshots in an H2 file: a row per snapshot (its cut and state) and, per time bucket, the keys
 * of the events first seen since the snapshot before. A snapshot and its keys are written in one transaction,
 * so a crash keeps whole snapshots only. A file of another kind is set aside, never migrated.
 *
 * <p>The snapshots only save replaying: a file that fails in any way while it is read (H2 reports a damaged
 * page, a row differs from its digest, a snapshot or key row is missing) is set aside and a new one started,
 * and the failure is thrown for the replay to answer from the records instead. Never an answer from a damaged
 * file: the cost of damage is one full replay.
 */
public final class H2SnapshotStore implements SnapshotStore {

    /** The file's name in a folder: the data folder, or a folder given to {@code audit --snapshots}. */
    public static final String FILE_NAME = "ledger-snapshots.mv.db";

    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE ledger_snapshot (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, topic_id VARCHAR(100) NOT NULL,
              positions VARBINARY(1000000) NOT NULL, cut BIGINT NOT NULL, records BIGINT NOT NULL,
              created_at BIGINT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (topic, seq))""",
            """
            CREATE TABLE ledger_snapshot_keys (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, bucket BIGINT NOT NULL, event_keys BLOB NOT NULL)""",
            "CREATE INDEX ledger_snapshot_keys_by_bucket ON ledger_snapshot_keys (topic, bucket, seq)",
            // snapshots saved before rows had digests cannot be checked: they are dropped and rebuilt
            "DELETE FROM ledger_snapshot_keys",
            "DELETE FROM ledger_snapshot",
            "ALTER TABLE ledger_snapshot ADD COLUMN key_rows BIGINT NOT NULL",
            "ALTER TABLE ledger_snapshot ADD COLUMN state_digest VARBINARY(32) NOT NULL",
            "ALTER TABLE ledger_snapshot ADD COLUMN digest VARBINARY(32) NOT NULL",
            "ALTER TABLE ledger_snapshot_keys ADD COLUMN digest VARBINARY(32) NOT NULL");

    private final H2Database db;

    private H2SnapshotStore(H2Database db) {
        this.db = db;
    }

    /** Opens (creating or migrating) the snapshots file; see {@link H2Database#open} for what can go wrong. */
    public static H2SnapshotStore open(Path file) {
        return new H2SnapshotStore(H2Database.open(file, "ledger-snapshots", "ledger-snapshots", MIGRATIONS));
    }

    /**
     * The snapshots file a path means: {@value #FILE_NAME} inside it when it is a folder, else the path with
     * H2's {@code .mv.db} ending, given or not.
     */
    public static Path fileFor(Path path) {
        return H2Database.fileFor(path, FILE_NAME);
    }

    /** What happened to the file, at opening or since (set aside and started afresh, say), or null. */
    @Override
    public String openingNotice() {
        return db.notice();
    }

    @Override
    public List<SnapshotInfo> list(String topic) {
        return db.inTransactionOrStartAfresh(c -> {
            List<SnapshotInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, topic_id, positions, cut, records, created_at,"
                    + " key_rows, state_digest, digest FROM ledger_snapshot WHERE topic = ? ORDER BY seq")) {
                ps.setString(1, topic);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SnapshotInfo info = new SnapshotInfo(topic, rs.getLong(1), rs.getString(2),
                                H2Database.longs(rs.getBytes(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                        if (!Arrays.equals(rs.getBytes(9), digest(info, rs.getLong(7), rs.getBytes(8)))) {
                            throw new SQLDataException("snapshot " + info.seq() + " of " + topic
                                    + " differs from what was written");
                        }
                        if (info.seq() != out.size() + 1) {
                            // snapshot n needs the keys saved with 1..n
                            throw new SQLDataException("snapshot " + (out.size() + 1) + " of " + topic + " is missing");
                        }
                        out.add(info);
                    }
                }
            }
            requireEveryKeyRow(c);
            return out;
        });
    }

    /** The key rows are read a bucket at a time; that none went missing is checked on their count, cheaply. */
    private static void requireEveryKeyRow(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM ledger_snapshot_keys),"
                     + " (SELECT COALESCE(SUM(key_rows), 0) FROM ledger_snapshot)")) {
            rs.next();
            if (rs.getLong(1) != rs.getLong(2)) {
                throw new SQLDataException("the file holds " + rs.getLong(1) + " rows of event keys where its"
                        + " snapshots were saved with " + rs.getLong(2));
            }
        }
    }

    @Override
    public byte[] state(String topic, long seq) {
        return db.inTransactionOrStartAfresh(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, state_digest FROM ledger_snapshot WHERE topic = ? AND seq = ?")) {
                ps.setString(1, topic);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("snapshot " + seq + " of " + topic + " is not in the file", null);
                    }
                    byte[] state = rs.getBytes(1);
                    if (!Arrays.equals(rs.getBytes(2), RowDigest.of(state))) {
                        throw new SQLDataException("the state of snapshot " + seq + " of " + topic
                                + " differs from what was written");
                    }
                    return state;
                }
            }
        });
    }

    @Override
    public void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket) {
        db.inTransactionOrStartAfresh(c -> {
            requireNext(c, info);
            byte[] stateDigest = RowDigest.of(state);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_snapshot (topic, seq, topic_id,"
                    + " positions, cut, records, created_at, state, key_rows, state_digest, digest)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, info.topic());
                ps.setLong(2, info.seq());
                ps.setString(3, info.topicId());
                ps.setBytes(4, H2Database.bytes(info.positions()));
                ps.setLong(5, info.cut());
                ps.setLong(6, info.records());
                ps.setLong(7, info.createdAtMillis());
                ps.setBytes(8, state);
                ps.setLong(9, keysByBucket.size());
                ps.setBytes(10, stateDigest);
                ps.setBytes(11, digest(info, keysByBucket.size(), stateDigest));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_snapshot_keys (topic, seq, bucket,"
                    + " event_keys, digest) VALUES (?,?,?,?,?)")) {
                for (Map.Entry<Long, byte[]> e : keysByBucket.entrySet()) {
                    ps.setString(1, info.topic());
                    ps.setLong(2, info.seq());
                    ps.setLong(3, e.getKey());
                    ps.setBytes(4, e.getValue());
                    ps.setBytes(5, keysDigest(info.topic(), info.seq(), e.getKey(), e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * A snapshot follows the topic's last one: its keys are only those first seen since, so after a gap (the
     * file was started afresh while a replay went on) it would restore a state missing keys.
     */
    private static void requireNext(Connection c, SnapshotInfo info) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM ledger_snapshot WHERE topic = ?")) {
            ps.setString(1, info.topic());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != info.seq() - 1) {
                    throw new StoreException("snapshot " + info.seq() + " of " + info.topic() + " does not follow"
                            + " the saved ones (the last is " + rs.getLong(1) + ") and was not kept", null);
                }
            }
        }
    }

    @Override
    public List<byte[]> keys(String topic, long uptoSeq, long bucket) {
        return db.inTransactionOrStartAfresh(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, event_keys, digest FROM ledger_snapshot_keys"
                    + " WHERE topic = ? AND bucket = ? AND seq <= ? ORDER BY seq")) {
                ps.setString(1, topic);
                ps.setLong(2, bucket);
                ps.setLong(3, uptoSeq);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] keys = rs.getBytes(2);
                        if (!Arrays.equals(rs.getBytes(3), keysDigest(topic, rs.getLong(1), bucket, keys))) {
                            throw new SQLDataException("the event keys of snapshot " + rs.getLong(1) + " of " + topic
                                    + " differ from what was written");
                        }
                        out.add(keys);
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void deleteAll(String topic) {
        String before = db.notice();
        try {
            db.inTransactionOrStartAfresh(c -> {
                for (String table : List.of("ledger_snapshot", "ledger_snapshot_keys")) {
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
            // the damaged file was set aside: the new one holds no snapshots, which is what was asked
        }
    }

    private static byte[] digest(SnapshotInfo info, long keyRows, byte[] stateDigest) {
        return new RowDigest().add(info.topic()).add(info.seq()).add(info.topicId())
                .add(H2Database.bytes(info.positions())).add(info.cut()).add(info.records()).add(info.createdAtMillis()).add(keyRows).add(stateDigest)
                .digest();
    }

    private static byte[] keysDigest(String topic, long seq, long bucket, byte[] keys) {
        return new RowDigest().add(topic).add(seq).add(bucket).add(keys).digest();
    }

    @Override
    public void close() {
        db.close();
    }
}
