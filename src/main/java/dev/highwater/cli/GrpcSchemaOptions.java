package dev.highwater.cli;

import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcSchema;
import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.grpc.WorkbenchSession;
import dev.highwater.core.schema.DescriptorSetSource;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code grpc list}, {@code describe} and {@code call} learn a target's types (a picocli mixin): its server
 * reflection, or descriptor sets and .proto files given as {@code tail} takes them (then reflection is not asked).
 */
final class GrpcSchemaOptions {

    @Option(names = "--descriptor-set", paramLabel = "F",
            description = {"a descriptor set (protoc --descriptor_set_out --include_imports,", "buf build -o); repeatable"})
    List<Path> descriptorSets = new ArrayList<>();

    @Option(names = "--proto", paramLabel = "PATH",
            description = "a folder of .proto files (or one file in it), compiled here; repeatable")
    List<Path> protoPaths = new ArrayList<>();

    /** Whether the types come from files rather than from the target's reflection. */
    boolean fromFiles() {
        return !descriptorSets.isEmpty() || !protoPaths.isEmpty();
    }

    /** The given files' types; a file that cannot be read ends the command, one that partly loads is a warning. */
    GrpcSchema files(PrintWriter err) {
        List<SchemaCatalog.Source> sources = new ArrayList<>();
        try {
            for (Path p : protoPaths) {
                sources.add(ProtoFolderSource.load(Files.isRegularFile(p) ? p.toAbsolutePath().getParent() : p));
            }
            for (Path f : descriptorSets) {
                sources.add(DescriptorSetSource.load(f));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        warn(sources, err);
        return new GrpcSchema(String.join(", ", Stream.concat(protoPaths.stream(), descriptorSets.stream())
                .map(Path::toString).toList()), sources);
    }

    /**
     * The types from the files if given, else from the target's reflection over a session of its own.
     */
    GrpcSchema load(GrpcCommand grpc, ChannelSettings settings, PrintWriter err) {
        if (fromFiles()) {
            return files(err);
        }
        try (WorkbenchSession session = open(grpc, settings)) {
            return reflected(session, err);
        }
    }

    /** The types from the files if given, else from the session's reflection. */
    GrpcSchema load(WorkbenchSession session, PrintWriter err) {
        return fromFiles() ? files(err) : reflected(session, err);
    }

    /** A session on the target: a host that does not resolve or a TLS file that cannot be used ends the command. */
    static WorkbenchSession open(GrpcCommand grpc, ChannelSettings settings) {
        GrpcCommand.requireResolvableHost(settings.target().strip());
        try {
            return grpc.clients().open(settings, new CallHistory(1));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private static GrpcSchema reflected(WorkbenchSession session, PrintWriter err) {
        String target = session.settings().target().strip();
        SchemaCatalog.Source source;
        try {
            source = session.reflect();
        } catch (ReflectionException e) {
            throw new CommandFailure(e.noReflection() ? target + " does not offer server reflection: give its types"
                    + " with --descriptor-set FILE or --proto PATH." : e.getMessage());
        }
        warn(List.of(source), err);
        return new GrpcSchema(target, List.of(source));
    }

    private static void warn(List<SchemaCatalog.Source> sources, PrintWriter err) {
        for (SchemaCatalog.Source s : sources) {
            s.problems().forEach(p -> err.println("highwater: warning: " + p + " (the other files loaded)"));
        }
        err.flush();
    }
}
