package dev.highwater.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoding options are one contract: tail, report and table take the same ones, and completion offers them. */
class SchemaOptionsTest {

    private static final List<String> DECODING = List.of("--proto", "--descriptor-set", "--grpc-reflection",
            "--type", "--value", "--key-type", "--avsc", "--registry-type", "--schema-registry", "--registry-config");

    @Test
    void tailReportAndTableTakeTheSameDecodingOptions() {
        Map<String, String> tail = decoding("tail");
        assertEquals(DECODING.size(), tail.size(), tail.toString());
        assertTrue(tail.get("--type").contains("default auto"), tail.get("--type"));
        assertTrue(tail.get("--key-type").contains("default auto"), tail.get("--key-type"));
        assertEquals(tail, decoding("report"));
        assertEquals(tail, decoding("table"));
    }

    @Test
    void completionOffersTheDecodingOptionsOfEachCommand() {
        String script = CompletionScripts.bash(HighwaterCommand.commandLine());
        for (String command : List.of("tail", "report", "table")) {
            String function = script.substring(script.indexOf("function _picocli_highwater_" + command + "()"));
            String argOpts = function.lines().filter(l -> l.trim().startsWith("local arg_opts=")).findFirst()
                    .orElseThrow();
            for (String option : DECODING) {
                assertTrue(argOpts.contains("'" + option + "'"), command + " completion lacks " + option);
            }
        }
    }

    /** Each decoding option of a subcommand: what its help says of it and what it holds by default. */
    private static Map<String, String> decoding(String command) {
        CommandLine sub = HighwaterCommand.commandLine().getSubcommands().get(command);
        Map<String, String> found = new TreeMap<>();
        for (String name : DECODING) {
            OptionSpec o = sub.getCommandSpec().findOption(name);
            if (o != null) {
                found.put(name, String.join(",", o.names()) + " " + o.paramLabel() + " "
                        + String.join(" ", o.description()) + " default " + o.initialValue());
            }
        }
        return found;
    }
}
