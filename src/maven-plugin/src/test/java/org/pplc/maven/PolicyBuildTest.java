package org.pplc.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.policy.PolicySet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyBuildTest {
    static final String CORE = """
            payer acme "Acme Health" {
              plan commercial "Commercial"
            }

            policy core {
              title "Core hierarchy"
              applies to all payers
              effective 2026-01-01
              family chemo rank 1 "Chemotherapy"
              code 96413 "Chemo infusion, first hour" {
                initial
                family chemo
                method infusion
                role initial
                unit per encounter
              }
              code 96415 "Chemo infusion, each added hour" {
                add-on of 96413
                family chemo
                method infusion
                role additional-hour
                unit per hour
              }
              rule addon-requires-primary {
                title "Add-on code without its primary"
                action deny
                carc 107
                rarc N122
                message "{code} is an add-on of {primaries}, which is not on this claim"
                fix "Add the {primary} line"
                appeal none
              }
            }
            """;
    static final String PAYER = """
            policy acme {
              title "Acme: drug administration"
              applies to payer acme
              extends core
              effective 2026-01-01
              mue 96415 practitioner 4 per day (clinical), outpatient 4 per day (clinical)
            }
            """;

    /** Collects what the goal would log. */
    static final class Log implements PolicyBuild.Reporter {
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> infos = new ArrayList<>();

        public void error(String text) { errors.add(text); }

        public void warning(String text) { warnings.add(text); }

        public void info(String text) { infos.add(text); }
    }

    @Test
    void cleanPoliciesBecomeABundleThatLoads(@TempDir Path dir) throws IOException {
        Path policies = folder(dir, CORE, PAYER);
        Path out = dir.resolve("classes/pplc/policies.bundle.json");
        Log log = new Log();
        PolicyBuild.Outcome outcome = new PolicyBuild(policies, false).bundle(out, log);

        assertFalse(outcome.failed(), () -> outcome.reason() + " " + log.errors);
        assertEquals(out, outcome.output());
        assertEquals(List.of(), log.errors);
        PolicySet loaded = Bundles.read(out);
        assertEquals(List.of("core", "acme"), List.copyOf(loaded.policies().keySet()));
        assertEquals(4, loaded.policy("acme").rulesFor("96415").practitionerMue().cap());
        assertEquals(List.of("96413"), loaded.policy("acme").codes().get("96415").primaries());
        assertTrue(log.infos.get(log.infos.size() - 1).startsWith("pplc: compiled 2 policies from "), log.infos.toString());
    }

    @Test
    void warningsAreLoggedAndFailTheBuildOnlyWhenAskedTo(@TempDir Path dir) throws IOException {
        // the sample core defines one rule text of the engine's eleven: the compiler warns about the rest
        Path policies = folder(dir, CORE, PAYER);
        Path out = dir.resolve("classes/pplc/policies.bundle.json");
        Log lenient = new Log();
        PolicyBuild.Outcome built = new PolicyBuild(policies, false).bundle(out, lenient);
        assertFalse(built.failed());
        assertEquals(1, built.warnings());
        assertTrue(lenient.warnings.get(0).startsWith("policies/core.ppl:5:8: warning: no policy for all payers defines rule "),
                lenient.warnings.get(0));

        Files.delete(out);
        Log strict = new Log();
        PolicyBuild.Outcome refused = new PolicyBuild(policies, true).bundle(out, strict);
        assertTrue(refused.failed());
        assertEquals("1 policy warning in " + policies + " and failOnWarning is set", refused.reason());
        assertEquals(lenient.warnings, strict.warnings);
        assertFalse(Files.exists(out), "no bundle when warnings fail the build");
    }

    @Test
    void rebuildingUnchangedPoliciesLeavesTheBundleAlone(@TempDir Path dir) throws IOException {
        Path policies = folder(dir, CORE, PAYER);
        Path out = dir.resolve("classes/pplc/policies.bundle.json");
        new PolicyBuild(policies, false).bundle(out, new Log());
        byte[] first = Files.readAllBytes(out);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(out, old);

        new PolicyBuild(policies, false).bundle(out, new Log());
        assertEquals(old, Files.getLastModifiedTime(out));
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(out)));
    }

    @Test
    void policyErrorFailsTheBuildWithTheCompilersDiagnostics(@TempDir Path dir) throws IOException {
        Path policies = folder(dir, CORE.replace("add-on of 96413", "add-on of 96418"), PAYER);
        Path out = dir.resolve("classes/pplc/policies.bundle.json");
        Log log = new Log();
        PolicyBuild.Outcome outcome = new PolicyBuild(policies, false).bundle(out, log);

        assertTrue(outcome.failed());
        assertNull(outcome.output());
        assertFalse(Files.exists(out), "no bundle from broken policies");
        assertEquals(1, outcome.errors());
        assertEquals("1 policy error in " + policies, outcome.reason());
        String diagnostic = log.errors.get(0);
        String[] lines = diagnostic.split("\n");
        // file:line:col: error: message, named from the folder's parent; then the source line and a caret
        assertEquals("policies/core.ppl:18:15: error: unknown code 96418 (did you mean 96413 or 96415?)", lines[0]);
        assertEquals("add-on of 96418", lines[1].strip());
        assertEquals(lines[1].indexOf("96418"), lines[2].indexOf('^'), diagnostic);
    }

    /** Maven's console names a policy file from the product's folder, as IDEs resolve links. */
    @Test
    void diagnosticsNameFilesFromTheProductsBaseDirectory(@TempDir Path dir) throws IOException {
        Path product = dir.resolve("billing-product");
        Path policies = folder(Files.createDirectories(product.resolve("src/main")), CORE.replace("add-on of 96413", "add-on of 96418"), PAYER);
        Log log = new Log();
        new PolicyBuild(policies, product, false).bundle(dir.resolve("out.json"), log);
        assertTrue(log.errors.get(0).startsWith("src/main/policies/core.ppl:18:15: error: unknown code 96418"), log.errors.get(0));
        // a policy folder outside the product: its absolute path
        Log outside = new Log();
        new PolicyBuild(policies, dir.resolve("elsewhere"), false).bundle(dir.resolve("out.json"), outside);
        assertTrue(outside.errors.get(0).startsWith(policies.toAbsolutePath().normalize().resolve("core.ppl") + ":18:15: error:"),
                outside.errors.get(0));
    }

    @Test
    void documentsOfCleanPoliciesAreRenderedAsHtmlAndMarkdown(@TempDir Path dir) throws IOException {
        Path policies = folder(dir, CORE, PAYER);
        Path site = dir.resolve("target/site/pplc");
        Log log = new Log();
        PolicyBuild.Outcome outcome = new PolicyBuild(policies, false).documents(site, log);

        assertFalse(outcome.failed(), () -> outcome.reason() + " " + log.errors);
        assertEquals(site, outcome.output());
        String index = Files.readString(site.resolve("html/index.html"));
        assertTrue(index.contains("Acme: drug administration"), "the index lists the payer policy by its title");
        String readme = Files.readString(site.resolve("markdown/README.md"));
        assertTrue(readme.contains("Acme: drug administration"), readme);
        assertTrue(log.infos.get(log.infos.size() - 1).startsWith("pplc: wrote "), log.infos.toString());
    }

    @Test
    void brokenPoliciesGetNoDocuments(@TempDir Path dir) throws IOException {
        Path policies = folder(dir, CORE.replace("add-on of 96413", "add-on of 96418"), PAYER);
        Path site = dir.resolve("target/site/pplc");
        Log log = new Log();
        PolicyBuild.Outcome outcome = new PolicyBuild(policies, false).documents(site, log);
        assertTrue(outcome.failed());
        assertEquals("1 policy error in " + policies, outcome.reason());
        assertEquals(1, log.errors.size());
        assertFalse(Files.exists(site), "nothing rendered from broken policies");
    }

    @Test
    void missingFolderFailsWithItsName(@TempDir Path dir) {
        Path missing = dir.resolve("src/main/policies");
        PolicyBuild.Outcome outcome = new PolicyBuild(missing, false).bundle(dir.resolve("out.json"), new Log());
        assertTrue(outcome.failed());
        assertEquals("policy folder " + missing + " does not exist (set <policyDirectory>)", outcome.reason());
    }

    static Path folder(Path dir, String core, String payer) throws IOException {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("core.ppl"), core);
        Files.createDirectories(policies.resolve("payers"));
        Files.writeString(policies.resolve("payers/acme.ppl"), payer);
        return policies;
    }

    @Test
    void theBundleIsTheBytesPplcBuildWritesHoweverTheFolderIsReached(@TempDir Path tmp) throws IOException {
        // pplc build --policies policies writes Bundles.write(compileDirectory(policies)); the plugin
        // is given an absolute folder, here reached through a link, as ${project.basedir}/... may be
        Path cli = tmp.resolve("cli.bundle.json");
        Bundles.write(org.pplc.compiler.PolicyCompiler.compileDirectory(Path.of("policies")).policySet(), cli);
        Path linked = Files.createSymbolicLink(tmp.resolve("policies"), Path.of("policies").toAbsolutePath());
        for (Path folder : List.of(Path.of("policies").toAbsolutePath(), linked)) {
            Path out = tmp.resolve("plugin.bundle.json");
            Files.deleteIfExists(out);
            PolicyBuild.Outcome outcome = new PolicyBuild(folder, false).bundle(out, new Log());
            assertFalse(outcome.failed(), outcome::reason);
            org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(cli), Files.readAllBytes(out), folder::toString);
        }
    }
}
