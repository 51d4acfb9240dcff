package dev.highwater.grpc.workbench;

import dev.highwater.core.grpc.TransportSecurity;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
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
        ChannelCredentials credentials = credentials(s);
        NettyChannelBuilder b;
        try {
            b = NettyChannelBuilder.forTarget(s.target().strip(), credentials);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s.target() + "' is not a gRPC target: use host:port.", e);
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
                if (isPkcs12(s.ca())) {
                    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    f.init(load(s.ca(), s.storePassword(), "CA trust store"));
                    tls.trustManager(f.getTrustManagers());
                } else {
                    tls.trustManager(readable(s.ca(), "CA file").toFile());
                }
            }
            if (s.security() == TransportSecurity.MUTUAL_TLS) {
                if (s.cert() == null) {
                    throw new IllegalArgumentException("Mutual TLS needs a client certificate (PEM with its key, "
                            + "or a PKCS12 key store).");
                }
                if (isPkcs12(s.cert())) {
                    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    f.init(load(s.cert(), s.storePassword(), "client key store"), password(s.storePassword()));
                    tls.keyManager(f.getKeyManagers());
                } else {
                    if (s.key() == null) {
                        throw new IllegalArgumentException("Mutual TLS with a PEM certificate needs its private key "
                                + "file too.");
                    }
                    tls.keyManager(readable(s.cert(), "client certificate").toFile(),
                            readable(s.key(), "client key").toFile());
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("The TLS files could not be used: " + e.getMessage()
                    + ". Check the paths, the formats (PEM or PKCS12) and the password.", e);
        }
        return tls.build();
    }

    private static boolean isPkcs12(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static Path readable(Path p, String what) {
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("The " + what + " " + p + " cannot be read: check the path.");
        }
        return p;
    }

    private static KeyStore load(Path p, String password, String what) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(readable(p, what))) {
            ks.load(in, password(password));
        }
        return ks;
    }

    private static char[] password(String p) {
        return p == null ? new char[0] : p.toCharArray();
    }
}
