package dev.highwater.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over the fields of a row, each with its length, kept beside the row: H2 checks where its pages sit in
 * the file but not what they hold, so a row read back is compared with the one written before it is used.
 */
final class RowDigest {

    private final MessageDigest sha;

    RowDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    RowDigest add(String value) {
        return add(value.getBytes(StandardCharsets.UTF_8));
    }

    RowDigest add(long value) {
        sha.update(ByteBuffer.allocate(8).putLong(value).array());
        return this;
    }

    RowDigest add(byte[] value) {
        add(value.length);
        sha.update(value);
        return this;
    }

    byte[] digest() {
        return sha.digest();
    }

    static byte[] of(byte[] value) {
        return new RowDigest().add(value).digest();
    }
}
