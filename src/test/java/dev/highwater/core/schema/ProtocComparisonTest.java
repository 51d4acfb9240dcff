package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Our .proto compiler against protoc, file by file and field by field: the project's own proto/ folder, and a
 * corpus of real-world files under {@code corpus/} (Google's well-known types and descriptor.proto as shipped in
 * the protobuf-java jar; files modelled on Google APIs, Envoy and Kafka schemas; proto2 groups, extensions and
 * defaults; proto3 optional fields, maps, oneofs and packed options; editions 2023 and 2024 features; custom options;
 * imports across folders, import public; reserved ranges; streaming services). Both folders are compiled by protoc
 * (the one the build fetches, run as a process) and loaded by {@link ProtoFolderSource} as a user's folder is, and
 * each file's {@link FileDescriptorProto} must be protoc's, after two normalisations written out below.
 */
class ProtocComparisonTest {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> theProjectsProtoFolderCompilesAsProtocCompilesIt() throws Exception {
        // the working folder of the tests is the project's; the well-known types come from the corpus's copies
        Path wellKnown = work.resolve("include");
        Path wellKnownFolder = Files.createDirectories(wellKnown.resolve("google/protobuf"));
        try (Stream<Path> files = Files.list(corpus().resolve("google/protobuf"))) {
            for (Path f : files.toList()) {
                Files.copy(f, wellKnownFolder.resolve(f.getFileName().toString()));
            }
        }
        return compare(Path.of("proto"), List.of(wellKnown));
    }

    @TestFactory
    Stream<DynamicTest> theCorpusCompilesAsProtocCompilesIt() throws Exception {
        return compare(corpus(), List.of());
    }

    /** One test per file of {@code folder}: protoc's descriptor and ours, compared. */
    private Stream<DynamicTest> compare(Path folder, List<Path> moreIncludes) throws Exception {
        List<String> names = protoFiles(folder);
        List<Path> includes = Stream.concat(Stream.of(folder), moreIncludes.stream()).toList();
        FileDescriptorSet protoc = Protoc.in(work).descriptorSet(includes, names, work.resolve("protoc.pb"));
        Map<String, FileDescriptorProto> protocByName = new LinkedHashMap<>();
        protoc.getFileList().forEach(f -> protocByName.put(f.getName(), f));
        Map<String, FileDescriptorProto> ours = ours(folder, names);
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            FileDescriptorProto expected = normalised(protocByName.get(name));
            FileDescriptorProto actual = ours.get(name);
            String difference = firstDifference(expected, actual, "");
            if (difference != null) {
                fail(name + ": ours differs from protoc's at " + difference);
            }
            assertEquals(expected, actual, name);
        }));
    }

    /**
     * protoc's descriptor without what our compiler deliberately does not write. Custom options (extensions of the
     * *Options messages, a name in parentheses) are read and left out by our compiler: they do not change how a
     * value decodes, and writing them would mean encoding option values for extensions the user's own files
     * declare. Read without those extensions known, they are exactly the unknown fields of protoc's descriptor,
     * together with the features of other languages (features.(pb.cpp), left out likewise; Java's are kept and
     * known), so unknown fields are dropped from the *Options and FeatureSet messages only: anywhere else they
     * would be a field of a newer descriptor.proto, a difference to see. Nothing else is dropped: protoc was not
     * asked for source_code_info, and both write json_name.
     */
    private static FileDescriptorProto normalised(FileDescriptorProto protoc) {
        return (FileDescriptorProto) withoutUnknownFields(protoc);
    }

    private static Message withoutUnknownFields(Message m) {
        Message.Builder b = m.toBuilder();
        String type = m.getDescriptorForType().getName();
        if (type.endsWith("Options") || type.equals("FeatureSet")) {
            b.setUnknownFields(UnknownFieldSet.getDefaultInstance());
        }
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (fd.isRepeated()) {
                b.clearField(fd);
                for (Object element : (List<?>) e.getValue()) {
                    b.addRepeatedField(fd, withoutUnknownFields((Message) element));
                }
            } else {
                b.setField(fd, withoutUnknownFields((Message) e.getValue()));
            }
        }
        return b.build();
    }

    /**
     * Our descriptors of the folder, loaded as the app loads a user's folder, names resolved (see
     * {@link ResolvedNames}). The app links the well-known types to protobuf-java's own descriptors whatever a
     * folder holds, so our compiler's reading of their text (the corpus has them) is linked here, on its own.
     */
    private static Map<String, FileDescriptorProto> ours(Path folder, List<String> names) throws Exception {
        SchemaCatalog.Source source = ProtoFolderSource.load(folder);
        assertEquals(List.of(), source.problems(), "our compiler's problems with " + folder);
        Map<String, FileDescriptorProto> ours = new HashMap<>();
        source.files().forEach(f -> ours.put(f.getName(), ResolvedNames.of(f)));
        Map<String, FileDescriptorProto> wellKnown = new HashMap<>();
        for (String name : names) {
            if (DescriptorLinker.wellKnownFiles().containsKey(name)) {
                wellKnown.put(name, ProtoParser.parse(name, Files.readString(folder.resolve(name))).file());
            }
        }
        Map<String, FileDescriptor> linked = new HashMap<>();
        for (String name : wellKnown.keySet()) {
            ours.put(name, ResolvedNames.of(link(name, wellKnown, linked)));
        }
        assertEquals(new TreeSet<>(names), new TreeSet<>(ours.keySet()), "the files our compiler loaded");
        return ours;
    }

    private static FileDescriptor link(String name, Map<String, FileDescriptorProto> protos,
                                       Map<String, FileDescriptor> linked) throws DescriptorValidationException {
        FileDescriptor done = linked.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        FileDescriptor[] deps = new FileDescriptor[proto.getDependencyCount()];
        for (int i = 0; i < deps.length; i++) {
            deps[i] = link(proto.getDependency(i), protos, linked);
        }
        FileDescriptor fd = FileDescriptor.buildFrom(proto, deps);
        linked.put(name, fd);
        return fd;
    }

    // ---- the first difference, as a path such as message_type[2](Payment).field[5](fee).label ----

    private static String firstDifference(Message protoc, Message ours, String path) {
        Set<FieldDescriptor> fields = new TreeSet<>(Comparator.comparingInt(FieldDescriptor::getNumber));
        fields.addAll(protoc.getAllFields().keySet());
        fields.addAll(ours.getAllFields().keySet());
        for (FieldDescriptor fd : fields) {
            String at = (path.isEmpty() ? "" : path + ".") + (fd.isExtension() ? "(" + fd.getFullName() + ")"
                    : fd.getName());
            String difference = fd.isRepeated() ? repeatedDifference(protoc, ours, fd, at)
                    : protoc.hasField(fd) != ours.hasField(fd)
                    ? at + ": protoc's is " + (protoc.hasField(fd) ? show(protoc.getField(fd)) : "unset")
                    + ", ours is " + (ours.hasField(fd) ? show(ours.getField(fd)) : "unset")
                    : valueDifference(protoc.getField(fd), ours.getField(fd), at);
            if (difference != null) {
                return difference;
            }
        }
        if (!protoc.getUnknownFields().equals(ours.getUnknownFields())) {
            return path + ": unknown fields, protoc's " + protoc.getUnknownFields() + " ours "
                    + ours.getUnknownFields();
        }
        return null;
    }

    private static String repeatedDifference(Message protoc, Message ours, FieldDescriptor fd, String at) {
        int theirs = protoc.getRepeatedFieldCount(fd);
        int mine = ours.getRepeatedFieldCount(fd);
        for (int i = 0; i < Math.max(theirs, mine); i++) {
            Object a = i < theirs ? protoc.getRepeatedField(fd, i) : null;
            Object b = i < mine ? ours.getRepeatedField(fd, i) : null;
            String element = at + "[" + i + "]" + label(a != null ? a : b);
            if (a == null || b == null) {
                return element + ": protoc's is " + (a == null ? "missing" : show(a)) + ", ours is "
                        + (b == null ? "missing" : show(b));
            }
            String difference = valueDifference(a, b, element);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String valueDifference(Object protoc, Object ours, String at) {
        if (protoc instanceof Message a && ours instanceof Message b) {
            return firstDifference(a, b, at);
        }
        return protoc.equals(ours) ? null : at + ": protoc's is " + show(protoc) + ", ours is " + show(ours);
    }

    /** "(Payment)" after an element that has a name, so that the path can be followed in the .proto file. */
    private static String label(Object element) {
        if (element instanceof Message m) {
            FieldDescriptor name = m.getDescriptorForType().findFieldByName("name");
            if (name != null && !name.isRepeated() && m.hasField(name)
                    && name.getJavaType() == FieldDescriptor.JavaType.STRING) {
                return "(" + m.getField(name) + ")";
            }
        }
        return "";
    }

    private static String show(Object value) {
        return switch (value) {
            case Message m -> "{ " + TextFormat.printer().shortDebugString(m) + " }";
            case EnumValueDescriptor e -> e.getName();
            case String s -> "\"" + s + "\"";
            default -> String.valueOf(value);
        };
    }

    // ---- the folders ----

    private static Path corpus() throws URISyntaxException {
        return Path.of(ProtocComparisonTest.class.getResource("corpus").toURI());
    }

    /** Every .proto file under the folder, by its name relative to it (as imports name it), sorted. */
    private static List<String> protoFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".proto"))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
