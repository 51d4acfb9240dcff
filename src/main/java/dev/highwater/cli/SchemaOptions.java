package dev.highwater.cli;

import dev.highwater.app.Adapters;
import dev.highwater.core.connect.SecretResolver;
import dev.highwater.core.decode.AvroType;
import dev.highwater.core.decode.AvscFiles;
import dev.highwater.core.decode.DecoderChoice;
import dev.highwater.core.decode.FilteredDecoder;
import dev.highwater.core.decode.TypeSet;
import dev.highwater.core.decode.WriterSchemas;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.registry.SchemaRegistry;
import dev.highwater.core.schema.DescriptorSetSource;
import dev.highwater.core.schema.ProtoFolderSource;
import dev.highwater.core.schema.SchemaCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema options of the commands that decode records ({@code tail}, {@code report}, {@code table}), as one
 * picocli mixin so that their names, meanings and defaults stay the same in all of them: .proto folders,
 * descriptor sets, gRPC reflection, pinned key and value types, .avsc files, registry types and the schema
 * registry.
 */
final class SchemaOptions {

    @CommandLine.Mixin
    RegistryOptions registry;

    @Option(names = "--proto", paramLabel = "PATH", description = "a folder of .proto files (or one file in it), compiled here")
    List<Path> protoPaths = new ArrayList<>();

    @Option(names = "--descriptor-set", paramLabel = "F", description = "a descriptor set (protoc --descriptor_set_out, buf build -o)")
    List<Path> descriptorSets = new ArrayList<>();

    @Option(names = "--grpc-reflection", paramLabel = "HOST:PORT", description = "also load the types a gRPC backend offers over server reflection")
    String grpcReflection;

    @Option(names = {"--type", "--value"}, paramLabel = "FULL.NAME",
            description = "the value's Protobuf type, avro:FULL.NAME (an --avsc type), or auto (default), json, text, hex")
    String type = "auto";

    @Option(names = "--key-type", paramLabel = "FULL.NAME", description = "the key's decoder, as --type (default: auto)")
    String keyType = "auto";

    @Option(names = "--avsc", paramLabel = "FILE", description = "an Avro schema file (repeatable), for --type avro:FULL.NAME")
    List<Path> avscFiles = new ArrayList<>();

    @Option(names = "--registry-type", paramLabel = "ID=FULL.NAME", description = "the type of a schema-registry schema id (repeatable)")
    Map<Integer, String> registryTypes = new HashMap<>();

    /** The types and decoder these options describe, and the registry it reads (closed by the caller). */
    record Decoding(TypeSet types, FilteredDecoder decoder, SchemaRegistry registry) implements AutoCloseable {
        @Override
        public void close() {
            if (registry != null) {
                registry.close();
            }
        }
    }

    /** Loads the schemas (warnings about files that did not load on {@code err}); a bad option is one line. */
    Decoding decoding(Adapters adapters, PrintWriter err) {
        return decoding(adapters, types(adapters, err));
    }

    /**
     * The decoder of these types the options ask for, with the registry opened when one is named; a type that is
     * not loaded or a file that does not read is one line.
     */
    Decoding decoding(Adapters adapters, TypeSet types) {
        SchemaRegistry schemaRegistry = null;
        try {
            Map<String, AvroType> avroTypes = AvscFiles.load(avscFiles);
            if (registry.given()) {
                schemaRegistry = adapters.registries().open(registry.settings(), SecretResolver.system());
            }
            FilteredDecoder decoder = new FilteredDecoder(types, DecoderChoice.parse(keyType),
                    DecoderChoice.parse(type), registryTypes, WriterSchemas.of(schemaRegistry, avroTypes));
            return new Decoding(types, decoder, schemaRegistry);
        } catch (IllegalArgumentException e) {
            if (schemaRegistry != null) {
                schemaRegistry.close();
            }
            throw new CommandFailure(e.getMessage());
        }
    }

    /** The types the options name, with ours built in; a file that does not compile is a warning on {@code err}. */
    TypeSet types(Adapters adapters, PrintWriter err) {
        SchemaCatalog catalog = SchemaCatalog.withBuiltIn();
        try {
            for (Path p : protoPaths) {
                catalog.put(ProtoFolderSource.load(Files.isRegularFile(p) ? p.toAbsolutePath().getParent() : p));
            }
            for (Path f : descriptorSets) {
                catalog.put(DescriptorSetSource.load(f));
            }
            if (grpcReflection != null) {
                catalog.put(adapters.grpc().load(ChannelSettings.plaintext(grpcReflection)));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        for (SchemaCatalog.Source s : catalog.sources()) {
            s.problems().forEach(p -> err.println("highwater: warning: " + p + " (the other files loaded)"));
        }
        err.flush();
        return TypeSet.of(catalog);
    }
}
