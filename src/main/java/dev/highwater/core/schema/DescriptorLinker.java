package dev.highwater.core.schema;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.JavaFeaturesProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns file descriptor protos (from a descriptor set, server reflection or a compiler) into linked
 * {@link FileDescriptor}s, in dependency order. Google's well-known types (and descriptor.proto and the feature
 * files, which editions files import for options and features) are always available, whether or not the set
 * carries them. A file that cannot be linked is reported with the reason; the others still load.
 */
public final class DescriptorLinker {

    private static final Map<String, FileDescriptor> WELL_KNOWN = wellKnown();
    /**
     * Other languages' feature files, which protoc ships and protobuf-java does not. Their features do not change
     * how values read (the .proto compiler leaves them out), so an empty file stands in when none is loaded.
     */
    private static final Set<String> OTHER_LANGUAGE_FEATURES = Set.of("google/protobuf/cpp_features.proto",
            "google/protobuf/go_features.proto");

    private DescriptorLinker() {
    }

    /** The result: every file that linked, and one sentence per file that did not. */
    public record Linked(List<FileDescriptor> files, List<String> problems) {
        public Linked {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    public static Linked link(FileDescriptorSet set) {
        return link(set.getFileList());
    }

    public static Linked link(List<FileDescriptorProto> protos) {
        return link(protos, (file, symbol) -> file);
    }

    /** Says where in a file a symbol (a full name, or "import path") was declared, such as "a/b.proto:12:3". */
    @FunctionalInterface
    public interface Places {
        String of(String file, String symbol);
    }

    /** As {@link #link(List)}, each problem placed by {@code places} (files parsed from text know their lines). */
    public static Linked link(List<FileDescriptorProto> protos, Places places) {
        Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
        for (FileDescriptorProto p : protos) {
            byName.putIfAbsent(p.getName(), p);
        }
        Map<String, FileDescriptor> done = new HashMap<>(WELL_KNOWN);
        Map<String, String> failed = new LinkedHashMap<>();
        Map<String, String> where = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : byName.keySet()) {
            FileDescriptor fd = resolve(name, byName, done, failed, new ArrayList<>(), places, where);
            if (fd != null && !WELL_KNOWN.containsKey(name)) {
                files.add(fd);
            }
        }
        List<String> problems = new ArrayList<>();
        failed.forEach((file, why) -> problems.add(where.getOrDefault(file, file) + ": " + why));
        return new Linked(files, problems);
    }

    private static FileDescriptor resolve(String name, Map<String, FileDescriptorProto> byName,
                                          Map<String, FileDescriptor> done, Map<String, String> failed,
                                          List<String> path, Places places, Map<String, String> where) {
        FileDescriptor known = done.get(name);
        if (known != null) {
            return known;
        }
        if (failed.containsKey(name)) {
            return null;
        }
        FileDescriptorProto proto = byName.get(name);
        if (proto == null && OTHER_LANGUAGE_FEATURES.contains(name)) {
            proto = FileDescriptorProto.newBuilder().setName(name).setPackage("pb").build();
        }
        if (proto == null) {
            return null; // the caller names the missing import
        }
        if (path.contains(name)) {
            failed.put(name, "imports form a cycle: " + String.join(" -> ", path) + " -> " + name);
            return null;
        }
        path.add(name);
        List<FileDescriptor> deps = new ArrayList<>();
        for (String dep : proto.getDependencyList()) {
            FileDescriptor d = resolve(dep, byName, done, failed, path, places, where);
            if (d == null) {
                where.putIfAbsent(name, places.of(name, "import " + dep));
                failed.putIfAbsent(name, failed.containsKey(dep)
                        ? "its import " + dep + " did not load"
                        : "imports " + dep + ", which is not among the loaded files");
                path.remove(name);
                return null;
            }
            deps.add(d);
        }
        path.remove(name);
        try {
            FileDescriptor fd = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
            EditionRules.Broken broken = EditionRules.check(fd);
            if (broken != null) {
                failed.put(name, broken.reason() + " (" + broken.symbol() + ")");
                where.put(name, places.of(name, broken.symbol()));
                return null;
            }
            done.put(name, fd);
            return fd;
        } catch (DescriptorValidationException e) {
            failed.put(name, e.getDescription() + " (" + e.getProblemSymbolName() + ")");
            where.put(name, places.of(name, e.getProblemSymbolName()));
            return null;
        } catch (RuntimeException e) {
            // protobuf-java failing otherwise is its fault or ours, not the file's: one line, and the rest loads
            failed.put(name, "protobuf-java could not link it (" + e + ")");
            return null;
        }
    }

    /** The well-known types by file name (google/protobuf/timestamp.proto and the rest). */
    public static Map<String, FileDescriptor> wellKnownFiles() {
        return WELL_KNOWN;
    }

    private static Map<String, FileDescriptor> wellKnown() {
        Map<String, FileDescriptor> m = new HashMap<>();
        for (FileDescriptor fd : List.of(AnyProto.getDescriptor(), ApiProto.getDescriptor(),
                DurationProto.getDescriptor(), EmptyProto.getDescriptor(), FieldMaskProto.getDescriptor(),
                SourceContextProto.getDescriptor(), StructProto.getDescriptor(), TimestampProto.getDescriptor(),
                TypeProto.getDescriptor(), WrappersProto.getDescriptor(),
                com.google.protobuf.DescriptorProtos.getDescriptor(), JavaFeaturesProto.getDescriptor())) {
            m.put(fd.getName(), fd);
        }
        return Map.copyOf(m);
    }
}
