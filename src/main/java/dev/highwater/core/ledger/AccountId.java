package dev.highwater.core.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An account is its bytes. Its text form, used in every output and export and accepted back (as
 * {@code --account}, say), is the UTF-8 text when the bytes are UTF-8, with each byte that is not part of valid
 * UTF-8 written {@code \xHH} and a backslash written {@code \\}, so two accounts never print alike and the text
 * leads back to the bytes. Replacing bad bytes by U+FFFD, as a plain decoder does, would merge
 * {@code acct-\xff} and {@code acct-\xfe}.
 */
public final class AccountId {

    private AccountId() {
    }

    /** The reversible text of an id's bytes. */
    public static String text(byte[] b, int off, int len) {
        String plain = strictUtf8(b, off, len);
        if (plain != null && plain.indexOf('\\') < 0) {
            return plain;
        }
        StringBuilder out = new StringBuilder(len + 8);
        int i = off;
        int end = off + len;
        while (i < end) {
            int n = validSequence(b, i, end);
            if (n == 0) {
                out.append("\\x").append(Character.forDigit((b[i] >> 4) & 0xF, 16))
                        .append(Character.forDigit(b[i] & 0xF, 16));
                i++;
                continue;
            }
            String s = new String(b, i, n, StandardCharsets.UTF_8);
            out.append(s.equals("\\") ? "\\\\" : s);
            i += n;
        }
        return out.toString();
    }

    public static String text(byte[] b) {
        return text(b, 0, b.length);
    }

    /** True when the bytes are valid UTF-8 and so print as they are (but for a backslash's escape). */
    public static boolean isUtf8(byte[] b) {
        return strictUtf8(b, 0, b.length) != null;
    }

    /** The bytes a text form stands for: the inverse of {@link #text}. */
    public static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 4);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i += 2;
            } else if (c == '\\' && i + 3 < text.length() && text.charAt(i + 1) == 'x'
                    && Character.digit(text.charAt(i + 2), 16) >= 0 && Character.digit(text.charAt(i + 3), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 2), 16) << 4 | Character.digit(text.charAt(i + 3), 16));
                i += 4;
            } else {
                int cp = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static String strictUtf8(byte[] b, int off, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return d.decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The length of the valid UTF-8 sequence starting at i, or 0 when the byte there does not start one. */
    private static int validSequence(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        int n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n <= 1 || i + n > end) {
            return n == 1 ? 1 : 0;
        }
        return strictUtf8(b, i, n) != null ? n : 0;
    }
}
