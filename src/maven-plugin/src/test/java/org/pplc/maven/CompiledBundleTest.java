package org.pplc.maven;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.policy.PolicyDifference;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policies pplc ships, compiled, survive the bundle: same rule objects, same bytes. */
class CompiledBundleTest {
    private static final Path SHIPPED = Path.of("policies");

    @Test
    void shippedPoliciesLoadAsTheRuleObjectsTheCompilerBuilt() {
        Compilation compiled = PolicyCompiler.compileDirectory(SHIPPED);
        assertFalse(compiled.hasErrors(), compiled::diagnosticsText);
        PolicySet original = compiled.policySet();
        assertTrue(original.policies().size() > 3, "the shipped policies: core, Medicare, payers");

        byte[] bundle = Bundles.toBytes(original);
        PolicySet loaded = Bundles.read(new ByteArrayInputStream(bundle), "shipped");
        assertEquals(Optional.empty(), PolicyDifference.between(original, loaded));
        assertArrayEquals(bundle, Bundles.toBytes(loaded));
    }

    @Test
    void compilingTwiceGivesTheSameBytes() {
        byte[] first = Bundles.toBytes(PolicyCompiler.compileDirectory(SHIPPED).policySet());
        byte[] second = Bundles.toBytes(PolicyCompiler.compileDirectory(SHIPPED).policySet());
        assertArrayEquals(first, second);
    }

    @Test
    void bundleNamesDoNotDependOnWhereTheBuildRuns() {
        // the plugin is given an absolute folder; the command line usually a relative one
        Path absolute = SHIPPED.toAbsolutePath();
        byte[] fromPlugin = Bundles.toBytes(PolicyCompiler.compileDirectory(absolute).policySet());
        byte[] fromCli = Bundles.toBytes(PolicyCompiler.compileDirectory(SHIPPED).policySet());
        assertArrayEquals(fromCli, fromPlugin);
    }
}
