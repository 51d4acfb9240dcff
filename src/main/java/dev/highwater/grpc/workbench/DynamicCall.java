package dev.highwater.grpc.workbench;

import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.grpc.StatusAdvice;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One call of any type, driven by hand: send while receiving, half-close, cancel. Responses go to the consumer
 * one at a time; at most {@link #PREFETCH} are asked for ahead of those handled (flow control, in batches so
 * that a fast stream does not pay a request per message), so a fast server waits for us rather than filling
 * memory.
 */
public final class DynamicCall {

    static final int PREFETCH = 128;

    private final ClientCall<DynamicMessage, DynamicMessage> call;
    private final CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final long started = System.nanoTime();

    private DynamicCall(ClientCall<DynamicMessage, DynamicMessage> call) {
        this.call = call;
    }

    /**
     * Starts the call; nothing is sent yet.
     *
     * @param deadline null for none
     */
    public static DynamicCall start(Channel channel, MethodDescriptor<DynamicMessage, DynamicMessage> method,
                                    List<Map.Entry<String, String>> headers, Duration deadline, String target,
                                    Consumer<DynamicMessage> onResponse) {
        CallOptions options = CallOptions.DEFAULT;
        if (deadline != null) {
            options = options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        }
        DynamicCall c = new DynamicCall(channel.newCall(method, options));
        c.call.start(c.listener(onResponse, target, deadline), metadata(headers));
        c.call.request(PREFETCH);
        return c;
    }

    public void send(DynamicMessage request) {
        call.sendMessage(request);
        sent.incrementAndGet();
    }

    /** No more requests: the server may answer (client streaming) or end (bidi). */
    public void halfClose() {
        call.halfClose();
    }

    public void cancel() {
        call.cancel("cancelled by the user", null);
    }

    /** Completes when the call closes, with its status; never exceptionally. */
    public CompletableFuture<CallOutcome> outcome() {
        return outcome;
    }

    public long received() {
        return received.get();
    }

    private ClientCall.Listener<DynamicMessage> listener(Consumer<DynamicMessage> onResponse, String target,
                                                         Duration deadline) {
        return new ClientCall.Listener<>() {
            @Override
            public void onMessage(DynamicMessage message) {
                long n = received.incrementAndGet();
                try {
                    onResponse.accept(message);
                } finally {
                    if (n % (PREFETCH / 2) == 0) {
                        call.request(PREFETCH / 2);
                    }
                }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                long latency = System.nanoTime() - started;
                String message = status.isOk() ? "" : StatusAdvice.explain(target, deadline, status);
                outcome.complete(new CallOutcome(status.getCode().name(), message, map(trailers), latency,
                        sent.get(), received.get()));
            }
        };
    }

    /** The headers as gRPC metadata: names lower-cased, "-bin" values decoded from base64. */
    public static Metadata metadata(List<Map.Entry<String, String>> headers) {
        Metadata m = new Metadata();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().strip().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                m.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), Base64.getDecoder().decode(h.getValue().strip()));
            } else {
                m.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), h.getValue().strip());
            }
        }
        return m;
    }

    static Map<String, List<String>> map(Metadata trailers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String key : trailers.keys()) {
            List<String> values = new ArrayList<>();
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
                        .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
            } else {
                trailers.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).forEach(values::add);
            }
            out.put(key, values);
        }
        return out;
    }
}
