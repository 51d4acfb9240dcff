package dev.highwater.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removes a benchmark's temporary broker folder. */
public final class DecodeBenchFiles {

    private DecodeBenchFiles() {
    }

    public static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temp folder left behind is not worth failing a benchmark for
        }
    }
}
