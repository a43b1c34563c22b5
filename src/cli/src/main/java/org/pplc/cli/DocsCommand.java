package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.PolicyTree;
import org.pplc.docs.ChangeReport;
import org.pplc.docs.DocumentSite;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pplc docs}: render the reviewer documents (HTML site under OUT/html, Markdown under
 * OUT/markdown); with {@code --since REV} or {@code --against DIR}, write instead the change
 * report between those policies and the current ones (OUT/changes.html, OUT/changes.md).
 * Exit 0 on success, 1 when the policies have errors or the output cannot be written.
 */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "Render the reviewer documents, or with --since/--against the change report a reviewer approves.")
public final class DocsCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: generated-docs, or change-report with --since/--against).")
    Path out;

    @ArgGroup(exclusive = true)
    Baseline baseline;

    static final class Baseline {
        @Option(names = "--since", paramLabel = "REV", description = "Compare with the policies at this git revision.")
        String since;

        @Option(names = "--against", paramLabel = "DIR", description = "Compare with the policies in this directory.")
        Path against;
    }

    @Override
    public Integer call() {
        Compilation c = options.compileOrReport(System.err);
        if (c == null) return 1;
        try {
            if (baseline == null) {
                Path dir = out == null ? Path.of("generated-docs") : out;
                java.util.Map<String, byte[]> pages = DocumentSite.renderToMemory(c, options.policies);
                List<String> files;
                try {
                    files = DocumentSite.write(pages, dir);
                } catch (IOException e) {
                    System.err.println("pplc docs: cannot write the documents into " + dir + ": " + PolicyTree.reason(e));
                    return BatchFiles.OUTPUT_FAILED;
                }
                System.err.println("pplc docs: wrote " + files.size() + " files to " + dir);
                return 0;
            }
            Compilation before;
            String name;
            if (baseline.since != null) {
                before = ChangeReport.atRevision(baseline.since, options.policies);
                name = baseline.since;
            } else {
                before = PolicyCompiler.compileDirectory(baseline.against);
                name = baseline.against.toString();
            }
            if (before.hasErrors()) {
                System.err.print(before.diagnosticsText());
                System.err.println("pplc docs: the policies at " + name + " have errors: " + PolicyOptions.summary(before));
                return 1;
            }
            ChangeReport report = ChangeReport.compare(before, name, c, options.policies.toString());
            Path dir = out == null ? Path.of("change-report") : out;
            try {
                report.write(dir);
            } catch (IOException e) {
                System.err.println("pplc docs: cannot write the change report into " + dir + ": " + PolicyTree.reason(e));
                return BatchFiles.OUTPUT_FAILED;
            }
            System.err.println("pplc docs: " + report.size() + " change(s) since " + name + "; report in "
                    + dir.resolve("changes.html") + " and " + dir.resolve("changes.md"));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("pplc docs: " + e.getMessage());
            return 1;
        }
    }
}
