package dev.highwater.cli;

import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.RunningDemo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the embedded backends headless until interrupted. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Starts a real Kafka broker (KRaft) and the gRPC indexer in this process, with demo traffic",
                "and demo consumer groups. Prints one line 'kafka=HOST:PORT grpc=HOST:PORT' once both accept",
                "connections (with --schema-registry, ' schema-registry=URL' follows); stops cleanly on Ctrl-C",
                "or SIGTERM."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--kafka-port", paramLabel = "N", description = "Kafka port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int kafkaPort = DemoOptions.DEFAULT_KAFKA_PORT;

    @Option(names = "--grpc-port", paramLabel = "N", description = "gRPC port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int grpcPort = DemoOptions.DEFAULT_GRPC_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "keep Kafka's data here across runs (default: a temporary folder removed at exit)")
    Path dataDir;

    @Option(names = "--rate", paramLabel = "N", description = "demo transactions per second (default ${DEFAULT-VALUE}; 0 = no traffic)")
    int rate = DemoOptions.DEFAULT_RATE;

    @Option(names = "--hot-key-share", paramLabel = "F", description = "share of transactions sent by the hot sender, 0 to 1 (default ${DEFAULT-VALUE})")
    double hotKeyShare = DemoOptions.DEFAULT_HOT_KEY_SHARE;

    @Option(names = "--schema-registry", description = {
            "also start a schema registry on loopback (a JVM of its own) and write registry-framed records:",
            "Protobuf payments on payments.registry whose schema evolves (v2 after a minute, v3 after two)",
            "and Avro accounts on accounts.avro. A registry that cannot start is said on stderr and the demo",
            "runs without it."})
    boolean schemaRegistry;

    @CommandLine.ParentCommand
    HighwaterCommand top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DemoOptions options;
        try {
            options = new DemoOptions(kafkaPort, grpcPort, dataDir, rate, hotKeyShare, schemaRegistry);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        RunningDemo demo = top.adapters().demo().start(options);
        Thread hook = new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("kafka=" + demo.kafkaBootstrap() + " grpc=" + demo.grpcTarget()
                + demo.registryUrl().map(url -> " schema-registry=" + url).orElse(""));
        out.flush();
        demo.registryProblem().ifPresent(problem -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("highwater: " + problem.replaceAll("\\.$", "") + "; the demo runs without a schema registry.");
            err.flush();
        });
        stopped.await();
        return 0;
    }
}
