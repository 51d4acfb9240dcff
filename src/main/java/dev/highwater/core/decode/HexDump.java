package dev.highwater.core.decode;

/** Bytes as people read them: a hex and ASCII dump, or a plain hex string, both cut at a limit that says so. */
public final class HexDump {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    /**
     * Sixteen bytes a line: offset, hex, and the printable ASCII (a dot for the rest). Past {@code limit} bytes
     * the dump stops with a line saying how many bytes it leaves out.
     */
    public static String dump(byte[] bytes, int limit) {
        return dump(bytes, limit, 16);
    }

    /**
     * As {@link #dump(byte[], int)} with {@code perLine} bytes a line (a multiple of 8), for a narrow pane: eight
     * a line fit in half the width, the ASCII column included.
     */
    public static String dump(byte[] bytes, int limit, int perLine) {
        if (perLine < 8 || perLine % 8 != 0) {
            throw new IllegalArgumentException("bytes per line must be a multiple of 8, not " + perLine);
        }
        if (bytes == null) {
            return "(no bytes: null)";
        }
        int shown = Math.min(bytes.length, limit);
        StringBuilder sb = new StringBuilder(shown / perLine * (perLine * 4 + 14) + 80);
        for (int line = 0; line < shown; line += perLine) {
            appendHex(sb, line >>> 16 & 0xffff, 4);
            appendHex(sb, line & 0xffff, 4);
            sb.append("  ");
            for (int i = 0; i < perLine; i++) {
                if (line + i < shown) {
                    int b = bytes[line + i] & 0xff;
                    sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 15]).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i % 8 == 7 && i < perLine - 1) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = 0; i < perLine && line + i < shown; i++) {
                int b = bytes[line + i] & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\n");
        }
        if (bytes.length > shown) {
            sb.append("… ").append(String.format("%,d", bytes.length - shown)).append(" more bytes not shown (")
                    .append(String.format("%,d", bytes.length)).append(" in all)\n");
        }
        return sb.toString();
    }

    /** Lower-case hex of the first {@code limit} bytes, with "…" appended when there were more. */
    public static String hex(byte[] bytes, int limit) {
        if (bytes == null) {
            return "";
        }
        int shown = Math.min(bytes.length, limit);
        StringBuilder sb = new StringBuilder(shown * 2 + 1);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 15]);
        }
        if (bytes.length > shown) {
            sb.append('…');
        }
        return sb.toString();
    }

    private static void appendHex(StringBuilder sb, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(DIGITS[value >>> shift & 15]);
        }
    }
}
