package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;

/** The {@code --policies DIR} option every command takes, and compiling what it names. */
public final class PolicyOptions {
    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Policy directory (default: ${DEFAULT-VALUE}).")
    public Path policies;

    /** Compiles the policies; on errors prints the diagnostics and returns null. */
    public Compilation compileOrReport(PrintStream err) {
        Compilation c = PolicyCompiler.compileDirectory(policies);
        if (c.hasErrors()) {
            err.print(c.diagnosticsText());
            err.println(summary(c));
            return null;
        }
        return c;
    }

    public static String summary(Compilation c) {
        int e = c.errors().size(), w = c.warnings().size();
        return e + (e == 1 ? " error" : " errors") + ", " + w + (w == 1 ? " warning" : " warnings");
    }
}
