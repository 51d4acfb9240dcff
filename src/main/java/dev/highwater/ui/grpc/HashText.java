package dev.highwater.ui.grpc;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A hash as a person pastes it: hex as this app shows hashes (with or without 0x, spaces or colons between
 * bytes), or base64 as the workbench's JSON and grpcurl show {@code bytes} fields (standard or URL-safe, padded
 * or not). Text that is hex is read as hex: a 64-digit hash is both, and hex is what the tables show.
 */
final class HashText {

    static final String EXPECTED = "Enter the transaction's hash in hex (as the tables show it) or in base64 (as"
            + " the workbench's JSON shows it).";

    /** Base64 shorter than this is a typo rather than a hash: no hash worth the name has fewer bytes. */
    static final int MIN_BASE64_BYTES = 16;

    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern BASE64_URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");

    private HashText() {
    }

    /** The hash's bytes; an IllegalArgumentException with {@link #EXPECTED} when it is neither hex nor base64. */
    static byte[] parse(String text) {
        String s = text == null ? "" : text.strip();
        String hex = s.replaceFirst("^0[xX]", "").replaceAll("[\\s:]", "");
        if (HEX.matcher(hex).matches()) {
            return HexFormat.of().parseHex(hex);
        }
        String b64 = s.replaceAll("\\s", "");
        try {
            byte[] bytes = BASE64.matcher(b64).matches() ? Base64.getDecoder().decode(b64)
                    : BASE64_URL.matcher(b64).matches() ? Base64.getUrlDecoder().decode(b64) : new byte[0];
            if (bytes.length >= MIN_BASE64_BYTES) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // not base64 either: said below
        }
        throw new IllegalArgumentException(EXPECTED);
    }
}
