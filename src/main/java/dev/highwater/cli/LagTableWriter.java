package dev.highwater.cli;

import dev.highwater.core.lag.GroupLag;
import dev.highwater.core.lag.GroupStatus;
import dev.highwater.core.lag.ListedGroup;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.lag.LagRefresh;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.text.JsonWriter;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes lag refreshes as a table for people, or as JSON lines or CSV for scripts. */
final class LagTableWriter {

    private static final String ROW = "%-28s %9s %12s %12s %10s %10s %10s %10s %12s  %-8s %s%n";

    private final PrintWriter out;
    private final String format;

    LagTableWriter(PrintWriter out, String format) {
        this.out = out;
        this.format = format;
    }

    void write(LagRefresh refresh, boolean first) {
        write(refresh, first, false);
    }

    /**
     * @param first   the first refresh written (CSV writes its header)
     * @param oneRead the refresh is the first read of these groups: its lag is known, but not whether it grows, so
     *                a status is given only where one read tells it (see {@link #status(GroupLag, boolean)})
     */
    void write(LagRefresh refresh, boolean first, boolean oneRead) {
        switch (format) {
            case "json" -> json(refresh, oneRead);
            case "csv" -> csv(refresh, first, oneRead);
            default -> table(refresh, oneRead);
        }
    }

    /** The groups of a listing, one a line (table and CSV) or one object a line (JSON). */
    void list(List<ListedGroup> groups) {
        switch (format) {
            case "json" -> groups.forEach(s -> out.println(new JsonWriter().beginObject()
                    .name("group").value(s.groupId()).name("state").value(s.state())
                    .name("members").value((long) s.members()).endObject()));
            case "csv" -> {
                out.println("group,state,members");
                groups.forEach(s -> out.println(csvText(s.groupId()) + "," + csvText(s.state()) + "," + s.members()));
            }
            default -> {
                int width = Math.max(5, groups.stream().mapToInt(s -> s.groupId().length()).max().orElse(0));
                String row = "%-" + width + "s  %-20s %7s%n";
                out.printf(Locale.ROOT, row, "GROUP", "STATE", "MEMBERS");
                groups.forEach(s -> out.printf(Locale.ROOT, row, s.groupId(), s.state(), s.members()));
            }
        }
    }

    /**
     * The group's status, null where it is not known. After one read only what that read shows is said: a group
     * with nothing to judge is EMPTY, one caught up on every partition is OK; whether a lag grows (OK, LAGGING or
     * STALLED) takes reads some time apart.
     */
    static GroupStatus status(GroupLag g, boolean oneRead) {
        if (!oneRead || g.status() == GroupStatus.EMPTY) {
            return g.status();
        }
        boolean caughtUp = !g.partitions().isEmpty()
                && g.partitions().stream().allMatch(p -> p.lag() != null && p.lag() == 0);
        return caughtUp ? GroupStatus.OK : null;
    }

    /** A partition's status, null where it is not known: after one read, only a partition caught up is OK. */
    static GroupStatus status(PartitionLag p, boolean oneRead) {
        if (!oneRead) {
            return p.status();
        }
        return p.lag() != null && p.lag() == 0 ? GroupStatus.OK : null;
    }

    private static String statusReason(GroupLag g, boolean oneRead) {
        if (!oneRead || g.status() == GroupStatus.EMPTY) {
            return g.statusReason();
        }
        return status(g, true) == GroupStatus.OK
                ? "Caught up on every partition; rates and the trend need more reads (--watch or --rates)."
                : "One read: whether lag grows, and the rates, need more reads (--watch or --rates).";
    }

    private static String name(GroupStatus status) {
        return status == null ? null : status.name();
    }

    private void table(LagRefresh refresh, boolean oneRead) {
        if (refresh.stale()) {
            out.println(Instant.ofEpochMilli(refresh.atMillis()) + "  " + staleSince(refresh)
                    + " (the values below were read then; no rates until it answers again)");
        } else if (!refresh.connected()) {
            out.println(Instant.ofEpochMilli(refresh.atMillis()) + "  DISCONNECTED: " + refresh.error());
        }
        for (GroupLag g : refresh.groups()) {
            // each group under the time its values were read, which is not now while they are stale
            out.printf(Locale.ROOT, "%s  group %s  %s  %s  total lag %s  max lag %s  %d member(s)%s%s%n",
                    Instant.ofEpochMilli(refresh.readAtMillis()), g.groupId(), g.state(),
                    status(g, oneRead) == null ? LagFormat.UNKNOWN : status(g, oneRead),
                    LagFormat.count(g.totalLag()), LagFormat.seconds(g.maxLagSeconds()), g.members().size(),
                    g.rebalancesSeen() == 0 ? "" : "  " + g.rebalancesSeen() + " rebalance(s) seen",
                    refresh.stale() ? "  STALE" : "");
            out.println("  " + statusReason(g, oneRead));
            out.printf(Locale.ROOT, ROW, "PARTITION", "COMMITTED", "END", "LAG", "LAG (s)", "PRODUCE",
                    "CONSUME", "DRAIN", "", "HOT", "OWNER");
            for (PartitionLag p : g.partitions()) {
                out.printf(Locale.ROOT, ROW, p.id(), p.committed() == null ? "no commit" : LagFormat.count(p.committed()),
                        LagFormat.count(p.logEnd()), LagFormat.count(p.lag()),
                        (p.lagSecondsEstimated() ? "≥" : "") + LagFormat.seconds(p.lagSeconds()),
                        LagFormat.rate(p.produceRate()), LagFormat.rate(p.consumeRate()), drain(p),
                        "", p.hot() ? "HOT" : "", p.owner() == null ? "" : p.owner());
            }
            out.println();
        }
    }

    /** "stale since 2026-03-15T09:00:05Z: No answer from …": when the values shown were read, and why not since. */
    private static String staleSince(LagRefresh refresh) {
        return "stale since " + Instant.ofEpochMilli(refresh.readAtMillis()) + ": " + refresh.error();
    }

    private static String drain(PartitionLag p) {
        return LagFormat.drain(p);
    }

    private void json(LagRefresh refresh, boolean oneRead) {
        for (GroupLag g : refresh.groups()) {
            JsonWriter w = new JsonWriter().beginObject()
                    .name("group").value(g.groupId())
                    .name("totalLag").value(g.totalLag())
                    .name("partitions").beginArray();
            for (PartitionLag p : g.partitions()) {
                w.beginObject()
                        .name("topic").value(p.id().topic())
                        .name("partition").value((long) p.id().partition())
                        .name("committed").value(p.committed())
                        .name("end").value(p.logEnd())
                        .name("lag").value(p.lag())
                        .name("lagSeconds").value(p.lagSeconds())
                        .name("produceRate").value(p.produceRate())
                        .name("consumeRate").value(p.consumeRate())
                        .name("hot").value(p.hot())
                        .name("lagSecondsEstimated").value(p.lagSecondsEstimated())
                        .name("secondsToDrain").value(p.secondsToDrain())
                        .name("owner").value(p.owner())
                        .name("status").value(name(status(p, oneRead)))
                        .endObject();
            }
            w.endArray()
                    .name("at").value(Instant.ofEpochMilli(refresh.atMillis()).toString())
                    .name("state").value(g.state())
                    .name("status").value(name(status(g, oneRead)))
                    .name("statusReason").value(statusReason(g, oneRead))
                    .name("maxLagSeconds").value(g.maxLagSeconds())
                    .name("members").value((long) g.members().size())
                    .name("connected").value(refresh.connected())
                    .name("stale");
            if (refresh.stale()) {
                w.beginObject().name("since").value(Instant.ofEpochMilli(refresh.readAtMillis()).toString())
                        .name("reason").value(refresh.error()).endObject();
            } else {
                w.value((String) null);
            }
            w.endObject();
            out.println(w);
        }
    }

    private void csv(LagRefresh refresh, boolean first, boolean oneRead) {
        if (first) {
            out.println("at,group,topic,partition,committed,end,lag,lagSeconds,produceRate,consumeRate,hot,status,"
                    + "owner,staleSince,staleReason");
        }
        String staleSince = refresh.stale() ? Instant.ofEpochMilli(refresh.readAtMillis()).toString() : "";
        String staleReason = refresh.stale() ? csvText(refresh.error()) : "";
        for (GroupLag g : refresh.groups()) {
            for (PartitionLag p : g.partitions()) {
                out.println(String.join(",", Instant.ofEpochMilli(refresh.atMillis()).toString(), csvText(g.groupId()),
                        csvText(p.id().topic()), String.valueOf(p.id().partition()), str(p.committed()),
                        String.valueOf(p.logEnd()), str(p.lag()), num(p.lagSeconds()), num(p.produceRate()),
                        num(p.consumeRate()), String.valueOf(p.hot()), csvText(name(status(p, oneRead))), csvText(p.owner()),
                        staleSince, staleReason));
            }
        }
    }

    private static String str(Long n) {
        return n == null ? "" : n.toString();
    }

    private static String num(Double d) {
        return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String csvText(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
