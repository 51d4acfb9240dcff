package dev.highwater.ui.shell;

import dev.highwater.core.connect.ConnectionProfile;
import dev.highwater.core.connect.ClientSettings;
import dev.highwater.core.connect.ClusterCheck;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcProbe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** What a cluster and its gRPC backend (null: none asked) answered to one probe. */
record ProbeAnswers(ClusterCheck.Result kafka, GrpcProbe.Result grpc) {

    static ProbeAnswers ask(ClusterCheck cluster, GrpcProbe grpc, ConnectionProfile profile, ClientSettings settings,
                            String grpcTarget, Duration timeout) {
        // side by side, so a silent cluster and a silent backend are both said within the one timeout the
        // messages name, not one after the other
        CompletableFuture<GrpcProbe.Result> grpcProbe = grpcTarget == null || grpcTarget.isBlank()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> grpc.probe(ChannelSettings.of(grpcTarget,
                profile.grpcTls()), timeout), task -> Thread.ofVirtual().name("grpc-probe").start(task));
        ClusterCheck.Result kafka = cluster.probe(settings, timeout);
        return new ProbeAnswers(kafka, grpcProbe.join());
    }

    ConnectionStatus status(String profileName, ClientSettings settings, String grpcTarget) {
        StringBuilder detail = new StringBuilder(kafka.reachable()
                ? kafka.brokers() + " broker(s), cluster " + kafka.clusterId() : kafka.problem());
        if (grpc != null) {
            detail.append(" · ").append(grpc.reachable()
                    ? (grpc.services().isEmpty() ? "gRPC answers (no reflection)" : grpc.services().size() + " gRPC service(s)")
                    : grpc.problem());
        }
        return new ConnectionStatus(profileName, settings.bootstrapServers(), grpc == null ? null : grpcTarget,
                kafka.reachable(), grpc == null ? null : grpc.reachable(), detail.toString());
    }
}
