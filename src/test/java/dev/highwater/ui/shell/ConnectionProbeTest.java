package dev.highwater.ui.shell;

import dev.highwater.app.Adapters;
import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ClientSettings;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A connection's probe says what it says within the time its words name. */
class ConnectionProbeTest {

    @Test
    void aSilentClusterAndASilentBackendAreBothSaidWithinTheFiveSecondsNamed() throws Exception {
        try (ServerSocket kafka = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket grpc = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String bootstrap = "127.0.0.1:" + kafka.getLocalPort();
            String target = "127.0.0.1:" + grpc.getLocalPort();
            long started = System.nanoTime();
            ConnectionStatus s = MainModel.probe(Adapters.real().probe(),
                    ConnectionProfile.plain("silent", bootstrap, target),
                    ClientSettings.of(bootstrap), target);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertFalse(s.kafkaUp());
            assertTrue(s.detail().contains("within 5 s"), s.detail());
            // both waits run side by side: one after the other took over 10 s
            assertTrue(seconds < 8, "said after " + seconds + " s: " + s.detail());
        }
    }
}
