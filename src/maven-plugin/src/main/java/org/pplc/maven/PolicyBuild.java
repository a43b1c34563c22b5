package org.pplc.maven;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;
import org.pplc.compiler.diag.Severity;
import org.pplc.docs.DocumentSite;
import org.pplc.runtime.bundle.Bundles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plugin's goals do, as a plain class so it can be called and tested without Maven:
 * compile the policy folder, report every diagnostic, and write the bundle (or the reviewer
 * documents) only when the policies are clean, or carry only warnings and those are allowed.
 */
public final class PolicyBuild {
    /** Where diagnostics and progress go: Maven's log in the build, a list in the tests. */
    public interface Reporter {
        void error(String text);

        void warning(String text);

        void info(String text);
    }

    /** How a goal ended. {@code output} is the file or folder written, null when nothing was. */
    public record Outcome(int errors, int warnings, boolean failed, String reason, Path output) {
    }

    private final Path policyDirectory;
    /** The product's folder, which diagnostics name files from (null: as pplc check names them). */
    private final Path baseDirectory;
    private final boolean failOnWarning;

    public PolicyBuild(Path policyDirectory, boolean failOnWarning) {
        this(policyDirectory, null, failOnWarning);
    }

    /**
     * @param baseDirectory the product's base directory: diagnostics name a policy file from it
     *                      ({@code src/main/policies/payers/uhc.ppl:7:7}), so an IDE's console
     *                      links to it; a file outside it by its absolute path
     */
    public PolicyBuild(Path policyDirectory, Path baseDirectory, boolean failOnWarning) {
        // messages show the folder as a user finds it: ${project.basedir}/../../policies is ".../policies"
        this.policyDirectory = policyDirectory.toAbsolutePath().normalize();
        this.baseDirectory = baseDirectory == null ? null : baseDirectory.toAbsolutePath().normalize();
        this.failOnWarning = failOnWarning;
    }

    /** How a diagnostic names a file the compiler named from the policy folder's parent. */
    String shown(String file) {
        if (baseDirectory == null) return file;
        Path parent = policyDirectory.getParent();
        Path path = (parent == null ? Path.of(file) : parent.resolve(file)).normalize();
        return path.startsWith(baseDirectory) ? baseDirectory.relativize(path).toString().replace('\\', '/') : path.toString();
    }

    /** The compilation when it may be used, else the failed outcome. */
    private record Checked(Compilation compilation, int warnings, Outcome failure) {
    }

    /** Compiles the policies into a bundle file; an unchanged bundle is left alone. */
    public Outcome bundle(Path outputFile, Reporter out) {
        Checked checked = check(out);
        if (checked.failure() != null) return checked.failure();
        Compilation compilation = checked.compilation();
        byte[] bundle = Bundles.toBytes(compilation.policySet());
        try {
            // an untouched file keeps its date, so incremental builds do not repackage for nothing
            if (!Files.exists(outputFile) || !Arrays.equals(Files.readAllBytes(outputFile), bundle)) {
                org.pplc.compiler.AsideFile.write(outputFile, bundle); // aside, then renamed: never half a bundle
            }
        } catch (IOException e) {
            return failed(0, checked.warnings(), "cannot write the bundle " + outputFile + ": " + e.getMessage());
        }
        out.info("pplc: compiled " + plural(compilation.policySet().policies().size(), "policy") + " from "
                + policyDirectory + " into " + outputFile + warningNote(checked.warnings()));
        return new Outcome(0, checked.warnings(), false, null, outputFile);
    }

    /** Compiles the policies and renders the reviewer documents (HTML and Markdown) into a folder. */
    public Outcome documents(Path outputDirectory, Reporter out) {
        Checked checked = check(out);
        if (checked.failure() != null) return checked.failure();
        List<String> files;
        try {
            files = DocumentSite.render(checked.compilation(), policyDirectory, outputDirectory);
        } catch (IOException e) {
            return failed(0, checked.warnings(), "cannot write the documents into " + outputDirectory + ": "
                    + e.getMessage());
        }
        out.info("pplc: wrote " + plural(files.size(), "document file") + " for the policies in " + policyDirectory
                + " into " + outputDirectory + warningNote(checked.warnings()));
        return new Outcome(0, checked.warnings(), false, null, outputDirectory);
    }

    private Checked check(Reporter out) {
        if (!Files.isDirectory(policyDirectory)) {
            return new Checked(null, 0,
                    failed(0, 0, "policy folder " + policyDirectory + " does not exist (set <policyDirectory>)"));
        }
        // files are named by the folder's name and their path below it (policies/payers/uhc.ppl),
        // as the pplc command line names them: the bundle is the same bytes wherever the build runs
        out.info("pplc: compiling the policies in " + policyDirectory);
        Compilation compilation = PolicyCompiler.compileDirectory(policyDirectory);
        Map<String, String> texts = new LinkedHashMap<>();
        for (SourceFile s : compilation.sources()) texts.put(s.path(), s.text());
        DiagnosticPrinter printer = new DiagnosticPrinter(texts);
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : compilation.diagnostics()) {
            StringBuilder b = new StringBuilder();
            printer.text(d, b);
            String text = b.toString().stripTrailing();
            String file = d.span().file();
            if (file != null && text.startsWith(file)) text = shown(file) + text.substring(file.length());
            if (d.severity() == Severity.ERROR) {
                errors++;
                out.error(text);
            } else {
                warnings++;
                out.warning(text);
            }
        }
        if (errors > 0 || compilation.hasErrors()) {
            return new Checked(null, warnings, failed(errors, warnings,
                    plural(Math.max(errors, 1), "policy error") + " in " + policyDirectory));
        }
        if (failOnWarning && warnings > 0) {
            return new Checked(null, warnings, failed(errors, warnings,
                    plural(warnings, "policy warning") + " in " + policyDirectory + " and failOnWarning is set"));
        }
        return new Checked(compilation, warnings, null);
    }

    private static Outcome failed(int errors, int warnings, String reason) {
        return new Outcome(errors, warnings, true, reason, null);
    }

    private static String warningNote(int warnings) {
        return warnings > 0 ? " (" + plural(warnings, "warning") + ")" : "";
    }

    static String plural(int n, String noun) {
        if (n == 1) return "1 " + noun;
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
