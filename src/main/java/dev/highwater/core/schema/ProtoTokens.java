package dev.highwater.core.schema;

import java.util.ArrayList;
import java.util.List;

/** The tokens of a .proto file, each with its line and column, comments dropped. */
final class ProtoTokens {

    enum Kind { IDENT, INT, FLOAT, STRING, SYMBOL }

    record Token(Kind kind, String text, int line, int column) {
    }

    private ProtoTokens() {
    }

    static List<Token> of(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int lineStart = 0;
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
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < n && src.charAt(j) != c) {
                    char d = src.charAt(j);
                    if (d == '\n') {
                        throw new ProtoSyntaxException(line, col, "a string is not closed on its line");
                    }
                    if (d == '\\' && j + 1 < n) {
                        j++;
                        char e = src.charAt(j);
                        switch (e) {
                            case 'n' -> sb.append('\n');
                            case 't' -> sb.append('\t');
                            case 'r' -> sb.append('\r');
                            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                                int v = 0;
                                int k = 0;
                                while (k < 3 && j < n && src.charAt(j) >= '0' && src.charAt(j) <= '7') {
                                    v = v * 8 + (src.charAt(j++) - '0');
                                    k++;
                                }
                                j--;
                                sb.append((char) v);
                            }
                            case 'x' -> {
                                int v = Integer.parseInt(src.substring(j + 1, Math.min(n, j + 3)), 16);
                                j += 2;
                                sb.append((char) v);
                            }
                            default -> sb.append(e);
                        }
                        j++;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                if (j >= n) {
                    throw new ProtoSyntaxException(line, col, "a string is never closed");
                }
                out.add(new Token(Kind.STRING, sb.toString(), line, col));
                i = j + 1;
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
}
