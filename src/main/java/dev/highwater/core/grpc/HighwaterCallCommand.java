package dev.highwater.core.grpc;

import dev.highwater.core.connect.TransportSecurity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A workbench call rendered as the {@code highwater grpc call} command that makes the same call, to run it again
 * from a terminal or a script.
 *
 * @param target           host:port
 * @param security         plaintext, TLS or mutual TLS
 * @param caFile           the CA to trust (PEM or PKCS12), or null for the system's
 * @param certFile         the client certificate (PEM, or a PKCS12 key store), mutual TLS only
 * @param keyFile          the client key (PEM), mutual TLS with a PEM certificate only
 * @param storePassword    whether the PKCS12 stores need a password (never written out: it goes in a variable)
 * @param authority        the authority (server name) override, or null
 * @param headers          metadata, in order
 * @param deadline         the call's deadline, or null
 * @param descriptorSets   descriptor sets the method's types come from (empty: the target's reflection)
 * @param protoPaths       .proto folders the method's types come from
 * @param method           service/method (package.Service/Method)
 * @param requests         each request message as JSON (several for client and bidi streams)
 */
public record HighwaterCallCommand(String target, TransportSecurity security, String caFile, String certFile,
                                   String keyFile, boolean storePassword, String authority,
                                   List<Map.Entry<String, String>> headers, Duration deadline,
                                   List<String> descriptorSets, List<String> protoPaths, String method,
                                   List<String> requests) {

    /** The variable the rendered command reads the PKCS12 stores' password from. */
    public static final String PASSWORD_VARIABLE = "HIGHWATER_STORE_PASSWORD";

    /** Words a POSIX shell takes as they are. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    public HighwaterCallCommand {
        headers = List.copyOf(headers);
        descriptorSets = List.copyOf(descriptorSets);
        protoPaths = List.copyOf(protoPaths);
        requests = List.copyOf(requests);
    }

    public String render() {
        List<String> words = new ArrayList<>(List.of("highwater", "grpc", "--target", word(target)));
        if (security == TransportSecurity.TLS && (caFile == null || caFile.isBlank())) {
            words.add("--tls");
        }
        if (security != TransportSecurity.PLAINTEXT) {
            option(words, "--cacert", caFile);
        }
        if (security == TransportSecurity.MUTUAL_TLS) {
            option(words, "--cert", certFile);
            option(words, "--key", keyFile);
        }
        boolean password = storePassword && security != TransportSecurity.PLAINTEXT;
        if (password) {
            words.add("--store-password-env");
            words.add(PASSWORD_VARIABLE);
        }
        option(words, "--authority", authority);
        for (Map.Entry<String, String> h : headers) {
            words.add("-H");
            words.add(GrpcurlCommand.quote(h.getKey() + ": " + h.getValue()));
        }
        if (deadline != null) {
            words.add("--max-time");
            words.add(seconds(deadline));
        }
        words.add("call");
        descriptorSets.forEach(f -> option(words, "--descriptor-set", f));
        protoPaths.forEach(p -> option(words, "--proto", p));
        words.add(word(method));
        // always given: no -d would be one empty request, while a stream may have been sent none ('')
        words.add("-d");
        words.add(GrpcurlCommand.quote(String.join(" ", requests.stream().map(String::strip).toList())));
        String command = String.join(" ", words);
        return password ? "# set " + PASSWORD_VARIABLE + " to the PKCS12 stores' password first\n" + command
                : command;
    }

    private static void option(List<String> words, String flag, String value) {
        if (value != null && !value.isBlank()) {
            words.add(flag);
            words.add(word(value.strip()));
        }
    }

    /** As it is when the shell takes it so, else single-quoted. */
    private static String word(String s) {
        return PLAIN.matcher(s).matches() ? s : GrpcurlCommand.quote(s);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000)
                : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }
}
