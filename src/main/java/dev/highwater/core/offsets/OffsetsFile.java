package dev.highwater.core.offsets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file of offsets ({@link UndoCsv}: an undo file, or one kafka-consumer-groups wrote) read as a reset target. */
public final class OffsetsFile {

    private OffsetsFile() {
    }

    /**
     * The offsets the file lists; a file that is missing, unreadable or holds a line that is not
     * {@code topic,partition,offset} is a {@link ResetException} that names the file (and the line).
     */
    public static ResetTarget.ToOffsets read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResetException("There is no file " + file + ".");
        } catch (IOException e) {
            throw new ResetException("Cannot read " + file + " (" + e.getMessage() + ").");
        }
        try {
            return new ResetTarget.ToOffsets(UndoCsv.parse(text), "in " + file);
        } catch (IllegalArgumentException e) {
            throw new ResetException("The file " + file + " cannot be used: " + e.getMessage() + ".");
        }
    }
}
