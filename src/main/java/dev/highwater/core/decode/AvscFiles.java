package dev.highwater.core.decode;

import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Avro schemas from .avsc files, for topics without a registry. The files may name each other's types in any
 * order: a file that uses a type another file defines is read after it.
 */
public final class AvscFiles {

    private AvscFiles() {
    }

    /** Every named type the files define, by full name; an IllegalArgumentException says what is wrong. */
    public static Map<String, AvroType> load(List<Path> files) {
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                texts.put(f, Files.readString(f));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("the file " + f + " does not exist");
            } catch (IOException e) {
                throw new IllegalArgumentException("the file " + f + " could not be read: " + e.getMessage());
            }
        }
        List<Path> order = new ArrayList<>();
        List<Path> pending = new ArrayList<>(texts.keySet());
        String lastProblem = null;
        Path lastFile = null;
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Path f : List.copyOf(pending)) {
                try {
                    parser(order, texts).parse(texts.get(f));
                    order.add(f);
                    pending.remove(f);
                    progress = true;
                } catch (RuntimeException e) {
                    // perhaps a type a file not read yet defines: tried again after the others
                    lastProblem = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                    lastFile = f;
                }
            }
            if (!progress) {
                throw new IllegalArgumentException(lastFile + " is not an Avro schema: " + lastProblem);
            }
        }
        Map<String, AvroType> types = new LinkedHashMap<>();
        Schema.Parser all = parser(order, texts);
        all.getTypes().forEach((name, schema) -> types.put(name, AvroType.of(schema)));
        return types;
    }

    /** A parser that has read {@code files}, in that order (each parses on its own after those before it). */
    private static Schema.Parser parser(List<Path> files, Map<Path, String> texts) {
        Schema.Parser p = new Schema.Parser();
        files.forEach(f -> p.parse(texts.get(f)));
        return p;
    }
}
