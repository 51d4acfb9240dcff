package dev.highwater.grpc;

import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.core.grpc.GrpcProbe;
import dev.highwater.core.grpc.IndexerConnection;
import dev.highwater.core.grpc.WorkbenchSession;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.schemas.TargetSchemas;
import dev.highwater.grpc.workbench.GrpcSession;

import java.time.Duration;

/** The front ends' gRPC work over grpc-java's Netty transport. */
public final class NettyGrpcClients implements GrpcClients {

    @Override
    public WorkbenchSession open(ChannelSettings settings, CallHistory history) {
        return new GrpcSession(settings, history);
    }

    @Override
    public IndexerConnection indexer(ChannelSettings settings) {
        return new GrpcIndexerConnection(settings);
    }

    @Override
    public GrpcProbe.Result probe(ChannelSettings target, Duration timeout) {
        return TargetProbe.probe(target, timeout);
    }

    @Override
    public SchemaCatalog.Source load(ChannelSettings target) {
        return TargetSchemas.load(target);
    }
}
