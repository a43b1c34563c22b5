package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.diag.DiagnosticPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code pplc check}: parse and validate every policy file; print every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Parse and validate every policy file and print diagnostics.")
public final class CheckCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text: compiler-style lines on standard error; json: one document on standard output.")
    String format;

    @Override
    public Integer call() {
        Compilation c = PolicyCompiler.compileDirectory(options.policies);
        if ("json".equals(format)) {
            try {
                StandardOutput.print(DiagnosticPrinter.json(c.diagnostics()) + "\n");
            } catch (StandardOutput.OutputFailed e) {
                System.err.println("pplc check: " + e.getMessage() + "; the JSON document is incomplete");
                return BatchFiles.OUTPUT_FAILED;
            }
        } else if ("text".equals(format)) {
            System.err.print(c.diagnosticsText());
            System.err.println(c.sources().size() + (c.sources().size() == 1 ? " policy file" : " policy files") + " checked: " + PolicyOptions.summary(c));
        } else {
            System.err.println("pplc check: unknown --format " + format + " (use text or json)");
            return 2;
        }
        return c.hasErrors() ? 1 : 0;
    }
}
