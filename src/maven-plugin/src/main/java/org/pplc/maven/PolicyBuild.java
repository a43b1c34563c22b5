package org.pplc.maven;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;
import org.pplc.compiler.diag.Severity;
import org.pplc.runtime.bundle.Bundles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code compile} goal does, as a plain class so it can be called and tested without
 * Maven: compile the policy folder, report every diagnostic, and write the bundle only when the
 * policies are clean (or carry only warnings and those are allowed).
 */
public final class PolicyBuild {
    /** Where diagnostics and progress go: Maven's log in the build, a list in the tests. */
    public interface Reporter {
        void error(String text);

        void warning(String text);

        void info(String text);
    }

    /** How a build ended. {@code bundle} is null when nothing was written. */
    public record Outcome(int errors, int warnings, boolean failed, String reason, Path bundle) {
    }

    private final Path policyDirectory;
    private final Path outputFile;
    private final boolean failOnWarning;

    public PolicyBuild(Path policyDirectory, Path outputFile, boolean failOnWarning) {
        // messages show the folder as a user finds it: ${project.basedir}/../../policies is ".../policies"
        this.policyDirectory = policyDirectory.toAbsolutePath().normalize();
        this.outputFile = outputFile;
        this.failOnWarning = failOnWarning;
    }

    public Outcome run(Reporter out) {
        if (!Files.isDirectory(policyDirectory)) {
            return failed(0, 0, "policy folder " + policyDirectory + " does not exist (set <policyDirectory>)");
        }
        // files are named from the folder's parent (policies/payers/uhc.ppl), as the pplc command
        // line names them, so the bundle's source positions do not depend on where the build runs
        Path base = policyDirectory.getParent();
        out.info("pplc: compiling the policies in " + policyDirectory);
        Compilation compilation = PolicyCompiler.compileDirectory(policyDirectory, base);
        Map<String, String> texts = new LinkedHashMap<>();
        for (SourceFile s : compilation.sources()) texts.put(s.path(), s.text());
        DiagnosticPrinter printer = new DiagnosticPrinter(texts);
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : compilation.diagnostics()) {
            StringBuilder b = new StringBuilder();
            printer.text(d, b);
            String text = b.toString().stripTrailing();
            if (d.severity() == Severity.ERROR) {
                errors++;
                out.error(text);
            } else {
                warnings++;
                out.warning(text);
            }
        }
        if (errors > 0 || compilation.hasErrors()) {
            return failed(errors, warnings, plural(Math.max(errors, 1), "policy error") + " in " + policyDirectory);
        }
        if (failOnWarning && warnings > 0) {
            return failed(errors, warnings, plural(warnings, "policy warning") + " in " + policyDirectory
                    + " and failOnWarning is set");
        }
        byte[] bundle = Bundles.toBytes(compilation.policySet());
        try {
            // leave an unchanged bundle alone so incremental builds do not repackage for nothing
            if (!Files.exists(outputFile) || !Arrays.equals(Files.readAllBytes(outputFile), bundle)) {
                Files.createDirectories(outputFile.toAbsolutePath().getParent());
                Files.write(outputFile, bundle);
            }
        } catch (IOException e) {
            return failed(errors, warnings, "cannot write the bundle " + outputFile + ": " + e.getMessage());
        }
        out.info("pplc: compiled " + plural(compilation.policySet().policies().size(), "policy") + " from "
                + policyDirectory + " into " + outputFile + (warnings > 0 ? " (" + plural(warnings, "warning") + ")" : ""));
        return new Outcome(errors, warnings, false, null, outputFile);
    }

    private static Outcome failed(int errors, int warnings, String reason) {
        return new Outcome(errors, warnings, true, reason, null);
    }

    static String plural(int n, String noun) {
        if (n == 1) return "1 " + noun;
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
