package dev.highwater.core.grpc;

import dev.highwater.core.connect.TransportSecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A call rendered as the grpcurl command that makes the same call, to paste into a terminal or a ticket.
 *
 * @param target    host:port
 * @param security  plaintext, TLS or mutual TLS
 * @param caFile    the CA to trust (PEM), or null for the system's
 * @param certFile  the client certificate (PEM), mutual TLS only
 * @param keyFile   the client key (PEM), mutual TLS only
 * @param authority the authority (server name) override, or null
 * @param headers   metadata, in order
 * @param deadline  the call's deadline, or null
 * @param method    service/method (package.Service/Method)
 * @param requests  each request message as JSON (several for client and bidi streams)
 */
public record GrpcurlCommand(String target, TransportSecurity security, String caFile, String certFile,
                             String keyFile, String authority, List<Map.Entry<String, String>> headers,
                             Duration deadline, String method, List<String> requests) {

    public GrpcurlCommand {
        headers = List.copyOf(headers);
        requests = List.copyOf(requests);
    }

    public String render() {
        List<String> notes = new ArrayList<>();
        List<String> words = new ArrayList<>();
        words.add("grpcurl");
        if (security == TransportSecurity.PLAINTEXT) {
            words.add("-plaintext");
        } else {
            file(words, notes, "-cacert", caFile);
            if (security == TransportSecurity.MUTUAL_TLS) {
                file(words, notes, "-cert", certFile);
                file(words, notes, "-key", keyFile);
            }
        }
        if (authority != null && !authority.isBlank()) {
            words.add("-authority");
            words.add(quote(authority));
        }
        for (Map.Entry<String, String> h : headers) {
            words.add("-H");
            words.add(quote(h.getKey() + ": " + h.getValue()));
        }
        if (deadline != null) {
            words.add("-max-time");
            words.add(seconds(deadline));
        }
        words.add("-d");
        words.add(quote(requests.isEmpty() ? "{}" : String.join("\n", requests.stream().map(String::strip).toList())));
        words.add(target);
        words.add(method);
        StringBuilder out = new StringBuilder();
        notes.forEach(n -> out.append("# ").append(n).append('\n'));
        return out.append(String.join(" ", words)).toString();
    }

    private static void file(List<String> words, List<String> notes, String flag, String path) {
        if (path == null || path.isBlank()) {
            return;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
            notes.add("grpcurl reads PEM files: convert " + path + " with openssl pkcs12 first");
        }
        words.add(flag);
        words.add(quote(path));
    }

    /** Single-quoted for a POSIX shell; a quote inside becomes '\''. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000)
                : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }
}
