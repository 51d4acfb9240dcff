package dev.highwater.core.grpc;

import java.time.Instant;

/**
 * One finished call, as the history keeps it.
 *
 * @param started      when it started
 * @param method       full method name, service/method
 * @param kind         unary, server streaming, client streaming or bidi
 * @param code         the status code's name (OK, NOT_FOUND, …)
 * @param message      the status message, or empty
 * @param latencyNanos start to close
 * @param sent         messages sent
 * @param received     messages received
 * @param grpcurlCommand the same call as a grpcurl command, rendered when asked (most never are)
 */
public record CallRecord(Instant started, String method, String kind, String code, String message,
                         long latencyNanos, long sent, long received,
                         java.util.function.Supplier<String> grpcurlCommand) {

    /** The call as a grpcurl command. */
    public String grpcurl() {
        return grpcurlCommand.get();
    }
}
