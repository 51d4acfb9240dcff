package dev.highwater.core.schema;

import java.math.BigInteger;
import java.util.List;

/** The parser's place in a .proto file's tokens, with the reads that fail with the line and column of the token. */
final class ProtoCursor {

    private final List<ProtoTokens.Token> tokens;
    private int i;

    ProtoCursor(String text) {
        this.tokens = ProtoTokens.of(text);
    }

    ProtoTokens.Token peek() {
        return peek(0);
    }

    ProtoTokens.Token peek(int ahead) {
        return i + ahead < tokens.size() ? tokens.get(i + ahead) : null;
    }

    /** True when the next token is {@code text} (an identifier or a symbol, never a string literal). */
    boolean peekIs(String text) {
        return is(peek(), text);
    }

    static boolean is(ProtoTokens.Token t, String text) {
        return t != null && t.kind() != ProtoTokens.Kind.STRING && t.text().equals(text);
    }

    ProtoTokens.Token next() {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "the file ends in the middle of a declaration");
        }
        i++;
        return t;
    }

    /** The next token; a string literal joined with the ones right after it, as C joins them. */
    ProtoTokens.Token nextJoined() {
        ProtoTokens.Token t = next();
        if (t.kind() != ProtoTokens.Kind.STRING || peek() == null || peek().kind() != ProtoTokens.Kind.STRING) {
            return t;
        }
        StringBuilder sb = new StringBuilder(t.text());
        while (peek() != null && peek().kind() == ProtoTokens.Kind.STRING) {
            sb.append(next().text());
        }
        return new ProtoTokens.Token(ProtoTokens.Kind.STRING, sb.toString(), t.line(), t.column());
    }

    boolean accept(String s) {
        if (peekIs(s)) {
            i++;
            return true;
        }
        return false;
    }

    ProtoTokens.Token expect(String s) {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "expected '" + s + "', but the file ends");
        }
        if (!peekIs(s)) {
            throw error(t, "expected '" + s + "', found '" + t.text() + "'");
        }
        i++;
        return t;
    }

    String ident(String what) {
        return identToken(what).text();
    }

    ProtoTokens.Token identToken(String what) {
        ProtoTokens.Token t = peek();
        if (t == null) {
            throw new ProtoSyntaxException(lastLine(), 1, "expected " + what + ", but the file ends");
        }
        if (t.kind() != ProtoTokens.Kind.IDENT) {
            throw error(t, "expected " + what + ", found '" + t.text() + "'");
        }
        i++;
        return t;
    }

    /** The next token, which must be a string literal, as text. */
    String string(String what) {
        ProtoTokens.Token t = next();
        if (t.kind() != ProtoTokens.Kind.STRING) {
            throw error(t, "expected " + what + " in quotes, found '" + t.text() + "'");
        }
        return t.utf8();
    }

    int intValue(ProtoTokens.Token t, String what) {
        BigInteger v = integer(t, what);
        if (v.bitLength() > 31) {
            throw error(t, "'" + t.text() + "' is not a valid " + what);
        }
        return v.intValue();
    }

    /** An integer literal (decimal, 0x hex or 0 octal, maybe negative) at any size. */
    BigInteger integer(ProtoTokens.Token t, String what) {
        if (t.kind() != ProtoTokens.Kind.INT) {
            throw error(t, "expected " + what + ", found '" + t.text() + "'");
        }
        String s = t.text();
        boolean neg = s.startsWith("-");
        String digits = neg ? s.substring(1) : s;
        try {
            BigInteger v = digits.startsWith("0x") || digits.startsWith("0X") ? new BigInteger(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? new BigInteger(digits, 8)
                    : new BigInteger(digits);
            return neg ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw error(t, "'" + t.text() + "' is not a valid " + what);
        }
    }

    /** Skips from an opening symbol to its matching close (nested pairs included). */
    void skipBalanced(String open, String close) {
        ProtoTokens.Token start = expect(open);
        int depth = 1;
        while (depth > 0) {
            ProtoTokens.Token t = peek();
            if (t == null) {
                throw error(start, "'" + open + "' is never closed with '" + close + "'");
            }
            i++;
            if (t.kind() == ProtoTokens.Kind.SYMBOL && t.text().equals(open)) {
                depth++;
            } else if (t.kind() == ProtoTokens.Kind.SYMBOL && t.text().equals(close)) {
                depth--;
            }
        }
    }

    /** The tokens from {@code from} (inclusive) to the current place, for a value read as text format. */
    List<ProtoTokens.Token> since(int from) {
        return tokens.subList(from, i);
    }

    int position() {
        return i;
    }

    /** Fails unless another token follows: a block (message, enum ...) that is never closed. */
    void notAtEnd(String what) {
        if (peek() == null) {
            throw new ProtoSyntaxException(lastLine(), 1, what + " is never closed with '}'");
        }
    }

    ProtoSyntaxException error(ProtoTokens.Token t, String reason) {
        return t == null ? new ProtoSyntaxException(lastLine(), 1, reason)
                : new ProtoSyntaxException(t.line(), t.column(), reason);
    }

    private int lastLine() {
        return tokens.isEmpty() ? 1 : tokens.getLast().line();
    }
}
