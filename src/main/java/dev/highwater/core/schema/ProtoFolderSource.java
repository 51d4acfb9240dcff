package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A folder of .proto files compiled inside the app (no protoc): every file under it is parsed, named by its path
 * relative to the folder (as imports name it), and linked with Google's well-known types always available. A file
 * that does not parse or link is one problem line, "file:line:column: reason"; the others still load.
 */
public final class ProtoFolderSource {

    /** More files than this is not a schema folder (a home directory picked by mistake, say). */
    static final int MAX_FILES = 5_000;

    private ProtoFolderSource() {
    }

    /** Loads the folder; an IllegalArgumentException says in one sentence why nothing could be read. */
    public static SchemaCatalog.Source load(Path folder) {
        if (!Files.isDirectory(folder)) {
            // a path named like a .proto file was meant as one (its folder is loaded), so it is called a file
            String missing = folder.getFileName() != null && folder.getFileName().toString().endsWith(".proto")
                    ? "the file " : "the folder ";
            throw new IllegalArgumentException(Files.exists(folder) ? folder + " is not a folder"
                    : missing + folder + " does not exist");
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder, 32)) {
            paths = walk.filter(p -> p.getFileName().toString().endsWith(".proto") && Files.isRegularFile(p))
                    .sorted().limit(MAX_FILES + 1L).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the folder " + folder + ": " + e.getMessage());
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("the folder " + folder + " holds no .proto files");
        }
        if (paths.size() > MAX_FILES) {
            throw new IllegalArgumentException("the folder " + folder + " holds more than " + MAX_FILES
                    + " .proto files; pick the folder of your schemas");
        }
        Map<String, String> texts = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path p : paths) {
            String name = folder.relativize(p).toString().replace('\\', '/');
            try {
                texts.put(name, Files.readString(p));
            } catch (MalformedInputException e) {
                problems.add(name + ": not UTF-8 text");
            } catch (NoSuchFileException e) {
                problems.add(name + ": vanished while it was being read");
            } catch (IOException e) {
                problems.add(name + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return compile(folder.toString(), texts, problems);
    }

    /** Compiles .proto texts by file name; problems already found (unreadable files) are kept. */
    public static SchemaCatalog.Source compile(String sourceName, Map<String, String> texts, List<String> problems) {
        List<String> allProblems = new ArrayList<>(problems);
        List<FileDescriptorProto> parsed = new ArrayList<>();
        Map<String, Map<String, String>> places = new HashMap<>();
        texts.keySet().stream().sorted().forEach(name -> {
            try {
                ProtoParser.Parsed p = ProtoParser.parse(name, texts.get(name));
                parsed.add(p.file());
                places.put(name, p.places());
            } catch (ProtoSyntaxException e) {
                allProblems.add(name + ":" + e.getMessage());
            } catch (RuntimeException e) {
                // a fault of the compiler's, not the file's: one line, and the other files still load
                allProblems.add(name + ": the .proto compiler failed on it (" + e + "); load a descriptor set "
                        + "built by protoc instead");
            }
        });
        DescriptorLinker.Linked linked = DescriptorLinker.link(parsed, (file, symbol) -> {
            String place = places.getOrDefault(file, Map.of()).get(symbol);
            return place == null ? file : file + ":" + place;
        });
        allProblems.addAll(linked.problems());
        return new SchemaCatalog.Source(sourceName, linked.files(), allProblems);
    }
}
