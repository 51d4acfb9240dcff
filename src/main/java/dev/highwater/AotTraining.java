package dev.highwater;

import dev.highwater.app.Adapters;
import dev.highwater.app.AppLogging;
import dev.highwater.cli.HighwaterCommand;
import dev.highwater.core.demo.DemoOptions;
import dev.highwater.core.demo.RunningDemo;
import dev.highwater.demo.DemoBackends;
import dev.highwater.kafka.DemoTopics;
import picocli.CommandLine;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;

/**
 * The training run of the installers' ahead-of-time cache (packaging/aot-cache.sh, at package time): the JVM
 * records the classes this run loads and links, and how its methods ran, and the installed launchers start from
 * that record. So it does what users start the app for, in one process and without a display: the help and the
 * version, the embedded demo (Kafka's broker, its clients, gRPC, H2), and against it {@code lag} and
 * {@code tail}. What is printed is thrown away.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) {
        AppLogging.start();
        run("--help");
        run("--version");
        run("completion", "bash");
        run("lag", "--help");
        run("tail", "--help");
        try (RunningDemo demo = Adapters.embeddedDemo().start(DemoOptions.defaults().withPorts(0, 0).withRate(500))) {
            String bootstrap = demo.kafkaBootstrap();
            run("lag", "--bootstrap", bootstrap, "--group", DemoBackends.PROCESSOR_GROUP, "--interval", "0.2");
            run("lag", "--bootstrap", bootstrap, "--group", DemoBackends.PROCESSOR_GROUP, "--interval", "0.2",
                    "--format", "json");
            run("tail", "--bootstrap", bootstrap, "--topic", DemoTopics.TRANSACTIONS, "--limit", "500");
            run("tail", "--bootstrap", bootstrap, "--topic", DemoTopics.TRANSACTIONS, "--limit", "500",
                    "--format", "text");
        }
        System.exit(0); // the broker and clients may leave non-daemon threads behind once stopped
    }

    private static void run(String... args) {
        CommandLine cl = HighwaterCommand.commandLine(args);
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
        cl.setOut(nowhere);
        cl.setErr(nowhere);
        int exit = cl.execute(args);
        if (exit != 0) {
            // a run that failed trained less, but the cache it makes is still valid: say so and go on
            System.err.println("training: highwater " + String.join(" ", List.of(args)) + " exited " + exit);
        }
    }
}
