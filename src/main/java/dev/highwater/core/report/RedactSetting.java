package dev.highwater.core.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The fields every incident report hides, beside those that look secret: a setting of the data folder's
 * settings file ({@code report.redact}, names separated by commas), set in the console and read by
 * {@code highwater report} too.
 */
public final class RedactSetting {

    static final String KEY = "report.redact";

    private final Path settings;

    public RedactSetting(Path settingsFile) {
        this.settings = settingsFile;
    }

    /** The configured names; none when the file or the setting is missing or unreadable. */
    public List<String> fields() {
        if (!Files.isRegularFile(settings)) {
            return List.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(settings)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
        return parse(p.getProperty(KEY, ""));
    }

    /** Names from text such as "iban, email ,ssn": trimmed, blanks dropped. */
    public static List<String> parse(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Remembers the names, keeping every other setting of the file. */
    public synchronized void save(List<String> fields) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(settings)) {
            try (Reader in = Files.newBufferedReader(settings)) {
                p.load(in);
            }
        }
        p.setProperty(KEY, String.join(",", fields));
        Files.createDirectories(settings.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(settings)) {
            p.store(out, "Highwater settings");
        }
    }
}
