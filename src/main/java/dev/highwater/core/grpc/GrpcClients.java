package dev.highwater.core.grpc;

/**
 * Everything the front ends do with gRPC targets, made by the composition root: workbench sessions, the
 * indexer's blocks and transactions, probes, and types from reflection.
 */
public interface GrpcClients extends WorkbenchSession.Factory, GrpcProbe, ReflectedSchemas {

    /** The indexer on the settings' target; nothing is opened until its first call. */
    IndexerConnection indexer(ChannelSettings settings);
}
