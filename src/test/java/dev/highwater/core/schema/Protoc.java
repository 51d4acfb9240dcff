package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.JavaFeaturesProto;
import com.google.protobuf.RuntimeVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The protoc executable the build fetches for code generation (com.google.protobuf:protoc of the protobuf-java
 * version, from the local Maven repository), run as a process. It is found, not skipped: a comparison with protoc
 * that silently did not run would pass for the wrong reason.
 */
final class Protoc {

    /** The same version as protobuf-java, as in the pom (the protoc artifact and the runtime share it). */
    static final String VERSION = RuntimeVersion.MAJOR + "." + RuntimeVersion.MINOR + "." + RuntimeVersion.PATCH;

    private final Path executable;

    private Protoc(Path executable) {
        this.executable = executable;
    }

    /** A runnable copy of protoc in {@code workDir} (the repository's copy is not marked executable). */
    static Protoc in(Path workDir) throws IOException {
        // the pom passes the local repository in; Maven's default is the fallback when run from an IDE
        String repo = System.getProperty("highwater.maven.repo",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        String classifier = classifier();
        Path artifact = Path.of(repo, "com", "google", "protobuf", "protoc", VERSION,
                "protoc-" + VERSION + "-" + classifier + ".exe");
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("protoc " + VERSION + " is not at " + artifact + "; the build fetches it "
                    + "(com.google.protobuf:protoc:" + VERSION + ":exe:" + classifier + ", for protobuf-maven-plugin): "
                    + "run ./mvnw generate-sources once with network access, then the tests");
        }
        Path copy = workDir.resolve(classifier.startsWith("windows") ? "protoc.exe" : "protoc");
        Files.copy(artifact, copy);
        if (!copy.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + copy + " executable");
        }
        return new Protoc(copy);
    }

    /** The platform part of the artifact's name, as os-maven-plugin spells it. */
    private static String classifier() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osPart = os.contains("win") ? "windows" : os.contains("mac") ? "osx" : "linux";
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> arch;
        };
        return osPart + "-" + archPart;
    }

    /**
     * {@code protoc --include_imports --descriptor_set_out} of {@code files} (names relative to the first include
     * folder), read with Java's features known, so that only custom options (and other languages' features) stay
     * unknown fields.
     */
    FileDescriptorSet descriptorSet(List<Path> includes, List<String> files, Path out) throws Exception {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--include_imports",
                "--descriptor_set_out=" + out));
        includes.forEach(i -> command.add("-I" + i));
        command.addAll(files);
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("protoc did not finish in 2 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("protoc refused the files (exit " + p.exitValue() + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        DescriptorProtos.getDescriptor(); // JavaFeaturesProto fails to initialise when it is the first to load
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        JavaFeaturesProto.registerAllExtensions(registry);
        return FileDescriptorSet.parseFrom(Files.readAllBytes(out), registry);
    }
}
