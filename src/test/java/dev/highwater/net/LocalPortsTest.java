package dev.highwater.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LocalPortsTest {

    /**
     * A broker's client and controller listeners each ask for a free port; the system often hands back the port
     * it just gave, and a broker with two listeners on one port does not start.
     */
    @Test
    void aSecondPortIsNeverTheFirst() {
        for (int i = 0; i < 500; i++) {
            int first = LocalPorts.free();
            assertNotEquals(first, LocalPorts.freeOtherThan(first));
        }
    }
}
