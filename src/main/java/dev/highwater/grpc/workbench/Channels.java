package dev.highwater.grpc.workbench;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.connect.TransportSecurity;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Opens a channel from {@link ChannelSettings}: plaintext, TLS or mutual TLS from PEM or PKCS12 files. */
public final class Channels {

    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private Channels() {
    }

    /**
     * @throws IllegalArgumentException with one sentence when the target or a certificate file is unusable
     */
    public static ManagedChannel open(ChannelSettings s) {
        if (s.target() == null || s.target().isBlank()) {
            throw new IllegalArgumentException("No gRPC target: enter host:port.");
        }
        String target = s.target().strip();
        // checked here: gRPC would take a port out of range, fail on its resolver thread and leave the call to
        // wait for its deadline
        BootstrapList.hostPortProblem(target, "gRPC target").ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        ChannelCredentials credentials = credentials(s);
        NettyChannelBuilder b;
        try {
            b = NettyChannelBuilder.forTarget(target, credentials);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A channel to " + target + " cannot be made: " + e.getMessage(), e);
        }
        b.maxInboundMessageSize(MAX_MESSAGE_BYTES);
        if (s.authority() != null && !s.authority().isBlank()) {
            b.overrideAuthority(s.authority().strip());
        }
        if (s.keepalive() != null) {
            b.keepAliveTime(s.keepalive().toMillis(), TimeUnit.MILLISECONDS).keepAliveWithoutCalls(true);
            if (s.keepaliveTimeout() != null) {
                b.keepAliveTimeout(s.keepaliveTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return b.build();
    }

    private static ChannelCredentials credentials(ChannelSettings s) {
        if (s.security() == TransportSecurity.PLAINTEXT) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            if (s.ca() != null) {
                if (TlsFiles.isPkcs12(s.ca())) {
                    tls.trustManager(TlsFiles.trustStore(s.ca(), s.storePassword(), "CA file").getTrustManagers());
                } else {
                    tls.trustManager(new ByteArrayInputStream(TlsFiles.pemCertificates(s.ca(), "CA file")));
                }
            }
            if (s.security() == TransportSecurity.MUTUAL_TLS) {
                if (s.cert() == null) {
                    throw new IllegalArgumentException("Mutual TLS needs a client certificate (PEM with its key, "
                            + "or a PKCS12 key store).");
                }
                if (TlsFiles.isPkcs12(s.cert())) {
                    tls.keyManager(TlsFiles.keyStore(s.cert(), s.storePassword(), "client key store")
                            .getKeyManagers());
                } else {
                    if (s.key() == null) {
                        throw new IllegalArgumentException("Mutual TLS with a PEM certificate needs its private key "
                                + "file too.");
                    }
                    tls.keyManager(
                            new ByteArrayInputStream(TlsFiles.pemCertificates(s.cert(), "client certificate file")),
                            new ByteArrayInputStream(TlsFiles.pemPrivateKey(s.key(), "client key file")));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The TLS files could not be used: " + e.getMessage()
                    + ". Check the paths, the formats (PEM or PKCS12) and the password.", e);
        }
        return tls.build();
    }
}
