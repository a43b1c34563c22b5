package org.pplc.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Renders the reviewer documents of the product's policies (HTML and Markdown, the same pages
 * {@code pplc build} writes) into the build's site folder. Optional: add the goal to the
 * plugin's execution. Policy errors fail the build as in {@code compile}.
 */
@Mojo(name = "docs", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class DocsMojo extends AbstractMojo {
    /** The folder of .ppl policy files; worked examples are read from its examples/ folder. */
    @Parameter(property = "pplc.policyDirectory", defaultValue = "${project.basedir}/src/main/policies", required = true)
    private File policyDirectory;

    /** Where the documents go (html/ and markdown/ below it); earlier documents there are replaced. */
    @Parameter(property = "pplc.docsDirectory", defaultValue = "${project.build.directory}/site/pplc", required = true)
    private File docsDirectory;

    /** The product's folder: diagnostics name policy files from it, so IDE links work. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File baseDirectory;

    /** Fail the build on warnings too. */
    @Parameter(property = "pplc.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Skip the goal. */
    @Parameter(property = "pplc.docs.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("pplc: documents skipped");
            return;
        }
        PolicyBuild.Outcome outcome = new PolicyBuild(policyDirectory.toPath(), baseDirectory == null ? null : baseDirectory.toPath(), failOnWarning)
                .documents(docsDirectory.toPath(), new MavenReporter(getLog()));
        if (outcome.failed()) throw new MojoFailureException("pplc: " + outcome.reason());
    }
}
