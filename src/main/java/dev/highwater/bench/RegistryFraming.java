package dev.highwater.bench;

import dev.highwater.core.BackendStartException;
import dev.highwater.demo.SchemaRegistryServer;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/** What the benchmarks' registry cases share: Confluent's framing, and a real registry to register with. */
final class RegistryFraming {

    private RegistryFraming() {
    }

    /** One of our own `.proto` files (proto/, carried in the jar at its root), as a producer would register it. */
    static String ownProto(String file) {
        try (var in = RegistryFraming.class.getResourceAsStream("/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is not on the class path");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The frame's header: magic byte 0, then the schema id in 4 bytes, big-endian. */
    static void header(ByteArrayOutputStream out, int id) {
        out.write(0);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
    }

    /**
     * A registry on loopback, its distribution unpacked in {@code cache} (once); null, said in the report, when
     * none can start (no network to fetch it, say): the other figures are still worth having.
     */
    static SchemaRegistryServer start(BenchReport report, Path cache) {
        try {
            return SchemaRegistryServer.start(SchemaRegistryServer.Options.defaults(cache));
        } catch (BackendStartException e) {
            report.note("no registry-framed figures: " + e.getMessage());
            return null;
        }
    }
}
