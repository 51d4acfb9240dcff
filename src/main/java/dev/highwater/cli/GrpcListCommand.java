package dev.highwater.cli;

import dev.highwater.core.grpc.GrpcSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code grpc list [SERVICE]}: the target's services, or one service's methods, one full name a line. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Prints the services, or a service's methods, one full name a line.",
                "As grpcurl list. The types come from the target's server reflection, unless --descriptor-set",
                "or --proto is given."},
        footer = "%nThe target and its options (TLS, -H, --max-time) come before the subcommand:%n"
                + "  highwater grpc --target HOST:PORT [options] list [SERVICE]")
final class GrpcListCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SERVICE", arity = "0..1", description = "a service's full name, e.g. pkg.Service")
    String service;

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
        if (service == null) {
            schema.serviceNames().forEach(out::println);
        } else {
            try {
                var s = schema.service(service);
                s.getMethods().forEach(m -> out.println(s.getFullName() + "." + m.getName()));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage());
            }
        }
        out.flush();
        return 0;
    }
}
