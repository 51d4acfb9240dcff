package dev.highwater.store;

import dev.highwater.core.ledger.SnapshotInfo;
import dev.highwater.core.ledger.SnapshotStore;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ledger replay snapshots in an H2 file: a row per snapshot (its cut and state) and, per time bucket, the keys
 * of the events first seen since the snapshot before. A snapshot and its keys are written in one transaction,
 * so a crash keeps whole snapshots only. A file of another kind is set aside, never migrated.
 */
public final class H2SnapshotStore implements SnapshotStore {

    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE ledger_snapshot (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, topic_id VARCHAR(100) NOT NULL,
              positions VARBINARY(1000000) NOT NULL, cut BIGINT NOT NULL, records BIGINT NOT NULL,
              created_at BIGINT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (topic, seq))""",
            """
            CREATE TABLE ledger_snapshot_keys (
              topic VARCHAR(1000) NOT NULL, seq BIGINT NOT NULL, bucket BIGINT NOT NULL, event_keys BLOB NOT NULL)""",
            "CREATE INDEX ledger_snapshot_keys_by_bucket ON ledger_snapshot_keys (topic, bucket, seq)");

    private final H2Database db;

    private H2SnapshotStore(H2Database db) {
        this.db = db;
    }

    /** Opens (creating or migrating) the snapshots file; see {@link H2Database#open} for what can go wrong. */
    public static H2SnapshotStore open(Path file) {
        return new H2SnapshotStore(H2Database.open(file, "ledger-snapshots", "ledger-snapshots", MIGRATIONS));
    }

    @Override
    public String openingNotice() {
        return db.notice();
    }

    @Override
    public List<SnapshotInfo> list(String topic) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, topic_id, positions, cut, records, created_at"
                    + " FROM ledger_snapshot WHERE topic = ? ORDER BY seq")) {
                ps.setString(1, topic);
                List<SnapshotInfo> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SnapshotInfo(topic, rs.getLong(1), rs.getString(2), longs(rs.getBytes(3)),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public byte[] state(String topic, long seq) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state FROM ledger_snapshot WHERE topic = ? AND seq = ?")) {
                ps.setString(1, topic);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("snapshot " + seq + " of " + topic + " is not in the file", null);
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    @Override
    public void save(SnapshotInfo info, byte[] state, Map<Long, byte[]> keysByBucket) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_snapshot VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, info.topic());
                ps.setLong(2, info.seq());
                ps.setString(3, info.topicId());
                ps.setBytes(4, bytes(info.positions()));
                ps.setLong(5, info.cut());
                ps.setLong(6, info.records());
                ps.setLong(7, info.createdAtMillis());
                ps.setBytes(8, state);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_snapshot_keys VALUES (?,?,?,?)")) {
                for (Map.Entry<Long, byte[]> e : keysByBucket.entrySet()) {
                    ps.setString(1, info.topic());
                    ps.setLong(2, info.seq());
                    ps.setLong(3, e.getKey());
                    ps.setBytes(4, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<byte[]> keys(String topic, long uptoSeq, long bucket) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT event_keys FROM ledger_snapshot_keys"
                    + " WHERE topic = ? AND bucket = ? AND seq <= ? ORDER BY seq")) {
                ps.setString(1, topic);
                ps.setLong(2, bucket);
                ps.setLong(3, uptoSeq);
                List<byte[]> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public void deleteAll(String topic) {
        db.inTransaction(c -> {
            for (String table : List.of("ledger_snapshot", "ledger_snapshot_keys")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE topic = ?")) {
                    ps.setString(1, topic);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static byte[] bytes(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static long[] longs(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[bytes.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
