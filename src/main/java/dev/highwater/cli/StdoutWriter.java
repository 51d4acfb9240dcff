package dev.highwater.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The commands' standard output: a writer, as picocli gives every command, that also lets a command that streams
 * (tail) write its UTF-8 bytes straight to the terminal or pipe, without a char step in between. Where a command's
 * output was set to another writer (a test capturing it), the bytes are decoded into that writer instead.
 */
final class StdoutWriter extends PrintWriter {

    private final PrintStream stream;

    StdoutWriter(PrintStream stream) {
        super(new OutputStreamWriter(stream, stream.charset()), true);
        this.stream = stream;
    }

    /** Where a command writes bytes that go to {@code out}: the standard output itself, or {@code out} decoded. */
    static OutputStream bytes(PrintWriter out) {
        if (out instanceof StdoutWriter s && s.stream.charset().equals(StandardCharsets.UTF_8)) {
            s.flush();
            return s.stream;
        }
        return new WriterStream(out); // a terminal in another encoding gets what the writer makes of the text
    }

    /** UTF-8 bytes written as text to a writer; callers write whole lines, so no character is split. */
    private static final class WriterStream extends OutputStream {
        private final Writer out;

        WriterStream(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
