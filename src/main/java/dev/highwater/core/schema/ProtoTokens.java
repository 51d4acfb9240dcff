package dev.highwater.core.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a .proto file, each with its line and column, comments dropped. A string literal's text is its
 * bytes, one char per byte (escapes such as {@code \\001} are bytes, as protoc reads them); {@link Token#utf8()}
 * gives it as text.
 */
final class ProtoTokens {

    enum Kind { IDENT, INT, FLOAT, STRING, SYMBOL }

    record Token(Kind kind, String text, int line, int column) {

        /** A string literal's bytes read as UTF-8 text. */
        String utf8() {
            return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }

    private ProtoTokens() {
    }

    static List<Token> of(String src) {
        List<Token> out = new ArrayList<>();
        // a byte-order mark (editors on Windows write one) is skipped, as protoc skips it
        int i = src.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int lineStart = i;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = ++i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int startLine = line;
                i += 2;
                while (i + 1 < n && !(src.charAt(i) == '*' && src.charAt(i + 1) == '/')) {
                    if (src.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                    i++;
                }
                if (i + 1 >= n) {
                    throw new ProtoSyntaxException(startLine, 1, "a /* comment is never closed");
                }
                i += 2;
            } else if (c == '"' || c == '\'') {
                int col = i - lineStart + 1;
                i = string(src, i, line, col, out);
            } else if (Character.isLetter(c) || c == '_' || c == '.' && i + 1 < n && Character.isLetter(src.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_'
                        || src.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, src.substring(i, j), line, i - lineStart + 1));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' || c == '-') && i + 1 < n
                    && Character.isDigit(src.charAt(i + 1))) {
                int j = i + 1;
                boolean isFloat = c == '.';
                while (j < n) {
                    char d = src.charAt(j);
                    if (d == '.' || (d == 'e' || d == 'E') && !src.substring(i, j).toLowerCase().startsWith("0x")) {
                        isFloat = true;
                        if ((d == 'e' || d == 'E') && j + 1 < n && (src.charAt(j + 1) == '-'
                                || src.charAt(j + 1) == '+')) {
                            j++;
                        }
                        j++;
                    } else if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(new Token(isFloat ? Kind.FLOAT : Kind.INT, src.substring(i, j), line, i - lineStart + 1));
                i = j;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), line, i - lineStart + 1));
                i++;
            }
        }
        return out;
    }

    /** Reads the string literal opening at {@code i}, adds it, and returns the index after its closing quote. */
    private static int string(String src, int i, int line, int col, List<Token> out) {
        char quote = src.charAt(i);
        StringBuilder bytes = new StringBuilder();
        int n = src.length();
        int j = i + 1;
        while (j < n && src.charAt(j) != quote) {
            char d = src.charAt(j);
            if (d == '\n') {
                throw new ProtoSyntaxException(line, col, "a string is not closed on its line");
            }
            if (d != '\\') {
                int end = Character.isHighSurrogate(d) && j + 1 < n ? j + 2 : j + 1;
                appendUtf8(bytes, src.substring(j, end));
                j = end;
                continue;
            }
            if (j + 1 >= n) {
                break;
            }
            char e = src.charAt(++j);
            switch (e) {
                case 'n' -> bytes.append('\n');
                case 't' -> bytes.append('\t');
                case 'r' -> bytes.append('\r');
                case 'a' -> bytes.append('\u0007');
                case 'b' -> bytes.append('\b');
                case 'f' -> bytes.append('\f');
                case 'v' -> bytes.append('\u000b');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int k = j;
                    while (k < n && k < j + 3 && src.charAt(k) >= '0' && src.charAt(k) <= '7') {
                        k++;
                    }
                    bytes.append((char) (Integer.parseInt(src.substring(j, k), 8) & 0xff));
                    j = k - 1;
                }
                case 'x', 'X', 'u', 'U' -> {
                    int max = e == 'u' ? 4 : e == 'U' ? 8 : 2;
                    int k = j + 1;
                    while (k < n && k <= j + max && Character.digit(src.charAt(k), 16) >= 0) {
                        k++;
                    }
                    if (k == j + 1 || (e == 'u' || e == 'U') && k != j + 1 + max) {
                        throw new ProtoSyntaxException(line, j - lineStartOf(src, j) + 1,
                                "expected " + (e == 'x' || e == 'X' ? "hex digits" : max + " hex digits")
                                        + " after \\" + e + " in a string");
                    }
                    long v = Long.parseLong(src.substring(j + 1, k), 16);
                    if (e == 'x' || e == 'X') {
                        bytes.append((char) v);
                    } else if (v > Character.MAX_CODE_POINT || v >= 0xd800 && v <= 0xdfff) {
                        throw new ProtoSyntaxException(line, col, "\\" + e + src.substring(j + 1, k)
                                + " is not a Unicode code point");
                    } else {
                        appendUtf8(bytes, Character.toString((int) v));
                    }
                    j = k - 1;
                }
                case '\\', '\'', '"', '?' -> bytes.append(e);
                default -> throw new ProtoSyntaxException(line, j - lineStartOf(src, j) + 1,
                        "\\" + e + " is not an escape sequence a .proto string can hold");
            }
            j++;
        }
        if (j >= n) {
            throw new ProtoSyntaxException(line, col, "a string is never closed");
        }
        out.add(new Token(Kind.STRING, bytes.toString(), line, col));
        return j + 1;
    }

    private static void appendUtf8(StringBuilder bytes, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.append((char) (b & 0xff));
        }
    }

    private static int lineStartOf(String src, int at) {
        return src.lastIndexOf('\n', at - 1) + 1;
    }
}
