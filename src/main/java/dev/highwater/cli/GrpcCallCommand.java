package dev.highwater.cli;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.highwater.core.grpc.CallOutcome;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcMethods;
import dev.highwater.core.grpc.GrpcSchema;
import dev.highwater.core.grpc.JsonMessages;
import dev.highwater.core.grpc.OpenCall;
import dev.highwater.core.grpc.RequestJsonException;
import dev.highwater.core.grpc.WorkbenchSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code grpc call SERVICE/METHOD}: any method of any of the four kinds, requests as JSON, each response printed
 * as one JSON line; a status other than OK is its code, message and trailers on stderr, and exit 1.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Calls any method with JSON requests; prints each response as one JSON line.",
                "As grpcurl, for the four kinds of call. All requests are read and checked against the method's",
                "request type before the call starts, so one that does not fit sends nothing. A status other",
                "than OK prints its code, message and trailers on stderr and exits 1. The types come from the",
                "target's server reflection, unless --descriptor-set or --proto is given."},
        footer = "%nThe target and its options (TLS, -H, --max-time) come before the subcommand:%n"
                + "  highwater grpc --target HOST:PORT [options] call pkg.Service/Method -d '{...}'")
final class GrpcCallCommand implements Callable<Integer> {

    private static final String STDIN = "@";
    /** A status sent without a response comes with the response's headers: this one says nothing to a user. */
    private static final String TRANSPORT_HEADER = "content-type";

    @Parameters(paramLabel = "METHOD", description = "pkg.Service/Method (or pkg.Service.Method)")
    String method;

    @Option(names = {"-d", "--data"}, paramLabel = "JSON",
            description = {"the request as JSON; for client and bidi streams, several objects one",
                    "after another; @ reads them from standard input; none given: {}"})
    String data;

    @CommandLine.Mixin
    GrpcSchemaOptions schemas;

    @CommandLine.ParentCommand
    GrpcCommand grpc;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cl = spec.commandLine();
        if (!looksLikeAMethod(method)) {
            throw new CommandLine.ParameterException(cl, "'" + method + "' is not a method: give it as "
                    + "package.Service/Method");
        }
        if (data != null && data.startsWith(STDIN) && !data.equals(STDIN)) {
            throw new CommandLine.ParameterException(cl, "-d @ reads the requests from standard input: for a file, "
                    + "redirect it (-d @ < " + data.substring(1) + ")");
        }
        String text = requestText();
        ChannelSettings settings = grpc.settings(GrpcCommand.UNARY_DEADLINE).withDeadlineOnStreams(grpc.deadlineGiven());
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        try (WorkbenchSession session = GrpcSchemaOptions.open(grpc, settings)) {
            GrpcSchema schema = schemas.load(session, err);
            Descriptors.MethodDescriptor m;
            try {
                m = schema.method(method);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
            List<DynamicMessage> requests = requests(m, text);
            OpenCall call = session.start(m, response -> {
                out.println(JsonMessages.compact(response));
                out.flush();
            });
            requests.forEach(call::send);
            call.halfClose();
            CallOutcome outcome;
            try {
                outcome = call.outcome().get();
            } catch (InterruptedException e) {
                call.cancel();
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the call ended without a status", e); // the outcome never fails
            }
            out.flush();
            if (outcome.ok()) {
                return 0;
            }
            // "no answer within" would misread a stream that answered until its deadline
            boolean endedByDeadline = "DEADLINE_EXCEEDED".equals(outcome.code()) && outcome.received() > 0;
            err.println("highwater: " + (endedByDeadline ? "DEADLINE_EXCEEDED: the deadline (--max-time) ended the "
                    + "call after " + outcome.received() + " responses." : outcome.message()));
            for (Map.Entry<String, List<String>> t : outcome.trailers().entrySet()) {
                if (t.getKey().equals(TRANSPORT_HEADER)) {
                    continue;
                }
                for (String v : t.getValue()) {
                    err.println("highwater: trailer " + t.getKey() + ": " + v);
                }
            }
            err.flush();
            return 1;
        }
    }

    /** package.Service/Method or package.Service.Method, checked by its shape only. */
    private static boolean looksLikeAMethod(String name) {
        String n = name.strip();
        int cut = n.indexOf('/') >= 0 ? n.lastIndexOf('/') : n.lastIndexOf('.');
        return cut > 0 && cut < n.length() - 1 && !n.contains(" ");
    }

    private String requestText() {
        if (data == null) {
            return "{}";
        }
        if (!data.equals(STDIN)) {
            return data;
        }
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("standard input could not be read", e);
        }
    }

    /**
     * The requests for {@code m}: any number for client and bidi streams, exactly one otherwise (blank text is the
     * empty request, as in the workbench). A request that does not fit is bad usage when typed after -d, an
     * explained failure when it came on standard input.
     */
    private List<DynamicMessage> requests(Descriptors.MethodDescriptor m, String text) {
        boolean fromStdin = STDIN.equals(data);
        Descriptors.Descriptor type = m.getInputType();
        try {
            List<DynamicMessage> all = JsonMessages.parseAll(text, type);
            if (m.isClientStreaming()) {
                return all;
            }
            if (all.isEmpty() && !fromStdin) {
                return List.of(JsonMessages.parse(text, type));
            }
            if (all.size() != 1) {
                throw new RequestJsonException(null, GrpcMethods.fullName(m) + " is a " + GrpcMethods.kind(m)
                        + " call: it takes exactly one request, and " + (all.isEmpty() ? "none" : all.size())
                        + (fromStdin ? " came on standard input" : " were given"));
            }
            return all;
        } catch (RequestJsonException e) {
            String why = m.isClientStreaming() ? e.getMessage() : e.getMessage().replaceFirst("^message 1: ", "");
            String line = "nothing was sent: " + why;
            if (fromStdin) {
                throw new CommandFailure(line);
            }
            throw new CommandLine.ParameterException(spec.commandLine(), line);
        }
    }
}
