package dev.highwater.core.grpc;

import dev.highwater.core.connect.TransportSecurity;
import com.google.protobuf.Descriptors;
import dev.highwater.core.connect.GrpcTls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to reach a gRPC target and how to call it.
 *
 * @param target        host:port
 * @param security      plaintext, TLS or mutual TLS
 * @param ca            the CA to trust, PEM or PKCS12 (.p12/.pfx); null: the system's
 * @param cert          mutual TLS: the client certificate chain (PEM), or a PKCS12 key store with key and chain
 * @param key           mutual TLS with PEM: the client's private key (PKCS#8); null with PKCS12
 * @param storePassword the PKCS12 stores' password, or null
 * @param authority     the server name to verify and send, or null for the target's host
 * @param headers       metadata sent with every call
 * @param keepalive     the interval of keepalive pings, or null for none
 * @param keepaliveTimeout how long a ping may go unanswered before the connection is dropped, or null
 * @param deadline      each call's deadline, or null for none
 * @param deadlineOnStreams whether the deadline also ends calls with streamed responses (server streaming and
 *                      bidi); by default they run until they end or are cancelled, as live streams do
 */
public record ChannelSettings(String target, TransportSecurity security, Path ca, Path cert, Path key,
                              String storePassword, String authority, List<Map.Entry<String, String>> headers,
                              Duration keepalive, Duration keepaliveTimeout, Duration deadline,
                              boolean deadlineOnStreams) {

    public ChannelSettings {
        headers = List.copyOf(headers);
    }

    public static ChannelSettings plaintext(String target) {
        return new ChannelSettings(target, TransportSecurity.PLAINTEXT, null, null, null, null, null, List.of(),
                null, null, Duration.ofSeconds(10), false);
    }

    /** The gRPC transport a connection profile asks for (plaintext, TLS with an optional CA, mutual TLS from PEM). */
    public static ChannelSettings of(String target, GrpcTls tls) {
        ChannelSettings plain = plaintext(target);
        return switch (tls == null ? TransportSecurity.PLAINTEXT : tls.mode()) {
            case PLAINTEXT -> plain;
            case TLS -> plain.withTls(tls.caPem(), null);
            case MUTUAL_TLS -> plain.withMutualTls(tls.caPem(), tls.certPem(), tls.keyPem(), null);
        };
    }

    public ChannelSettings withDeadline(Duration d) {
        return new ChannelSettings(target, security, ca, cert, key, storePassword, authority, headers, keepalive,
                keepaliveTimeout, d, deadlineOnStreams);
    }

    public ChannelSettings withDeadlineOnStreams(boolean onStreams) {
        return new ChannelSettings(target, security, ca, cert, key, storePassword, authority, headers, keepalive,
                keepaliveTimeout, deadline, onStreams);
    }

    /** The deadline a call of this method gets: none for streamed responses unless asked for. */
    public Duration deadlineFor(Descriptors.MethodDescriptor method) {
        return method.isServerStreaming() && !deadlineOnStreams ? null : deadline;
    }

    public ChannelSettings withHeaders(List<Map.Entry<String, String>> h) {
        return new ChannelSettings(target, security, ca, cert, key, storePassword, authority, h, keepalive,
                keepaliveTimeout, deadline, deadlineOnStreams);
    }

    public ChannelSettings withTls(Path caFile, String password) {
        return new ChannelSettings(target, TransportSecurity.TLS, caFile, null, null, password, authority, headers,
                keepalive, keepaliveTimeout, deadline, deadlineOnStreams);
    }

    public ChannelSettings withMutualTls(Path caFile, Path certFile, Path keyFile, String password) {
        return new ChannelSettings(target, TransportSecurity.MUTUAL_TLS, caFile, certFile, keyFile, password,
                authority, headers, keepalive, keepaliveTimeout, deadline, deadlineOnStreams);
    }

    public ChannelSettings withKeepalive(Duration interval, Duration timeout) {
        return new ChannelSettings(target, security, ca, cert, key, storePassword, authority, headers, interval,
                timeout, deadline, deadlineOnStreams);
    }
}
