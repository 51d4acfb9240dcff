package dev.highwater.grpc;

import io.grpc.Status;

import java.time.Duration;

/** One sentence for a failed call: what happened at which target, and what to check. */
public final class StatusAdvice {

    private StatusAdvice() {
    }

    /**
     * Explains {@code status} from a call to {@code target}, given the deadline it ran with (null: none).
     * TLS failures name the check that failed, since the handshake's own words are buried in the cause.
     */
    public static String explain(String target, Duration deadline, Status status) {
        String detail = detail(status);
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> "DEADLINE_EXCEEDED: no answer from " + target
                    + (deadline == null ? "" : " within " + seconds(deadline))
                    + ": check the address, that the server is running, and the deadline.";
            case UNAVAILABLE -> tls(detail) != null
                    ? "UNAVAILABLE: the TLS handshake with " + target + " failed (" + tls(detail) + ")."
                    : detail.contains("Connection refused")
                    ? "UNAVAILABLE: " + target + " is unreachable (connection refused): check the address and that "
                    + "the server is running."
                    : detail.contains("Network closed for unknown reason")
                    ? "UNAVAILABLE: " + target + " closed the connection at once: it may expect TLS (check plaintext "
                    + "versus TLS)."
                    : "UNAVAILABLE: " + target + " is unreachable (" + detail
                    + "): check the address, that the server is running, and plaintext versus TLS.";
            case UNIMPLEMENTED -> "UNIMPLEMENTED: " + target + " does not offer that method" + suffix(detail) + ".";
            case UNAUTHENTICATED -> "UNAUTHENTICATED" + suffix(detail) + ": check the metadata headers (credentials).";
            case PERMISSION_DENIED -> "PERMISSION_DENIED" + suffix(detail) + ": check the credentials' rights.";
            case CANCELLED -> "CANCELLED" + suffix(detail) + ".";
            default -> status.getCode() + suffix(detail) + ".";
        };
    }

    /** The status description, or the innermost cause's message, or the code's name. */
    public static String detail(Status status) {
        if (status.getDescription() != null && !status.getDescription().isBlank()) {
            String d = status.getDescription();
            Throwable cause = status.getCause();
            String inner = innermost(cause);
            return inner == null || d.contains(inner) ? d : d + ": " + inner;
        }
        String inner = innermost(status.getCause());
        return inner == null ? status.getCode().name() : inner;
    }

    private static String innermost(Throwable t) {
        String message = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getClass().getSimpleName() + ": " + c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return message;
    }

    // The handshake's failures, in words a user can act on
    private static String tls(String detail) {
        String d = detail.toLowerCase(java.util.Locale.ROOT);
        if (d.contains("pkix path") || d.contains("unable to find valid certification path")
                || d.contains("certificate_unknown") || d.contains("unknown_ca")) {
            return "the server's certificate is not signed by a trusted CA: check --cacert / the trust store";
        }
        if (d.contains("no subject alternative") || d.contains("hostname") || d.contains("no name matching")) {
            return "the server's certificate does not name this host: connect by a name it carries, or set the "
                    + "authority override";
        }
        if (d.contains("bad_certificate") || d.contains("certificate_required")) {
            return "the server refused our client certificate: check --cert/--key (mutual TLS)";
        }
        if (d.contains("not an ssl/tls record") || d.contains("notsslrecordexception")
                || d.contains("first record does not look like a tls handshake")) {
            return "the server does not speak TLS on this port: connect with plaintext";
        }
        if (d.contains("ssl") || d.contains("handshake") || d.contains("tls")) {
            return detail;
        }
        return null;
    }

    private static String suffix(String detail) {
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
