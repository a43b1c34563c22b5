package org.pplc.cli;

import org.pplc.compiler.Compilation;
import org.pplc.docs.DocumentSite;
import org.pplc.runtime.bundle.Bundles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
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
        try {
            Files.createDirectories(out);
            Path bundle = out.resolve("policies.bundle.json");
            Bundles.write(c.policySet(), bundle);
            List<String> files = DocumentSite.render(c, options.policies, docs);
            System.err.println("pplc build: " + c.sources().size() + " policy files, "
                    + c.policySet().policies().size() + " policies (" + PolicyOptions.summary(c) + "); bundle "
                    + bundle + "; " + files.size() + " documents in " + docs);
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("pplc build: " + e.getMessage());
            return 1;
        }
    }
}
