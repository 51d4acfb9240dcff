package dev.highwater.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on this machine's loopback: whether one accepts connections, and a free one. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** Whether something accepts a TCP connection on 127.0.0.1:port within a quarter of a second. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port other than those given: the system may hand the port it just gave back again once its socket is
     * closed, so two calls of {@link #free()} for two listeners of one server can name the same port.
     */
    public static int freeOtherThan(int... taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = free();
            if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("the system keeps giving the same port back"));
    }

    /** A port nothing listens on right now (the system's choice). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
