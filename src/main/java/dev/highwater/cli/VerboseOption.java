package dev.highwater.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --verbose} (a picocli mixin), the same on every command that reaches a cluster or a backend: the client
 * libraries' own warnings and errors on stderr, and the stack trace of an unexpected failure above its line.
 */
final class VerboseOption {

    static final String NAME = "--verbose";

    // inherited, so that it may also follow a subcommand (grpc --target T get-transaction HEX --verbose)
    @Option(names = NAME, scope = ScopeType.INHERIT,
            description = "also show the Kafka and gRPC client libraries' warnings and errors")
    boolean verbose;
}
