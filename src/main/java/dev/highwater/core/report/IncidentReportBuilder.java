package dev.highwater.core.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.highwater.core.decode.DecodedRecord;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.JsonLines;
import dev.highwater.core.decode.RawRecord;
import dev.highwater.core.decode.RecordFilter;
import dev.highwater.core.decode.RecordRendering;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.lag.Alert;
import dev.highwater.core.lag.LagReplay;
import dev.highwater.core.lag.LagSample;
import dev.highwater.core.lag.LagSettings;
import dev.highwater.core.lag.PartitionId;
import dev.highwater.core.lag.PartitionLag;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.tail.TailException;
import dev.highwater.core.tail.TailSource;
import dev.highwater.core.text.JsonBytes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes the facts of an incident report for a group and a window, from what the console kept and the cluster
 * holds: the stored lag history (its totals as the series; its refreshes replayed through the live status logic
 * for status changes, hot partitions and alerts), the window's records (hot keys, samples decoded as {@code tail}
 * decodes them, redacted) and the reset history. UI-free; call it off the UI thread.
 */
public final class IncidentReportBuilder {

    /** How many sample records a report shows. */
    public static final int SAMPLES = 5;
    /** How many keys per topic a report lists. */
    public static final int TOP_KEYS = 10;
    /** The most records a report reads per topic to count keys; beyond it the counts say they stopped. */
    public static final long RECORDS_CAP = 5_000_000;
    /** Before the window, history is replayed this far back so the status window is full at its start. */
    static final Duration MIN_WARM_UP = Duration.ofMinutes(1);

    /** A group's stored lag history on the cluster the report is about, from an instant on. */
    @FunctionalInterface
    public interface History {
        List<LagSample> since(String group, long fromMillis);
    }

    /**
     * Where the facts come from.
     *
     * @param resets  the reset history, null when there is none to read
     * @param tails   the cluster's records, null when they cannot be read (no hot keys or samples then)
     * @param decoder decodes the sample records as {@code tail} does
     * @param types   the Protobuf types the decoder knows, for rendering as {@code tail --format json} does
     */
    public record Sources(History history, ResetHistory resets, TailSource tails, FilteredDecoder decoder,
                          TypeSet types) {
    }

    /**
     * What to report on.
     *
     * @param redact names of fields to hide beside those that look secret
     */
    public record Request(String clusterId, String bootstrap, String group, Instant from, Instant to,
                          List<String> redact) {

        public Request {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the window's start (" + from + ") must come before its end ("
                        + to + ")");
            }
            redact = List.copyOf(redact);
        }
    }

    private final Sources sources;
    private final LagSettings settings;
    private final Clock clock;

    public IncidentReportBuilder(Sources sources, LagSettings settings, Clock clock) {
        this.sources = sources;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The report's facts.
     *
     * @throws ReportException when the history holds nothing of the group in the window (one sentence)
     */
    public IncidentReport build(Request request) throws InterruptedException {
        long from = request.from().toEpochMilli();
        long to = request.to().toEpochMilli();
        Duration warmUp = settings.statusWindow().multipliedBy(3);
        long replayFrom = from - Math.max(warmUp.toMillis(), MIN_WARM_UP.toMillis());
        List<LagSample> samples = sources.history().since(request.group(), replayFrom).stream()
                .filter(s -> s.atMillis() <= to).toList();
        List<LagSample> totals = samples.stream().filter(s -> s.isGroupTotal() && s.atMillis() >= from).toList();
        if (totals.isEmpty()) {
            throw new ReportException("No lag history of group " + request.group() + " on cluster "
                    + request.clusterId() + " from " + request.from() + " to " + request.to()
                    + ": history is kept while the console watches the cluster, so keep it connected during an"
                    + " incident.");
        }
        List<String> notes = new ArrayList<>();
        List<IncidentReport.SeriesPoint> series = totals.stream()
                .map(s -> new IncidentReport.SeriesPoint(Instant.ofEpochMilli(s.atMillis()),
                        s.lag() == null ? 0 : s.lag(), s.lagSeconds(), s.produceRate(), s.consumeRate()))
                .toList();

        LagReplay.Result replay = LagReplay.replay(request.group(), samples, from, settings);
        if (replay.skipped() > 0) {
            notes.add(replay.skipped() + " of the window's refreshes were kept without their offsets (by an older"
                    + " version, or for a group too large for per-partition history): status, hot partitions and"
                    + " alerts leave them out.");
        }
        List<IncidentReport.StatusChange> changes = statusChanges(replay.steps());
        String statusAtEnd = replay.steps().isEmpty() ? null
                : replay.steps().getLast().group().status().name();

        List<IncidentReport.TopicKeys> hotKeys = new ArrayList<>();
        List<String> sampleJson = new ArrayList<>();
        SecretFields secrets = new SecretFields(request.redact());
        readRecords(request, topics(samples, from), hotKeys, sampleJson, secrets, notes);

        List<IncidentReport.ResetDone> resets = resets(request, notes);
        return new IncidentReport(request.clusterId(), request.bootstrap(), request.group(), request.from(),
                request.to(), clock.instant().truncatedTo(ChronoUnit.SECONDS), summary(series, statusAtEnd), changes, series,
                hotPartitions(replay.steps()), hotKeys, alerts(replay.steps(), from, to), resets,
                sampleJson, request.redact(), notes);
    }

    private static IncidentReport.Summary summary(List<IncidentReport.SeriesPoint> series, String statusAtEnd) {
        IncidentReport.SeriesPoint max = series.getFirst();
        Double maxSeconds = null;
        for (IncidentReport.SeriesPoint p : series) {
            if (p.lag() > max.lag()) {
                max = p;
            }
            if (p.lagSeconds() != null && (maxSeconds == null || p.lagSeconds() > maxSeconds)) {
                maxSeconds = p.lagSeconds();
            }
        }
        IncidentReport.SeriesPoint last = series.getLast();
        return new IncidentReport.Summary(series.size(), max.lag(), max.at(), last.lag(), maxSeconds,
                last.lagSeconds(), statusAtEnd);
    }

    private static List<IncidentReport.StatusChange> statusChanges(List<LagReplay.Step> steps) {
        List<IncidentReport.StatusChange> out = new ArrayList<>();
        String previous = null;
        for (LagReplay.Step s : steps) {
            String now = s.group().status().name();
            if (!now.equals(previous)) {
                out.add(new IncidentReport.StatusChange(Instant.ofEpochMilli(s.atMillis()), previous, now,
                        s.group().statusReason()));
                previous = now;
            }
        }
        return out;
    }

    private static List<IncidentReport.HotPartition> hotPartitions(List<LagReplay.Step> steps) {
        Map<PartitionId, long[]> hot = new TreeMap<>(); // refreshes hot, first, last, highest lag
        for (LagReplay.Step s : steps) {
            for (PartitionLag p : s.group().partitions()) {
                if (p.hot()) {
                    long[] h = hot.computeIfAbsent(p.id(), k -> new long[] {0, s.atMillis(), 0, 0});
                    h[0]++;
                    h[2] = s.atMillis();
                    h[3] = Math.max(h[3], p.lag());
                }
            }
        }
        return hot.entrySet().stream()
                .map(e -> new IncidentReport.HotPartition(e.getKey().topic(), e.getKey().partition(),
                        (int) e.getValue()[0], Instant.ofEpochMilli(e.getValue()[1]),
                        Instant.ofEpochMilli(e.getValue()[2]), e.getValue()[3]))
                .sorted(Comparator.comparingInt(IncidentReport.HotPartition::refreshesHot).reversed())
                .toList();
    }

    /** Every alert active at some time in the window, once, with its latest message; in the order raised. */
    private static List<IncidentReport.AlertSpan> alerts(List<LagReplay.Step> steps, long from, long to) {
        Map<String, Alert> byRaise = new LinkedHashMap<>();
        for (LagReplay.Step s : steps) {
            for (Alert a : s.alerts()) {
                if (a.clearedAt() != null && (a.clearedAt() < from || a.clearedAt() > to)) {
                    continue;
                }
                String id = a.key() + "@" + a.raisedAt();
                Alert known = byRaise.get(id);
                if (known == null || known.active()) {
                    byRaise.put(id, a);
                }
            }
        }
        return byRaise.values().stream()
                .sorted(Comparator.comparingLong(Alert::raisedAt).thenComparing(Alert::key))
                .map(a -> new IncidentReport.AlertSpan(a.key(), a.severity().name(), a.message(),
                        Instant.ofEpochMilli(a.raisedAt()),
                        a.clearedAt() == null ? null : Instant.ofEpochMilli(a.clearedAt())))
                .toList();
    }

    private static TreeSet<String> topics(List<LagSample> samples, long from) {
        TreeSet<String> topics = new TreeSet<>();
        samples.stream().filter(s -> !s.isGroupTotal() && s.atMillis() >= from)
                .forEach(s -> topics.add(s.partition().topic()));
        return topics;
    }

    private void readRecords(Request request, TreeSet<String> topics, List<IncidentReport.TopicKeys> hotKeys,
                             List<String> samples, SecretFields secrets, List<String> notes)
            throws InterruptedException {
        if (sources.tails() == null) {
            notes.add("The cluster's records were not read: no hot keys or sample records.");
            return;
        }
        if (topics.isEmpty()) {
            notes.add("The history does not say which topics the group reads: no hot keys or sample records.");
            return;
        }
        JsonLines lines = new JsonLines(new RecordRendering(sources.types()));
        for (String topic : topics) {
            WindowRecords.Result read;
            try {
                read = WindowRecords.read(sources.tails(), topic, request.from(), request.to(),
                        settings.hotKeyShare(), TOP_KEYS, SAMPLES - samples.size(), RECORDS_CAP);
            } catch (TailException | IllegalStateException e) {
                notes.add("The records of " + topic + " could not be read (" + e.getMessage()
                        + "): no hot keys or samples from it.");
                continue;
            }
            hotKeys.add(read.keys());
            if (!read.keys().complete()) {
                notes.add("Keys of " + topic + " were counted over its first " + read.keys().recordsRead()
                        + " records of the window only.");
            }
            for (RawRecord r : read.samples()) {
                samples.add(sample(r, lines, secrets));
            }
        }
    }

    /**
     * The record as {@code tail --format json} prints it, with its headers; hidden fields and headers masked, and
     * their values wherever else they appear in the record (its key, say).
     */
    private String sample(RawRecord r, JsonLines lines, SecretFields secrets) {
        DecodedRecord d = sources.decoder().decodeIfKept(r, RecordFilter.NONE);
        JsonBytes buffer = new JsonBytes(1024);
        lines.append(d, buffer);
        JsonObject o = JsonParser.parseString(buffer.toString()).getAsJsonObject();
        Set<String> hidden = new HashSet<>();
        for (String part : List.of("value", "key")) {
            if (o.has(part)) {
                hidden.addAll(secrets.redact(o.get(part)));
            }
        }
        JsonObject headers = new JsonObject();
        for (RawRecord.Header h : r.headers()) {
            String text = headerText(h.value());
            if (secrets.hides(h.name())) {
                if (text != null && text.length() >= 3) {
                    hidden.add(text);
                }
                text = SecretFields.MASK;
            }
            headers.addProperty(h.name(), text);
        }
        for (String part : List.of("value", "key")) {
            if (o.has(part)) {
                o.add(part, SecretFields.scrub(o.get(part), hidden));
            }
        }
        SecretFields.scrub(headers, hidden);
        o.add("headers", headers);
        return o.toString();
    }

    private static String headerText(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return JsonBytes.validUtf8(value, 0, value.length) ? text : "0x" + HexFormat.of().formatHex(value);
    }

    private List<IncidentReport.ResetDone> resets(Request request, List<String> notes) {
        if (sources.resets() == null) {
            return List.of();
        }
        try {
            return sources.resets().between(request.group(), request.from(), request.to()).stream()
                    .map((ResetRecord r) -> new IncidentReport.ResetDone(r.at(), r.target(), r.moved(),
                            r.undoFile()))
                    .toList();
        } catch (RuntimeException e) {
            notes.add("The reset history could not be read (" + e.getMessage() + ").");
            return List.of();
        }
    }
}
