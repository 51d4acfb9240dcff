package dev.highwater.store;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.highwater.core.offsets.ResetException;
import dev.highwater.core.offsets.ResetHistory;
import dev.highwater.core.offsets.ResetPlan;
import dev.highwater.core.offsets.ResetRecord;
import dev.highwater.core.offsets.UndoCsv;
import dev.highwater.core.offsets.PartitionReset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reset history as files in one folder: an undo CSV per reset ({@code <instant>-<group>.csv}, owner-only)
 * and {@code journal.jsonl}, one JSON line per reset (at, group, target, moved, undoFile relative to the folder,
 * cluster).
 * A line that cannot be read (a crash mid-write, an edit by hand) is skipped, never the whole history.
 */
public final class ResetFiles implements ResetHistory {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Gson GSON = new Gson();

    private final Path folder;

    public ResetFiles(Path folder) {
        this.folder = folder;
    }

    /** The folder the undo files and the journal are in. */
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized ResetRecord keepBefore(ResetPlan plan, String cluster, Instant at) {
        Map<dev.highwater.core.lag.PartitionId, Long> before = new LinkedHashMap<>();
        for (PartitionReset p : plan.partitions()) {
            before.put(p.partition(), p.current());
        }
        try {
            OwnerOnlyFiles.createFolders(folder);
            Path undo = folder.resolve(STAMP.format(at) + "-" + fileSafe(plan.group()) + ".csv");
            OwnerOnlyFiles.createFile(undo);
            Files.writeString(undo, UndoCsv.format(before), StandardCharsets.UTF_8,
                    StandardOpenOption.TRUNCATE_EXISTING);
            ResetRecord record = new ResetRecord(at, plan.group(), plan.target().describe(), plan.moving(), undo,
                    cluster);
            JsonObject line = new JsonObject();
            line.addProperty("at", at.toString());
            line.addProperty("group", record.group());
            line.addProperty("target", record.target());
            line.addProperty("moved", record.moved());
            line.addProperty("undoFile", undo.getFileName().toString());
            line.addProperty("cluster", cluster);
            Path journal = journal();
            OwnerOnlyFiles.createFile(journal);
            Files.writeString(journal, GSON.toJson(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return record;
        } catch (IOException e) {
            throw new ResetException("Could not save the offsets " + plan.group() + " has now to " + folder + " ("
                    + e.getMessage() + "), so the reset was not applied: free some space or make the folder"
                    + " writable, then try again.");
        }
    }

    @Override
    public synchronized List<ResetRecord> between(String group, Instant from, Instant to) {
        return read().stream().filter(r -> r.group().equals(group) && !r.at().isBefore(from) && !r.at().isAfter(to))
                .toList();
    }

    @Override
    public synchronized Optional<ResetRecord> last(String group) {
        List<ResetRecord> all = read().stream().filter(r -> r.group().equals(group)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    private Path journal() {
        return folder.resolve("journal.jsonl");
    }

    private List<ResetRecord> read() {
        Path journal = journal();
        if (!Files.isRegularFile(journal)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResetException("Could not read the reset history " + journal + " (" + e.getMessage() + ").");
        }
        List<ResetRecord> records = new ArrayList<>();
        for (String text : lines) {
            try {
                JsonObject o = GSON.fromJson(text, JsonObject.class);
                if (o == null) {
                    continue;
                }
                records.add(new ResetRecord(Instant.parse(o.get("at").getAsString()), o.get("group").getAsString(),
                        o.get("target").getAsString(), o.get("moved").getAsLong(),
                        folder.resolve(o.get("undoFile").getAsString()),
                        o.has("cluster") && !o.get("cluster").isJsonNull() ? o.get("cluster").getAsString() : null));
            } catch (RuntimeException e) {
                // a torn or hand-edited line: the others still count
            }
        }
        records.sort(java.util.Comparator.comparing(ResetRecord::at));
        return records;
    }

    /** A group name as part of a file name: letters, digits, '.', '_' and '-' kept, the rest as '_'. */
    static String fileSafe(String group) {
        String safe = group.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() > 80 ? safe.substring(0, 80) : safe;
    }
}
