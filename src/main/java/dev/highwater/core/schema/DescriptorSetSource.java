package dev.highwater.core.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A descriptor set file, as {@code protoc --descriptor_set_out} (best with {@code --include_imports}) and
 * {@code buf build -o} write it, loaded as a schema source.
 */
public final class DescriptorSetSource {

    private DescriptorSetSource() {
    }

    /** Loads the file; an IllegalArgumentException says in one sentence why it is not a descriptor set. */
    public static SchemaCatalog.Source load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the descriptor set " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        return load(file.toString(), bytes);
    }

    public static SchemaCatalog.Source load(String name, byte[] bytes) {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw notASet(name, e.getMessage());
        }
        if (set.getFileCount() == 0 || !set.getUnknownFields().asMap().isEmpty()
                || set.getFileList().stream().anyMatch(f -> f.getName().isEmpty())) {
            throw notASet(name, set.getFileCount() == 0 ? "it holds no files" : "it holds other data");
        }
        DescriptorLinker.Linked linked = DescriptorLinker.link(set);
        return new SchemaCatalog.Source(name, linked.files(), linked.problems());
    }

    private static IllegalArgumentException notASet(String name, String why) {
        return new IllegalArgumentException(name + " is not a descriptor set (" + why + "); write one with "
                + "protoc --include_imports --descriptor_set_out=FILE or buf build -o FILE");
    }
}
