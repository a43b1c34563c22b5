package org.pplc.cli;

import org.pplc.compiler.AsideFile;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyTree;
import org.pplc.docs.DocumentSite;
import org.pplc.runtime.bundle.Bundles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pplc build}: the main job. Check every policy file (warnings are printed, errors stop the
 * build), write the compiled bundle a billing product loads, and regenerate the reviewer documents.
 */
@Command(name = "build", mixinStandardHelpOptions = true, description = "Check the policies, write the compiled bundle and regenerate the documents.")
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions options;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/pplc",
            description = "Where the compiled bundle goes (policies.bundle.json; default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--docs", paramLabel = "DIR", defaultValue = "generated-docs",
            description = "Where the documents go (default: ${DEFAULT-VALUE}).")
    Path docs;

    @Override
    public Integer call() {
        Compilation c = options.compileOrReport(System.err);
        if (c == null) return 1;
        System.err.print(c.diagnosticsText()); // warnings only: errors returned above
        // the documents are rendered first: policies or examples that cannot be read write nothing
        java.util.Map<String, byte[]> pages;
        try {
            pages = DocumentSite.renderToMemory(c, options.policies);
        } catch (IOException | RuntimeException e) {
            System.err.println("pplc build: " + e.getMessage());
            return 1;
        }
        Path bundle = out.resolve("policies.bundle.json");
        try {
            AsideFile.write(bundle, Bundles.toBytes(c.policySet())); // a failed write leaves the previous bundle whole
        } catch (IOException e) {
            System.err.println("pplc build: cannot write the bundle " + bundle + ": "
                    + (e instanceof AsideFile.Refused ? e.getMessage() : PolicyTree.reason(e)));
            return BatchFiles.OUTPUT_FAILED;
        }
        try {
            List<String> files = DocumentSite.write(pages, docs);
            System.err.println("pplc build: " + c.sources().size() + " policy files, "
                    + c.policySet().policies().size() + " policies (" + PolicyOptions.summary(c) + "); bundle "
                    + bundle + "; " + files.size() + " documents in " + docs);
            return 0;
        } catch (IOException e) {
            System.err.println("pplc build: cannot write the documents into " + docs + ": " + PolicyTree.reason(e));
            return BatchFiles.OUTPUT_FAILED;
        }
    }
}
