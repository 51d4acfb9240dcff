package dev.highwater.core.grpc;

import java.util.List;
import java.util.Map;

/**
 * How a call ended.
 *
 * @param code         the status code's name (OK, NOT_FOUND, DEADLINE_EXCEEDED, …)
 * @param message      what the status says, in one sentence with what to check; empty when OK
 * @param trailers     the trailing metadata (binary values in base64)
 * @param latencyNanos from start to close
 * @param sent         messages sent
 * @param received     messages received
 */
public record CallOutcome(String code, String message, Map<String, List<String>> trailers, long latencyNanos,
                          long sent, long received) {

    public boolean ok() {
        return "OK".equals(code);
    }
}
