package dev.highwater.ui.grpc;

import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.OpenCall;
import dev.highwater.core.grpc.RequestJsonException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends a JSONL file's requests on an open stream, line by line, without holding the file in memory. */
final class JsonLines {

    private JsonLines() {
    }

    /**
     * @return how many requests were sent
     * @throws IllegalArgumentException naming the line that is not a valid request, or the file that cannot be read
     */
    static int send(Path file, OpenCall call) {
        int sent = 0;
        int line = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    call.send(JsonMessages.parse(text, call.method().getInputType()));
                } catch (RequestJsonException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + line + ": " + e.getMessage()
                            + " (" + sent + " requests before it were sent)", e);
                }
                sent++;
            }
            return sent;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getCause().getMessage(), e);
        }
    }
}
