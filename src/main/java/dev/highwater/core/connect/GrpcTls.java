package dev.highwater.core.connect;


import java.nio.file.Path;

/**
 * How a profile reaches its gRPC backend: plaintext, TLS (optionally trusting a given CA) or mutual TLS (the
 * client's own certificate and key), all as PEM files.
 */
public record GrpcTls(TransportSecurity mode, Path caPem, Path certPem, Path keyPem) {

    public static final GrpcTls PLAINTEXT = new GrpcTls(TransportSecurity.PLAINTEXT, null, null, null);

    public GrpcTls {
        mode = mode == null ? TransportSecurity.PLAINTEXT : mode;
    }
}
