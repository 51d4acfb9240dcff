package dev.highwater.cli;

import dev.highwater.core.connect.BootstrapList;
import dev.highwater.core.grpc.ChannelSettings;
import dev.highwater.core.grpc.GrpcCallException;
import dev.highwater.core.grpc.GrpcClients;
import dev.highwater.core.grpc.IndexerConnection;
import dev.highwater.core.grpc.IndexerJson;
import dev.highwater.core.grpc.MetadataHeaders;
import dev.highwater.core.connect.TransportSecurity;
import dev.highwater.proto.blockchain.Block;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * gRPC from the command line: any service's methods listed, described and called as JSON (as grpcurl does), and
 * the blockchain indexer's own calls, a transaction by hash or the stream of blocks.
 */
@Command(name = "grpc", mixinStandardHelpOptions = true,
        description = {"Lists, describes and calls any gRPC service with JSON requests and responses (as grpcurl",
                "does), or calls a BlockchainIndexer by its own calls. The options below come before the subcommand.",
                "Plaintext by default; --cacert (and --cert/--key for mutual TLS) or --tls for TLS."},
        subcommands = {GrpcListCommand.class, GrpcDescribeCommand.class, GrpcCallCommand.class})
public final class GrpcCommand implements Runnable {

    static final Duration UNARY_DEADLINE = Duration.ofSeconds(10);

    private final GrpcClients grpc;

    // required, but checked when a call needs it rather than by picocli: picocli checks a parent's required
    // options before a subcommand's --help, so "grpc call --help" would ask for a target
    @Option(names = "--target", paramLabel = "HOST:PORT", description = "the gRPC server (required)")
    String target;

    @CommandLine.Mixin
    VerboseOption verbose;

    @Option(names = "--plaintext", description = "no TLS (the default)")
    boolean plaintext;

    @Option(names = "--tls", description = "TLS, trusting the system's CAs unless --cacert is given")
    boolean tls;

    @Option(names = "--cacert", paramLabel = "FILE", description = "the CA to trust: PEM, or PKCS12 (.p12/.pfx)")
    Path cacert;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "client certificate for mutual TLS: PEM (with --key), or a PKCS12 key store")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "the client's private key (PEM, PKCS#8)")
    Path key;

    @Option(names = "--store-password-env", paramLabel = "VAR",
            description = "environment variable holding the PKCS12 stores' password (never on the command line)")
    String storePasswordEnv;

    @Option(names = {"--authority", "--servername"}, paramLabel = "NAME",
            description = "the server name to verify and send")
    String authority;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "metadata header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = {"--deadline", "--max-time"}, paramLabel = "SECONDS",
            description = {"deadline in seconds, streams included (default: 10 for calls with one response;",
                    "none for subscribe-blocks and other streamed responses; reflection has at least 10)"})
    Double deadlineSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param grpc how the command reaches the indexer */
    public GrpcCommand(GrpcClients grpc) {
        this.grpc = grpc;
    }

    /** How the subcommands reach gRPC targets. */
    GrpcClients clients() {
        return grpc;
    }

    /** Whether --deadline (--max-time) was given: then it ends calls with streamed responses too. */
    boolean deadlineGiven() {
        return deadlineSeconds != null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: list, describe, call, get-transaction HEX or subscribe-blocks");
    }

    @Command(name = "get-transaction", description = "Prints the transaction with that hash (hex) as one JSON object.")
    int getTransaction(@Parameters(paramLabel = "HEX", description = "the transaction's hash in hex") String hex)
            throws InterruptedException {
        byte[] hash = hash(hex);
        ChannelSettings settings = settings(UNARY_DEADLINE);
        try (IndexerConnection indexer = indexer(settings)) {
            var tx = opened(() -> indexer.transaction(hash, settings.deadline()));
            out().println(IndexerJson.transaction(tx));
            out().flush();
            return 0;
        } catch (GrpcCallException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    @Command(name = "subscribe-blocks",
            description = "Prints blocks from --from on (history, then live), one JSON object per line.")
    int subscribeBlocks(
            @Option(names = "--from", paramLabel = "H", description = "first height (default 0: the oldest kept)")
            long from,
            @Option(names = "--limit", paramLabel = "N", description = "stop after N blocks (default 0: never)")
            int limit) {
        if (from < 0 || limit < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--from and --limit must be 0 or more");
        }
        ChannelSettings settings = settings(null);
        PrintWriter out = out();
        try (IndexerConnection indexer = indexer(settings)) {
            Consumer<Block> print = b -> {
                out.println(IndexerJson.block(b));
                out.flush();
            };
            opened(() -> indexer.subscribeBlocks(from, limit, settings.deadline(), print));
            return 0;
        } catch (GrpcCallException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private IndexerConnection indexer(ChannelSettings settings) {
        requireResolvableHost(settings.target().strip());
        return grpc.indexer(settings);
    }

    /**
     * Runs the first call on the connection, which opens it: settings it cannot use (a TLS file that is not
     * what it should be) end the command in one line.
     */
    private static <T> T opened(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    /**
     * A host that does not resolve ends the command here: handed to gRPC, it fails on gRPC's resolver thread,
     * which logs a warning with a stack trace before the call can say anything.
     */
    static void requireResolvableHost(String target) {
        String host = target.substring(0, target.lastIndexOf(':'));
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new CommandFailure("The host " + bare + " of the gRPC target " + target + " does not resolve to an"
                    + " address: check the host name.");
        }
    }

    ChannelSettings settings(Duration defaultDeadline) {
        CommandLine cl = spec.commandLine();
        if (target == null) {
            throw new CommandLine.ParameterException(cl, "Missing required option: '--target=HOST:PORT'");
        }
        BootstrapList.hostPortProblem(target.strip(), "gRPC target").ifPresent(problem -> {
            throw new CommandLine.ParameterException(cl, problem);
        });
        boolean anyTls = tls || cacert != null || cert != null || key != null;
        if (plaintext && anyTls) {
            throw new CommandLine.ParameterException(cl, "--plaintext cannot go with --tls, --cacert, --cert or --key");
        }
        if (key != null && cert == null) {
            throw new CommandLine.ParameterException(cl, "--key needs --cert (the client certificate)");
        }
        Duration deadline = defaultDeadline;
        if (deadlineSeconds != null) {
            if (!(deadlineSeconds > 0 && deadlineSeconds <= 86_400)) {
                throw new CommandLine.ParameterException(cl, "--deadline must be more than 0 and at most 86400 seconds");
            }
            deadline = Duration.ofMillis(Math.round(deadlineSeconds * 1000));
        }
        List<Map.Entry<String, String>> parsed = new ArrayList<>();
        for (String h : headers) {
            try {
                parsed.add(MetadataHeaders.one(h, "-H"));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        String password = storePasswordEnv == null ? null : System.getenv(storePasswordEnv);
        if (storePasswordEnv != null && password == null) {
            throw new CommandLine.ParameterException(cl, "the environment variable " + storePasswordEnv + " is not set");
        }
        TransportSecurity security = cert != null ? TransportSecurity.MUTUAL_TLS
                : anyTls ? TransportSecurity.TLS : TransportSecurity.PLAINTEXT;
        return new ChannelSettings(target, security, cacert, cert, key, password, authority, parsed, null, null,
                deadline, true);
    }

    private byte[] hash(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            byte[] hash = HexFormat.of().parseHex(digits);
            if (hash.length > 0) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "'" + hex + "' is not a transaction hash: "
                + "give it in hex (an even number of 0-9, a-f digits)");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
