package dev.highwater.core.grpc;

import java.time.Duration;
import java.util.List;

/** Asks a gRPC target, by server reflection, which services it offers; says in one sentence when it cannot. */
@FunctionalInterface
public interface GrpcProbe {

    /** Reachable with the services it lists (empty when it has no reflection), or not, with the reason. */
    record Result(boolean reachable, List<String> services, String problem) {
    }

    /** Waits at most about {@code timeout}; over the transport (TLS, mutual TLS) the settings ask for. */
    Result probe(ChannelSettings target, Duration timeout);
}
