package dev.highwater.ui.grpc;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A pasted hash: hex as the tables show it, base64 as the workbench's JSON shows it. */
class HashTextTest {

    private static final String HEX = "3c7936a864ed732f0a1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef";
    private static final byte[] HASH = HexFormat.of().parseHex(HEX);

    @Test
    void hexIsReadWithOrWithoutItsDecorations() {
        assertArrayEquals(HASH, HashText.parse(HEX));
        assertArrayEquals(HASH, HashText.parse("  0x" + HEX.toUpperCase() + "\n"));
        assertArrayEquals(HexFormat.of().parseHex("00ff10"), HashText.parse("00:ff:10"));
    }

    @Test
    void base64IsReadPaddedOrNotAndUrlSafe() {
        String padded = Base64.getEncoder().encodeToString(HASH);
        assertArrayEquals(HASH, HashText.parse(padded));
        assertArrayEquals(HASH, HashText.parse(padded.replace("=", "")));
        assertArrayEquals(HASH, HashText.parse(Base64.getUrlEncoder().encodeToString(HASH)));
    }

    @Test
    void neitherIsSaidInOneSentence() {
        for (String bad : new String[] {"", "   ", "xyz", "00fg", "not a hash!", "0x123"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HashText.parse(bad), bad);
            assertEquals(HashText.EXPECTED, e.getMessage());
        }
    }
}
