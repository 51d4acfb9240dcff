package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcMethods;
import dev.highwater.core.grpc.GrpcurlCommand;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.WorkbenchSession;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.StatusAdvice;
import dev.highwater.grpc.reflection.ReflectionSchemas;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The workbench's connection to one target: its channel, the calls of all four types over any method the
 * descriptors know, and the history of those calls.
 */
public final class GrpcSession implements WorkbenchSession {

    private static final Duration REFLECTION_DEADLINE = Duration.ofSeconds(10);

    /** The last unary request's text and message: calling again with the editor unchanged skips parsing. */
    private record Parsed(String json, Descriptors.Descriptor type, DynamicMessage message) {
    }

    private final ChannelSettings settings;
    private final ManagedChannel channel;
    private final Channel withHeaders;
    private volatile Parsed lastRequest;
    private final CallHistory history;
    /** gRPC's method for each method called, made once: a call then allocates no more than a generated stub's. */
    private final Map<Descriptors.MethodDescriptor, MethodDescriptor<DynamicMessage, DynamicMessage>> methods =
            new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException with one sentence when the settings cannot make a channel */
    public GrpcSession(ChannelSettings settings, CallHistory history) {
        this.settings = settings;
        this.channel = Channels.open(settings);
        this.withHeaders = ClientInterceptors.intercept(channel,
                MetadataUtils.newAttachHeadersInterceptor(DynamicCall.metadata(settings.headers())));
        this.history = history;
    }

    @Override
    public ChannelSettings settings() {
        return settings;
    }

    public Channel channel() {
        return channel;
    }

    /** The channel with the settings' metadata headers on every call, for generated stubs. */
    public Channel callChannel() {
        return withHeaders;
    }

    public CallHistory history() {
        return history;
    }

    /**
     * The target's types over server reflection (see {@link ReflectionSchemas}), asked with the settings'
     * headers as grpcurl's -H are: a server that wants credentials on every call answers reflection only with them.
     * It has at least {@link #REFLECTION_DEADLINE}: a short deadline is meant for the calls, while reflection, asked
     * once, also pays for opening the connection (a TLS handshake, a process just started on a busy machine).
     */
    @Override
    public SchemaCatalog.Source reflect() {
        Duration d = settings.deadline() == null || settings.deadline().compareTo(REFLECTION_DEADLINE) < 0
                ? REFLECTION_DEADLINE : settings.deadline();
        return ReflectionSchemas.load(withHeaders, settings.target(), d);
    }

    /**
     * A unary call from JSON to JSON, waiting for the answer (at most the deadline).
     *
     * @throws dev.highwater.core.grpc.RequestJsonException before anything is sent, when the JSON does not fit
     */
    public UnaryResult unary(Descriptors.MethodDescriptor method, String json) throws InterruptedException {
        return unary(method, json, cancel -> { });
    }

    /**
     * As {@link #unary(Descriptors.MethodDescriptor, String)}, handing over an action that cancels the call.
     * It runs as a generated blocking stub does (gRPC's own blocking path, events on this thread), so the
     * workbench adds only the JSON and the history to a call.
     */
    @Override
    public UnaryResult unary(Descriptors.MethodDescriptor method, String json, Consumer<Runnable> onStart)
            throws InterruptedException {
        DynamicMessage request = parsed(json, method.getInputType());
        Duration deadline = settings.deadlineFor(method);
        CallOptions options = deadline == null ? CallOptions.DEFAULT
                : CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        AtomicReference<Metadata> headersIn = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        Channel traced = ClientInterceptors.intercept(withHeaders,
                MetadataUtils.newCaptureMetadataInterceptor(headersIn, trailers));
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        DynamicMessage response = null;
        Status status = Status.OK;
        Context.CancellableContext scope = Context.current().withCancellation();
        onStart.accept(() -> scope.cancel(null));
        Context previous = scope.attach();
        try {
            response = ClientCalls.blockingUnaryCall(traced, grpcMethod(method), options, request);
        } catch (StatusRuntimeException e) {
            status = e.getStatus();
            if (trailers.get() == null && e.getTrailers() != null) {
                trailers.set(e.getTrailers());
            }
        } finally {
            scope.detach(previous);
            scope.cancel(null);
        }
        long latency = System.nanoTime() - t0;
        CallOutcome outcome = new CallOutcome(status.getCode().name(),
                status.isOk() ? "" : StatusAdvice.explain(settings.target(), deadline, status),
                trailers.get() == null ? Map.of() : DynamicCall.map(trailers.get()), latency, 1, response == null ? 0 : 1);
        history.add(new CallRecord(started, GrpcMethods.fullName(method), GrpcMethods.kind(method),
                outcome.code(), outcome.message(), latency, 1, outcome.received(),
                () -> grpcurl(method, List.of(JsonMessages.compact(request)))));
        if (Thread.interrupted()) {
            throw new InterruptedException("the call was interrupted");
        }
        return new UnaryResult(outcome, response);
    }

    private MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(Descriptors.MethodDescriptor method) {
        return methods.computeIfAbsent(method, DynamicMethods::of);
    }

    private DynamicMessage parsed(String json, Descriptors.Descriptor type) {
        Parsed last = lastRequest;
        if (last != null && last.type() == type && last.json().equals(json)) {
            return last.message(); // messages are immutable: the same request again
        }
        DynamicMessage message = JsonMessages.parse(json, type);
        lastRequest = new Parsed(json, type, message);
        return message;
    }

    /** A server stream from one request; responses go to {@code onResponse} on gRPC's thread. */
    public WorkbenchCall serverStream(Descriptors.MethodDescriptor method, String json,
                                      Consumer<DynamicMessage> onResponse) {
        DynamicMessage request = JsonMessages.parse(json, method.getInputType());
        WorkbenchCall call = start(method, onResponse);
        call.send(request);
        call.halfClose();
        return call;
    }

    /**
     * A client stream of the given requests (all parsed first, so a bad one sends nothing), then half-closed.
     */
    public WorkbenchCall clientStream(Descriptors.MethodDescriptor method, List<String> jsonRequests,
                                      Consumer<DynamicMessage> onResponse) {
        List<DynamicMessage> requests = jsonRequests.stream()
                .map(j -> JsonMessages.parse(j, method.getInputType())).toList();
        WorkbenchCall call = start(method, onResponse);
        requests.forEach(call::send);
        call.halfClose();
        return call;
    }

    /** Starts a call of any type with nothing sent: the caller sends, half-closes or cancels. */
    @Override
    public WorkbenchCall start(Descriptors.MethodDescriptor method, Consumer<DynamicMessage> onResponse) {
        Instant started = Instant.now();
        DynamicCall call = DynamicCall.start(channel, grpcMethod(method), settings.headers(), settings.deadlineFor(method),
                settings.target(), onResponse);
        return new WorkbenchCall(method, call, c -> record(c, started));
    }

    /** The call as a grpcurl command with these requests. */
    public String grpcurl(Descriptors.MethodDescriptor method, List<String> requestJson) {
        return new GrpcurlCommand(settings.target(), settings.security(), path(settings.ca()), path(settings.cert()),
                path(settings.key()), settings.authority(), settings.headers(), settings.deadlineFor(method),
                GrpcMethods.fullName(method), requestJson).render();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CallOutcome record(WorkbenchCall call, Instant started) {
        CallOutcome o = call.rawOutcome().join();
        history.add(new CallRecord(started, GrpcMethods.fullName(call.method()),
                GrpcMethods.kind(call.method()), o.code(), o.message(), o.latencyNanos(), o.sent(),
                o.received(), () -> grpcurl(call.method(), call.sentJson())));
        return o;
    }

    private static String path(java.nio.file.Path p) {
        return p == null ? null : p.toString();
    }
}
