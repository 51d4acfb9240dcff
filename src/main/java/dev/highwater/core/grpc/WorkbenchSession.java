package dev.highwater.core.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.schema.SchemaCatalog;

import java.util.function.Consumer;

/**
 * The workbench's connection to one target: the services it offers over reflection, and calls of all four
 * types over any method the descriptors know, each kept in the session's history.
 */
public interface WorkbenchSession extends AutoCloseable {

    /** A unary call's outcome and its response (null when the call failed). */
    record UnaryResult(CallOutcome outcome, DynamicMessage response) {
        /** The response as indented JSON, or null. */
        public String responseJson() {
            return response == null ? null : JsonMessages.pretty(response);
        }
    }

    ChannelSettings settings();

    /**
     * The target's types over server reflection.
     *
     * @throws ReflectionException with one sentence: no reflection ({@link ReflectionException#noReflection()}),
     *                             unreachable, too slow
     */
    SchemaCatalog.Source reflect();

    /**
     * A unary call from JSON, waiting for the answer (at most the deadline), handing over an action that cancels
     * it once it starts.
     *
     * @throws RequestJsonException before anything is sent, when the JSON does not fit
     */
    UnaryResult unary(Descriptors.MethodDescriptor method, String json, Consumer<Runnable> onStart)
            throws InterruptedException;

    /** Starts a call of any type with nothing sent; responses go to {@code onResponse} one at a time. */
    OpenCall start(Descriptors.MethodDescriptor method, Consumer<DynamicMessage> onResponse);

    @Override
    void close();

    /** Opens sessions; the settings' TLS files are read here, so it runs off the UI thread. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param history where the session's calls are kept
         * @throws IllegalArgumentException with one sentence when the settings cannot make a channel
         */
        WorkbenchSession open(ChannelSettings settings, CallHistory history);
    }
}
