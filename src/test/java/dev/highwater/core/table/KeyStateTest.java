package dev.highwater.core.table;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key store against a plain map fold, on keys of every length from empty to longer than a slot holds (those
 * held in the slot, those kept as arrays, and the lengths where one becomes the other), through several growths.
 */
class KeyStateTest {

    record Held(int partition, long offset, long timestamp, byte[] value) {
    }

    @Test
    void holdsTheWinningRecordOfEveryKeyWhateverItsLength() {
        SplittableRandom random = new SplittableRandom(20);
        byte[][] keys = new byte[3_000][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = new byte[k % (KeyState.INLINE + 9)]; // 0 to 24 bytes
            random.nextBytes(keys[k]);
        }
        KeyState state = new KeyState(16);
        Map<String, Held> expected = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            byte[] key = keys[random.nextInt(keys.length)].clone(); // an equal key, never the same array
            int partition = random.nextInt(3);
            long offset = i;
            long timestamp = random.nextInt(5_000);
            byte[] value = random.nextInt(10) == 0 ? null : new byte[] {(byte) i};
            state.offer(key, partition, offset, timestamp, value, null);
            Held held = expected.get(HexFormat.of().formatHex(key));
            if (held == null || KeyState.wins(timestamp, partition, offset, held.timestamp, held.partition,
                    held.offset)) {
                expected.put(HexFormat.of().formatHex(key), new Held(partition, offset, timestamp, value));
            }
        }
        assertEquals(expected.size(), state.size());
        assertEquals(expected.values().stream().filter(h -> h.value == null).count(), state.tombstones());
        var seen = new HashSet<String>();
        for (int slot = 0; slot < state.slots(); slot++) {
            if (!state.held(slot)) {
                continue;
            }
            String key = HexFormat.of().formatHex(state.key(slot));
            assertTrue(seen.add(key), "each key held once: " + key);
            Held held = expected.get(key);
            assertEquals(held.partition, state.partition(slot), key);
            assertEquals(held.offset, state.offset(slot), key);
            assertEquals(held.timestamp, state.timestamp(slot), key);
            assertArrayEquals(held.value, state.value(slot), key);
            assertEquals(slot, state.slotOf(state.key(slot)), key);
        }
        assertEquals(-1, state.slotOf(new byte[KeyState.INLINE + 30]));
    }

    /**
     * Values of every size, some longer than a chunk takes, overwritten and tombstoned many times over: the bytes
     * the values take stay within 1.25 times the live ones (past a floor of the slots' own size), so the dead ones
     * were given back, and every value read after those compactions is still the one a plain map fold holds.
     */
    @Test
    void givesBackReplacedValuesAndKeepsTheWinnersThroughCompactions() {
        SplittableRandom random = new SplittableRandom(21);
        KeyState state = new KeyState(16);
        Map<String, Held> expected = new HashMap<>();
        long offered = 0;
        long live = 0;
        for (int i = 0; i < 60_000; i++) {
            byte[] key = Integer.toString(random.nextInt(2_000)).getBytes();
            int partition = random.nextInt(2);
            long timestamp = i / 3; // mostly later, so most records replace the value held
            byte[] value = null;
            int roll = random.nextInt(100);
            if (roll >= 15) {
                value = new byte[roll == 99 ? KeyState.LARGE + 1 + random.nextInt(1_000) : random.nextInt(400)];
                random.nextBytes(value);
                offered += value.length;
            }
            state.offer(key, partition, i, timestamp, value, null);
            Held held = expected.get(HexFormat.of().formatHex(key));
            if (held == null || KeyState.wins(timestamp, partition, i, held.timestamp, held.partition,
                    held.offset)) {
                live += (value == null ? 0 : value.length) - (held == null || held.value == null ? 0
                        : held.value.length);
                expected.put(HexFormat.of().formatHex(key), new Held(partition, i, timestamp, value));
            }
            assertEquals(live, state.liveValueBytes());
            assertTrue(state.valueBytes() <= live + Math.max(live / 4, state.slots() * 8L),
                    "values take " + state.valueBytes() + " bytes for " + live + " live");
        }
        assertTrue(offered > 20 * state.valueBytes(), "replaced values were given back");
        assertEquals(expected.size(), state.size());
        assertEquals(expected.values().stream().filter(h -> h.value == null).count(), state.tombstones());
        for (var e : expected.entrySet()) {
            int slot = state.slotOf(HexFormat.of().parseHex(e.getKey()));
            Held held = e.getValue();
            assertEquals(held.offset, state.offset(slot), e.getKey());
            assertEquals(held.value != null, state.hasValue(slot), e.getKey());
            assertArrayEquals(held.value, state.value(slot), e.getKey());
        }
    }
}
