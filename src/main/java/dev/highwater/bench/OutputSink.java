package dev.highwater.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a measured command's standard output goes: a pipe the bench drains as fast as it can, counting what was
 * printed, so every command writes into the same kind of sink and is checked to have printed all it should.
 */
interface OutputSink {

    void accept(byte[] bytes, int offset, int length);

    /** Records (or lines) seen so far. */
    long count();

    /** Counts lines: one JSON object or one text line a record. */
    static OutputSink lines() {
        return new OutputSink() {
            private long lines;

            @Override
            public void accept(byte[] bytes, int offset, int length) {
                for (int i = offset, end = offset + length; i < end; i++) {
                    if (bytes[i] == '\n') {
                        lines++;
                    }
                }
            }

            @Override
            public long count() {
                return lines;
            }
        };
    }

    /** Counts lines and keeps the first {@code limit} bytes as text, for outputs whose content is checked. */
    static Text text(int limit) {
        return new Text(limit);
    }

    /** A small output kept as text. */
    final class Text implements OutputSink {
        private final OutputSink lines = lines();
        private byte[] kept = new byte[1024];
        private int size;
        private final int limit;

        private Text(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(byte[] bytes, int offset, int length) {
            lines.accept(bytes, offset, length);
            int n = Math.min(length, limit - size);
            if (n > 0) {
                if (size + n > kept.length) {
                    kept = Arrays.copyOf(kept, Math.max(kept.length * 2, size + n));
                }
                System.arraycopy(bytes, offset, kept, size, n);
                size += n;
            }
        }

        @Override
        public long count() {
            return lines.count();
        }

        String text() {
            return new String(kept, 0, size, StandardCharsets.UTF_8);
        }
    }
}
