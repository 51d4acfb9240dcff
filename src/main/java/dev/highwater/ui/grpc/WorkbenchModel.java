package dev.highwater.ui.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.app.BackgroundTasks;
import dev.highwater.core.Subscription;
import dev.highwater.core.grpc.CallHistory;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.CallRecord;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.JsonTemplate;
import dev.highwater.core.grpc.OpenCall;
import dev.highwater.core.grpc.ReflectionException;
import dev.highwater.core.grpc.WorkbenchSession;
import dev.highwater.core.lag.LagFormat;
import dev.highwater.core.schema.DescriptorSetSource;
import dev.highwater.core.schema.SchemaCatalog;
import dev.highwater.ui.Coalescer;
import dev.highwater.ui.UiThread;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The gRPC workbench's state: the connection form, the methods known from reflection and the shared schema
 * catalog, the request editor, the running call with its responses, status and trailers, and the session's
 * history with latency percentiles. Network work runs on background tasks and gRPC's threads; properties
 * change on the UI thread only. It never holds a Node.
 */
public final class WorkbenchModel {

    static final int HISTORY = 500;

    /** How reflection names its catalog sources ("reflection of host:port"). */
    private static final String REFLECTION = "reflection of ";

    /**
     * The call the screen waits for, as one value so that no thread sees half of a change.
     *
     * @param call   stands for the call whose end the screen waits for; null: none
     * @param stream the call's open stream, for send and finish; null until it is open (never for unary calls)
     * @param cancel cancels the call; null until it has started
     */
    private record CallState(Object call, OpenCall stream, Runnable cancel) {
        static final CallState NONE = new CallState(null, null, null);
    }

    private final SchemaCatalog catalog;
    private final BackgroundTasks tasks;
    private final UiThread ui;
    private final WorkbenchSession.Factory sessions;
    private final CallHistory callHistory = new CallHistory(HISTORY);
    private final Subscription catalogListener;
    private final Subscription ticker;
    private final ResponseFeed feed;
    private final Coalescer<Boolean> methodsChanged;
    private WorkbenchSession session; // guarded by this
    private final AtomicReference<CallState> state = new AtomicReference<>(CallState.NONE);
    private volatile boolean disposed;

    // ---- Properties ----
    private final ConnectionForm form = new ConnectionForm();
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("Not connected.");
    private final ReadOnlyStringWrapper connectionProblem = new ReadOnlyStringWrapper("");
    private final ObservableList<MethodChoice> methods = FXCollections.observableArrayList();
    private final ObjectProperty<MethodChoice> selectedMethod = new SimpleObjectProperty<>();
    private final StringProperty requestText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper requestProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper callRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusCode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper trailersText = new ReadOnlyStringWrapper("");
    private final ObservableList<CallRecord> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper percentilesText = new ReadOnlyStringWrapper("No calls yet.");
    private final ObservableList<MethodFigures> figures = FXCollections.observableArrayList();
    private final ObservableList<MethodFigures> figuresView = FXCollections.unmodifiableObservableList(figures);
    private final ReadOnlyStringWrapper callTitle = new ReadOnlyStringWrapper("Call");
    /** The catalog source of the connected target's reflection; null while none is connected. UI thread. */
    private String reflected;
    private final ObservableList<MethodChoice> methodsView = FXCollections.unmodifiableObservableList(methods);
    private final ObservableList<CallRecord> historyView = FXCollections.unmodifiableObservableList(history);

    /** @param target the connection's gRPC target, plaintext, preselected (null: none) */
    public WorkbenchModel(SchemaCatalog catalog, BackgroundTasks tasks, UiThread ui,
                          WorkbenchSession.Factory sessions, String target) {
        this(catalog, tasks, ui, sessions, target == null ? null : ChannelSettings.plaintext(target));
    }

    /**
     * @param sessions   opens a session on the form's settings
     * @param connection the connection's gRPC target and transport, preselected (null: none)
     */
    public WorkbenchModel(SchemaCatalog catalog, BackgroundTasks tasks, UiThread ui,
                          WorkbenchSession.Factory sessions, ChannelSettings connection) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.ui = ui;
        this.sessions = sessions;
        this.feed = new ResponseFeed(ui);
        this.methodsChanged = new Coalescer<>(ui, ignored -> refreshMethods());
        this.catalogListener = catalog.onChange(() -> methodsChanged.offer(Boolean.TRUE));
        this.ticker = tasks.every(Duration.ofSeconds(1), () -> {
            if (state.get().call() != null) {
                feed.refresh();
            }
        });
        selectedMethod.addListener((obs, old, m) -> {
            boolean same = m != null && old != null && m.fullName().equals(old.fullName());
            if (same && sameMessages(m.method(), old.method())) {
                return; // the same method learned again: the request being edited stays
            }
            requestText.set(m == null ? "" : JsonTemplate.of(m.method().getInputType()));
            requestProblem.set("");
            if (!callRunning.get() && !same) {
                clearCall(); // another method's result would read as this one's
            }
        });
        if (connection != null) {
            form.target().set(connection.target());
            form.security().set(connection.security());
            form.caFile().set(connection.ca() == null ? "" : connection.ca().toString());
            form.certFile().set(connection.cert() == null ? "" : connection.cert().toString());
            form.keyFile().set(connection.key() == null ? "" : connection.key().toString());
        }
        refreshMethods();
    }

    // ---- Properties ----

    public ConnectionForm form() {
        return form;
    }

    public ReadOnlyStringProperty connectionText() {
        return connectionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionProblem() {
        return connectionProblem.getReadOnlyProperty();
    }

    public ObservableList<MethodChoice> methods() {
        return methodsView;
    }

    public ObjectProperty<MethodChoice> selectedMethod() {
        return selectedMethod;
    }

    public StringProperty requestText() {
        return requestText;
    }

    /** Why the request was not sent (bad JSON: the field and why), or empty. */
    public ReadOnlyStringProperty requestProblem() {
        return requestProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty callRunning() {
        return callRunning.getReadOnlyProperty();
    }

    /** A client or bidi stream is open for more requests. */
    public ReadOnlyBooleanProperty canSend() {
        return canSend.getReadOnlyProperty();
    }

    public ResponseFeed feed() {
        return feed;
    }

    /** The last call's status in one line: code, latency, message. */
    public ReadOnlyStringProperty statusText() {
        return statusText.getReadOnlyProperty();
    }

    /** The last call's status code (OK, NOT_FOUND, …), empty while none has ended. */
    public ReadOnlyStringProperty statusCode() {
        return statusCode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty trailersText() {
        return trailersText.getReadOnlyProperty();
    }

    /** Newest first. */
    public ObservableList<CallRecord> history() {
        return historyView;
    }

    /** The figures of the method of the newest call: its latency percentiles, or a stream's own figures. */
    public ReadOnlyStringProperty percentilesText() {
        return percentilesText.getReadOnlyProperty();
    }

    /** Per method, the most recently called first: unary latency percentiles; streams by their own figures. */
    public ObservableList<MethodFigures> methodFigures() {
        return figuresView;
    }

    /** "Call · GetTransaction": which method the Call pane's result belongs to. */
    public ReadOnlyStringProperty callTitle() {
        return callTitle.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Opens a session on the form's settings and learns the target's services by reflection. */
    public void connect() {
        ChannelSettings settings = settingsOrSay();
        if (settings == null) {
            return;
        }
        connectionText.set("Connecting to " + settings.target() + "…");
        connectionProblem.set("");
        reflected = null;
        refreshMethods(); // the previous target's methods are not this one's
        tasks.run(() -> {
            try {
                WorkbenchSession s = sessionFor(settings, true);
                SchemaCatalog.Source source = s.reflect();
                post(() -> reflected = source.name()); // before the catalog's change repaints the list
                catalog.put(source);
                post(() -> {
                    connectionText.set("Connected to " + settings.target() + ": " + WorkbenchWords.services(source)
                            + " services learned by reflection.");
                    connectionProblem.set(WorkbenchWords.notLoaded(source).strip());
                });
            } catch (ReflectionException e) {
                boolean noReflection = e.noReflection();
                post(() -> {
                    connectionText.set(noReflection ? "Connected to " + settings.target()
                            + " (no reflection: the methods below come from the loaded schema sources)."
                            : "Not connected.");
                    connectionProblem.set(e.getMessage());
                });
            } catch (IllegalArgumentException e) {
                post(() -> {
                    connectionText.set("Not connected.");
                    connectionProblem.set(e.getMessage());
                });
            }
        });
    }

    /**
     * Loads a descriptor set (protoc --descriptor_set_out, with --include_imports) into the shared catalog, for
     * a server without reflection; the Messages area decodes with it too.
     */
    public void loadDescriptorSet(java.nio.file.Path file) {
        connectionProblem.set("");
        tasks.run(() -> {
            try {
                SchemaCatalog.Source source = DescriptorSetSource.load(file);
                catalog.put(source);
                post(() -> connectionProblem.set(file.getFileName() + ": " + source.files().size() + " files, "
                        + WorkbenchWords.services(source) + " services loaded." + WorkbenchWords.notLoaded(source)));
            } catch (IllegalArgumentException e) {
                post(() -> connectionProblem.set(e.getMessage()));
            }
        });
    }

    /**
     * Starts a call of the selected method. Unary and server streaming send the editor's request and finish;
     * client and bidi streaming send the editor's requests (one JSON object or several) and stay open for
     * {@link #send()}, {@link #finish()} and {@link #cancel()}.
     */
    public void call() {
        MethodChoice m = selectedMethod.get();
        if (m == null) {
            requestProblem.set("Choose a method first.");
            return;
        }
        ChannelSettings settings = settingsOrSay();
        if (settings == null) {
            return;
        }
        Object token = new Object();
        // the previous call's end no longer speaks for the screen
        CallState previous = state.getAndSet(new CallState(token, null, null));
        if (previous.cancel() != null) {
            previous.cancel().run();
        }
        String request = requestText.get();
        int generation = feed.restart();
        requestProblem.set("");
        statusText.set("Calling " + m.fullName() + "…");
        callTitle.set("Call · " + m.method().getName());
        statusCode.set("");
        trailersText.set("");
        callRunning.set(true);
        canSend.set(false); // until the stream is open
        tasks.run(() -> {
            try {
                WorkbenchSession s = sessionFor(settings, false);
                if (!m.sendsStream() && !m.method().isServerStreaming()) {
                    // the same path as a blocking stub: events on this background thread, no extra hops
                    WorkbenchSession.UnaryResult r = s.unary(m.method(), request, cancel -> started(token, null,
                            cancel));
                    if (r.response() != null) {
                        feed.add(generation, r.response());
                    }
                    ended(token, r.outcome());
                    return;
                }
                // parsed before the call starts: a request that does not fit sends nothing
                List<DynamicMessage> requests = m.sendsStream()
                        ? JsonMessages.parseAll(request, m.method().getInputType())
                        : List.of(JsonMessages.parse(request, m.method().getInputType()));
                OpenCall call = s.start(m.method(), r -> feed.add(generation, r));
                call.outcome().thenAccept(o -> ended(token, o));
                if (!started(token, call, call::cancel)) {
                    return;
                }
                requests.forEach(call::send);
                if (m.sendsStream()) {
                    // only now: more requests (Send, a JSON lines file, Finish) come after the editor's, never
                    // between them or before them on another thread
                    post(() -> canSend.set(state.get().stream() == call));
                } else {
                    call.halfClose();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalArgumentException | IllegalStateException e) {
                if (state.getAndUpdate(now -> now.call() == token ? CallState.NONE : now).call() != token) {
                    return; // another call replaced it: the screen speaks for that one
                }
                post(() -> {
                    requestProblem.set(e.getMessage());
                    callRunning.set(false);
                    canSend.set(false);
                    statusText.set("Not sent.");
                });
            }
        });
    }

    /** Sends the editor's requests on the open client or bidi stream. */
    public void send() {
        OpenCall call = state.get().stream();
        if (call == null) {
            requestProblem.set("No stream is open: start one first.");
            return;
        }
        String request = requestText.get();
        requestProblem.set("");
        tasks.run(() -> {
            try {
                JsonMessages.parseAll(request, call.method().getInputType()).forEach(call::send);
            } catch (IllegalArgumentException | IllegalStateException e) {
                post(() -> requestProblem.set(e.getMessage()));
            }
        });
    }

    /** Sends every line of a JSONL file on the open client or bidi stream; a bad line stops it and is named. */
    public void sendFile(java.nio.file.Path file) {
        OpenCall call = state.get().stream();
        if (call == null) {
            requestProblem.set("No stream is open: start one first.");
            return;
        }
        tasks.run(() -> {
            try {
                int sent = JsonLines.send(file, call);
                post(() -> requestProblem.set(LagFormat.count(sent) + " requests sent from " + file.getFileName()
                        + "."));
            } catch (IllegalArgumentException | IllegalStateException e) {
                post(() -> requestProblem.set(e.getMessage()));
            }
        });
    }

    /** Half-closes the open stream: no more requests. */
    public void finish() {
        OpenCall call = state.get().stream();
        if (call != null) {
            canSend.set(false);
            tasks.run(call::halfClose);
        }
    }

    public void cancel() {
        Runnable c = state.get().cancel();
        if (c != null) {
            c.run();
        }
    }

    /** The editor's call as a grpcurl command, or a sentence saying why there is none. */
    public String grpcurl() {
        return copied((m, settings) -> CopiedCommands.grpcurl(m, settings, requestText.get()));
    }

    /**
     * The editor's call as a {@code highwater grpc call} command, or a sentence saying why there is none. Types
     * loaded from a descriptor set or a .proto folder are named on it; the connected target's come from its
     * reflection there too.
     */
    public String highwater() {
        return copied((m, settings) -> CopiedCommands.highwater(m, settings, requestText.get(), fileSourceOf(m)));
    }

    /** A copied command for the chosen method, or as a shell comment why there is none (no method, bad JSON). */
    private String copied(java.util.function.BiFunction<MethodChoice, ChannelSettings, String> render) {
        MethodChoice m = selectedMethod.get();
        if (m == null) {
            return "# choose a method first";
        }
        try {
            return render.apply(m, form.settings());
        } catch (IllegalArgumentException e) {
            return "# " + e.getMessage();
        }
    }

    /**
     * The descriptor set or .proto folder the method's service was loaded from; null when the connected target's
     * reflection has it, or only the built-in types do.
     */
    private SchemaCatalog.Source fileSourceOf(MethodChoice m) {
        String service = m.method().getService().getFullName();
        SchemaCatalog.Source files = null;
        for (SchemaCatalog.Source source : catalog.sources()) {
            boolean has = source.files().stream().flatMap(f -> f.getServices().stream())
                    .anyMatch(sv -> sv.getFullName().equals(service));
            if (has && source.name().equals(reflected)) {
                return null;
            }
            if (has && files == null && !source.name().startsWith(REFLECTION)
                    && !source.name().equals(SchemaCatalog.BUILT_IN)) {
                files = source;
            }
        }
        return files;
    }

    public void dispose() {
        disposed = true;
        catalogListener.close();
        ticker.close();
        cancel();
        WorkbenchSession s;
        synchronized (this) {
            s = session;
            session = null;
        }
        if (s != null) {
            tasks.run(s::close);
        }
    }

    // ---- inside ----

    /**
     * The call has started: the screen can cancel it and send on its stream. One that another call replaced
     * meanwhile is cancelled at once.
     *
     * @return whether the screen still waits for it
     */
    private boolean started(Object token, OpenCall stream, Runnable cancel) {
        if (state.updateAndGet(now -> now.call() == token ? new CallState(token, stream, cancel) : now).call()
                == token) {
            return true;
        }
        cancel.run();
        return false;
    }

    private void ended(Object token, CallOutcome o) {
        List<CallRecord> calls = callHistory.calls();
        List<MethodFigures> byMethod = MethodFigures.of(calls);
        post(() -> {
            history.setAll(calls);
            figures.setAll(byMethod);
            percentilesText.set(byMethod.isEmpty() ? "No calls yet." : byMethod.getFirst().line());
            if (state.getAndUpdate(now -> now.call() == token ? CallState.NONE : now).call() != token) {
                return; // an earlier call, cancelled when this one started: the history has it
            }
            callRunning.set(false);
            canSend.set(false);
            statusCode.set(o.code());
            statusText.set(o.code() + " · " + WorkbenchWords.millis(o.latencyNanos()) + " · " + o.sent() + " sent, "
                    + LagFormat.count(o.received()) + " received" + (o.message().isEmpty() ? "" : " · " + WorkbenchWords.withoutCode(o)));
            trailersText.set(o.trailers().isEmpty() ? "no trailers" : o.trailers().entrySet().stream()
                    .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                    .collect(Collectors.joining("\n")));
            feed.refresh();
        });
    }

    private ChannelSettings settingsOrSay() {
        try {
            return form.settings();
        } catch (IllegalArgumentException e) {
            connectionProblem.set(e.getMessage());
            return null;
        }
    }

    /** The open session when its settings are these, else a new one (the old one closed). */
    private synchronized WorkbenchSession sessionFor(ChannelSettings settings, boolean fresh) {
        if (session != null && !fresh && session.settings().equals(settings)) {
            return session;
        }
        if (session != null) {
            session.close();
        }
        session = sessions.open(settings, callHistory);
        return session;
    }

    /** Empties the Call pane: status, trailers and responses. */
    private void clearCall() {
        feed.restart();
        statusText.set("");
        statusCode.set("");
        trailersText.set("");
        callTitle.set("Call");
    }

    /**
     * The methods of the loaded schema sources and of the connected target's reflection; another target's
     * reflection stays in the shared catalog (the Messages screen decodes with it) but its methods are not
     * offered, since calling them would go to this target.
     */
    private void refreshMethods() {
        MethodChoice selected = selectedMethod.get();
        java.util.Map<String, com.google.protobuf.Descriptors.ServiceDescriptor> services = new java.util.TreeMap<>();
        for (SchemaCatalog.Source source : catalog.sources()) {
            if (!source.name().startsWith(REFLECTION) || source.name().equals(reflected)) {
                source.files().forEach(f -> f.getServices().forEach(sv -> services.put(sv.getFullName(), sv)));
            }
        }
        List<MethodChoice> all = services.values().stream()
                .flatMap(s -> s.getMethods().stream()).map(MethodChoice::new).toList();
        if (all.equals(methods)) {
            return; // the list, and the row selected in it, stay as they are
        }
        methods.setAll(all);
        if (selected != null) {
            MethodChoice now = all.stream().filter(c -> c.fullName().equals(selected.fullName())).findFirst()
                    .orElse(null);
            // null when its target is no longer connected; else the list's own entry, so the list shows it
            selectedMethod.set(now);
        }
    }

    private static boolean sameMessages(Descriptors.MethodDescriptor a, Descriptors.MethodDescriptor b) {
        return a.getInputType().toProto().equals(b.getInputType().toProto());
    }

    private void post(Runnable r) {
        if (!disposed) {
            ui.post(r);
        }
    }
}
