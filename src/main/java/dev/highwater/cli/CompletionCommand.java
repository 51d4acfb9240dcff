package dev.highwater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Prints the shell completion script; the installers put the same scripts in the shells' own folders. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {
                "Prints the completion script of the highwater command for bash or zsh (installed by the .deb). For",
                "a highwater of your own (an alias of java -jar, say), in bash:  source <(highwater completion bash)",
                "in ~/.bashrc; in zsh:  highwater completion zsh > ~/.zfunc/_highwater  with ~/.zfunc in $fpath",
                "before compinit."})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine highwater = spec.parent().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(shell == Shell.bash ? CompletionScripts.bash(highwater) : CompletionScripts.zsh(highwater));
        out.flush();
        return 0;
    }
}
