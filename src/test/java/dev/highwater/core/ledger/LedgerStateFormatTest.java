package dev.highwater.core.ledger;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot format holds any value a replay holds, and a read that goes astray is caught. */
class LedgerStateFormatTest {

    @Test
    void balancesOfAnySizeAndLongIdsReadBackExactly() {
        LedgerState s = new LedgerState(1);
        BigDecimal huge = new BigDecimal("1e700").add(new BigDecimal("0.01"));
        int a = s.accounts.indexOf("L".repeat(70_000));
        s.base.add(a, huge);
        s.base.add(s.accounts.indexOf("acct-\\xff"), huge.negate());
        s.tail.add(a, 5, 0, 0, huge);
        LedgerState back = LedgerState.decode(s.encode());
        assertEquals(huge, back.base.get(back.accounts.indexOf("L".repeat(70_000))));
        assertEquals(huge.negate(), back.base.get(back.accounts.indexOf("acct-\\xff")));
        assertEquals(huge, back.tail.amount(0));
    }

    @Test
    void aMisreadIsCaughtEvenWhenTheChecksumIsRight() {
        LedgerState s = new LedgerState(1);
        s.base.add(s.accounts.indexOf("acct-1"), new BigDecimal("137.50"));
        s.base.add(s.accounts.indexOf("acct-2"), new BigDecimal("-37.50"));
        byte[] good = s.encode();
        // make the writer's old mistake by hand: a length that says one byte less, checksum made anew
        byte[] bad = good.clone();
        int at = indexOf(bad, "acct-1".getBytes()) - 4;
        ByteBuffer.wrap(bad, at, 4).putInt(5);
        CRC32 crc = new CRC32();
        crc.update(bad, 0, bad.length - 8);
        ByteBuffer.wrap(bad, bad.length - 8, 8).putLong(crc.getValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LedgerState.decode(bad));
        assertTrue(e.getMessage().startsWith("the snapshot cannot be read"), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
