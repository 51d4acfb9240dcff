package dev.highwater.cli;

import dev.highwater.core.grpc.GrpcSchema;
import dev.highwater.core.grpc.ProtoDescribe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code grpc describe [SYMBOL]}: a service, method, message or enum as .proto text, as grpcurl describes it. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Prints a service, method, message or enum as .proto text.",
                "As grpcurl describe: a method with its request and response types, and which of them stream;",
                "with no SYMBOL, every service. The types come from the target's server reflection, unless",
                "--descriptor-set or --proto is given."},
        footer = "%nThe target and its options (TLS, -H, --max-time) come before the subcommand:%n"
                + "  highwater grpc --target HOST:PORT [options] describe [SYMBOL]")
final class GrpcDescribeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SYMBOL", arity = "0..1",
            description = {"a full name: pkg.Service, pkg.Service/Method (or pkg.Service.Method),",
                    "pkg.Message or pkg.Enum"})
    String symbol;

    @CommandLine.Mixin
    GrpcSchemaOptions schemas;

    @CommandLine.ParentCommand
    GrpcCommand grpc;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GrpcSchema schema = schemas.load(grpc, grpc.settings(GrpcCommand.UNARY_DEADLINE), spec.commandLine().getErr());
        if (symbol == null) {
            schema.serviceNames().forEach(s -> out.print(ProtoDescribe.of(schema.service(s))));
        } else {
            out.print(ProtoDescribe.of(schema.symbol(symbol).orElseThrow(() -> new CommandFailure(schema.origin()
                    + " has no service, method, message or enum named " + symbol.strip() + " (its services: "
                    + (schema.serviceNames().isEmpty() ? "none" : String.join(", ", schema.serviceNames())) + ")."))));
        }
        out.flush();
        return 0;
    }
}
