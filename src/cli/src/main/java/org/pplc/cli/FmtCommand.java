package org.pplc.cli;

import org.pplc.compiler.format.FormatFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pplc fmt [--check] [FILES...]}: the one canonical layout, in place. */
@Command(name = "fmt", mixinStandardHelpOptions = true, description = "Format policy files in place in the one canonical layout.")
public final class FmtCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Option(names = "--check", description = "Change nothing; list the files that would be reformatted (exit 1 if any).")
    boolean check;

    @Parameters(paramLabel = "FILES", arity = "0..*",
            description = "Policy files or directories to format (default: every .ppl file under --policies).")
    List<Path> files;

    @Override
    public Integer call() {
        List<Path> targets = files == null || files.isEmpty() ? List.of(options.policies) : files;
        FormatFiles.Run run = FormatFiles.run(targets, !check);
        System.err.print(run.diagnosticsText());
        for (FormatFiles.Outcome o : run.changed()) {
            System.out.println(check ? o.path() : "formatted " + o.path());
        }
        int total = run.outcomes().size();
        int changed = run.changed().size();
        int refused = run.refused().size();
        StringBuilder summary = new StringBuilder();
        summary.append(total).append(total == 1 ? " policy file" : " policy files").append(": ")
                .append(changed).append(check ? " would be reformatted" : " reformatted");
        if (refused > 0) summary.append(", ").append(refused).append(" refused");
        System.err.println(summary);
        if (refused > 0) return 1;
        return check && changed > 0 ? 1 : 0;
    }
}
