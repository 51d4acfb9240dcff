package dev.highwater.grpc.workbench;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.grpc.GrpcurlCommand;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.grpc.reflection.ReflectionSchemas;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.stub.MetadataUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The workbench's connection to one target: its channel, the calls of all four types over any method the
 * descriptors know, and the history of those calls.
 */
public final class GrpcSession implements AutoCloseable {

    private static final Duration REFLECTION_DEADLINE = Duration.ofSeconds(10);

    /** A unary call's outcome and its response (null when the call failed). */
    public record UnaryResult(CallOutcome outcome, DynamicMessage response) {
        /** The response as indented JSON, or null. */
        public String responseJson() {
            return response == null ? null : JsonMessages.pretty(response);
        }
    }

    /** The last unary request's text and message: calling again with the editor unchanged skips parsing. */
    private record Parsed(String json, Descriptors.Descriptor type, DynamicMessage message) {
    }

    private final ChannelSettings settings;
    private final ManagedChannel channel;
    private volatile Parsed lastRequest;
    private final CallHistory history;

    /** @throws IllegalArgumentException with one sentence when the settings cannot make a channel */
    public GrpcSession(ChannelSettings settings, CallHistory history) {
        this.settings = settings;
        this.channel = Channels.open(settings);
        this.history = history;
    }

    public ChannelSettings settings() {
        return settings;
    }

    public Channel channel() {
        return channel;
    }

    /** The channel with the settings' metadata headers on every call, for generated stubs. */
    public Channel callChannel() {
        return ClientInterceptors.intercept(channel,
                MetadataUtils.newAttachHeadersInterceptor(DynamicCall.metadata(settings.headers())));
    }

    public CallHistory history() {
        return history;
    }

    /** The target's types over server reflection (see {@link ReflectionSchemas}). */
    public SchemaCatalog.Source reflect() {
        Duration d = settings.deadline() == null ? REFLECTION_DEADLINE : settings.deadline();
        return ReflectionSchemas.load(channel, settings.target(), d);
    }

    /**
     * A unary call from JSON to JSON, waiting for the answer (at most the deadline).
     *
     * @throws dev.highwater.core.grpc.RequestJsonException before anything is sent, when the JSON does not fit
     */
    public UnaryResult unary(Descriptors.MethodDescriptor method, String json) throws InterruptedException {
        return unary(method, json, c -> { });
    }

    /** As {@link #unary(Descriptors.MethodDescriptor, String)}, handing the started call over (to cancel it). */
    public UnaryResult unary(Descriptors.MethodDescriptor method, String json, Consumer<WorkbenchCall> onStart)
            throws InterruptedException {
        DynamicMessage request = parsed(json, method.getInputType());
        DynamicMessage[] response = new DynamicMessage[1];
        // as a blocking stub does: the call's events run on this waiting thread, saving two thread hops
        CallerRuns events = new CallerRuns();
        WorkbenchCall call = start(method, r -> response[0] = r, events);
        onStart.accept(call);
        call.send(request);
        call.halfClose();
        try {
            events.runUntil(call.outcome());
        } catch (InterruptedException e) {
            call.cancel();
            throw e;
        }
        CallOutcome outcome = call.outcome().join();
        return new UnaryResult(outcome, outcome.ok() ? response[0] : null);
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
    public WorkbenchCall start(Descriptors.MethodDescriptor method, Consumer<DynamicMessage> onResponse) {
        return start(method, onResponse, null);
    }

    private WorkbenchCall start(Descriptors.MethodDescriptor method, Consumer<DynamicMessage> onResponse,
                                java.util.concurrent.Executor events) {
        Instant started = Instant.now();
        DynamicCall call = DynamicCall.start(channel, method, settings.headers(), settings.deadlineFor(method),
                settings.target(), onResponse, events);
        return new WorkbenchCall(method, call, c -> record(c, started));
    }

    /** The call as a grpcurl command with these requests. */
    public String grpcurl(Descriptors.MethodDescriptor method, List<String> requestJson) {
        return new GrpcurlCommand(settings.target(), settings.security(), path(settings.ca()), path(settings.cert()),
                path(settings.key()), settings.authority(), settings.headers(), settings.deadlineFor(method),
                DynamicMethods.fullName(method), requestJson).render();
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
        history.add(new CallRecord(started, DynamicMethods.fullName(call.method()),
                DynamicMethods.kind(call.method()), o.code(), o.message(), o.latencyNanos(), o.sent(),
                o.received(), () -> grpcurl(call.method(), call.sentJson())));
        return o;
    }

    private static String path(java.nio.file.Path p) {
        return p == null ? null : p.toString();
    }
}
