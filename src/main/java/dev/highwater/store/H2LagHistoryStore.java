package dev.highwater.store;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.LagHistoryStore;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Lag history in an H2 file. One row per group-partition per refresh (with the committed and log-end offsets and
 * the owner it was read with, so that a report can replay the status logic), plus a row of the group's totals
 * (partition -1). Which groups are kept per partition is the caller's choice: the lag service keeps a large
 * cluster's within a budget, so that it cannot flood the disk.
 */
public final class H2LagHistoryStore implements LagHistoryStore {

    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE lag_sample (
              cluster VARCHAR(1000) NOT NULL, at_millis BIGINT NOT NULL, group_id VARCHAR(1000) NOT NULL,
              topic VARCHAR(1000) NOT NULL, part INT NOT NULL, lag BIGINT, lag_seconds DOUBLE,
              produce_rate DOUBLE, consume_rate DOUBLE)""",
            "CREATE INDEX lag_sample_by_group ON lag_sample (cluster, group_id, at_millis)",
            "CREATE INDEX lag_sample_by_time ON lag_sample (at_millis)",
            // the offsets a sample was read from, so that a report can replay the status logic over them
            "ALTER TABLE lag_sample ADD COLUMN committed BIGINT",
            "ALTER TABLE lag_sample ADD COLUMN log_end BIGINT",
            "ALTER TABLE lag_sample ADD COLUMN owner VARCHAR(1000)");

    private final H2Database db;

    private H2LagHistoryStore(H2Database db) {
        this.db = db;
    }

    /** Opens (creating or migrating) the history file; see {@link H2Database#open} for what can go wrong. */
    public static H2LagHistoryStore open(Path file) {
        return new H2LagHistoryStore(H2Database.open(file, "lag-history", MIGRATIONS));
    }

    /** What happened while opening (a corrupt file set aside, say), or null. */
    public String openingNotice() {
        return db.notice();
    }

    @Override
    public synchronized void append(String cluster, List<Kept> refreshes) {
        List<Kept> connected = refreshes.stream().filter(k -> k.refresh().connected()).toList();
        if (connected.isEmpty()) {
            return; // a gap: nothing was read, and the charts show the hole by the missing times
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lag_sample (cluster, at_millis,"
                    + " group_id, topic, part, lag, lag_seconds, produce_rate, consume_rate, committed, log_end, owner)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Kept k : connected) {
                    addRefresh(ps, cluster, k.refresh(), k.withPartitions());
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static void addRefresh(PreparedStatement ps, String cluster, LagRefresh refresh,
                                   Set<String> withPartitions) throws SQLException {
        for (GroupLag g : refresh.groups()) {
            boolean partitions = withPartitions.contains(g.groupId());
            double produce = 0;
            double consume = 0;
            for (PartitionLag p : g.partitions()) {
                produce += p.produceRate() == null ? 0 : p.produceRate();
                consume += p.consumeRate() == null ? 0 : p.consumeRate();
                if (partitions) {
                    add(ps, cluster, refresh.atMillis(), g.groupId(), p.id(), p.lag(), p.lagSeconds(),
                            p.produceRate(), p.consumeRate());
                    setNullable(ps, 10, p.committed());
                    ps.setLong(11, p.logEnd());
                    ps.setString(12, p.owner());
                    ps.addBatch();
                }
            }
            add(ps, cluster, refresh.atMillis(), g.groupId(), new PartitionId("", -1), g.totalLag(),
                    g.maxLagSeconds(), produce, consume);
            ps.setNull(10, Types.BIGINT);
            ps.setNull(11, Types.BIGINT);
            ps.setNull(12, Types.VARCHAR);
            ps.addBatch();
        }
    }

    private static void add(PreparedStatement ps, String cluster, long at, String group, PartitionId id, Long lag,
                            Double lagSeconds, Double produce, Double consume) throws SQLException {
        ps.setString(1, cluster);
        ps.setLong(2, at);
        ps.setString(3, group);
        ps.setString(4, id.topic());
        ps.setInt(5, id.partition());
        setNullable(ps, 6, lag);
        setNullable(ps, 7, lagSeconds);
        setNullable(ps, 8, produce);
        setNullable(ps, 9, consume);
    }

    private static void setNullable(PreparedStatement ps, int i, Number n) throws SQLException {
        if (n == null) {
            ps.setNull(i, n instanceof Long ? Types.BIGINT : Types.DOUBLE);
        } else if (n instanceof Long l) {
            ps.setLong(i, l);
        } else {
            ps.setDouble(i, n.doubleValue());
        }
    }

    @Override
    public synchronized List<LagSample> since(String cluster, String group, long fromMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT at_millis, topic, part, lag, lag_seconds,"
                    + " produce_rate, consume_rate, committed, log_end, owner FROM lag_sample WHERE cluster = ? AND group_id = ?"
                    + " AND at_millis >= ? ORDER BY at_millis, topic, part")) {
                ps.setString(1, cluster);
                ps.setString(2, group);
                ps.setLong(3, fromMillis);
                List<LagSample> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LagSample(rs.getLong(1), group, new PartitionId(rs.getString(2), rs.getInt(3)),
                                rs.getObject(4, Long.class), rs.getObject(5, Double.class),
                                rs.getObject(6, Double.class), rs.getObject(7, Double.class),
                                rs.getObject(8, Long.class), rs.getObject(9, Long.class), rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /** The totals' rows alone, as the index on (cluster, group, time) finds them, not a day of every partition. */
    @Override
    public synchronized List<LagSample> totalsSince(String cluster, String group, long fromMillis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT at_millis, lag, lag_seconds, produce_rate,"
                    + " consume_rate FROM lag_sample WHERE cluster = ? AND group_id = ? AND at_millis >= ?"
                    + " AND part = -1 ORDER BY at_millis")) {
                ps.setString(1, cluster);
                ps.setString(2, group);
                ps.setLong(3, fromMillis);
                List<LagSample> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LagSample(rs.getLong(1), group, new PartitionId("", -1),
                                rs.getObject(2, Long.class), rs.getObject(3, Double.class),
                                rs.getObject(4, Double.class), rs.getObject(5, Double.class)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public synchronized int pruneBefore(long millis) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM lag_sample WHERE at_millis < ?")) {
                ps.setLong(1, millis);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public synchronized int pruneBefore(long millis, long partitionRowsMillis) {
        int pruned = pruneBefore(millis);
        return pruned + db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM lag_sample WHERE at_millis < ? AND part >= 0")) {
                ps.setLong(1, partitionRowsMillis);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    /** For tests: the connection is private; this says whether the file is open. */
    boolean isOpen() {
        return db.isOpen();
    }

}
