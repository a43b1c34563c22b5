package org.pplc.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;

/**
 * Compiles the product's payer policies into a bundle in its classes folder, so {@code mvn package}
 * puts them into the jar. Any policy error fails the build with the compiler's diagnostics.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {
    /** The folder of .ppl policy files. */
    @Parameter(property = "pplc.policyDirectory", defaultValue = "${project.basedir}/src/main/policies", required = true)
    private File policyDirectory;

    /** The bundle to write; the default puts it on the classpath as {@code pplc/policies.bundle.json}. */
    @Parameter(property = "pplc.outputFile", defaultValue = "${project.build.outputDirectory}/pplc/policies.bundle.json",
            required = true)
    private File outputFile;

    /** The product's folder: diagnostics name policy files from it, so IDE links work. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File baseDirectory;

    /** Fail the build on warnings too. */
    @Parameter(property = "pplc.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Skip the goal. */
    @Parameter(property = "pplc.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("pplc: skipped");
            return;
        }
        PolicyBuild.Outcome outcome = new PolicyBuild(policyDirectory.toPath(), baseDirectory == null ? null : baseDirectory.toPath(), failOnWarning)
                .bundle(outputFile.toPath(), new MavenReporter(getLog()));
        if (outcome.failed()) throw new MojoFailureException("pplc: " + outcome.reason());
    }
}
