package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.policy.PolicySet;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pplc check} and {@code pplc build} as CONTRACT.md states them. */
class BuildAndCheckCommandTest {
    static final String BROKEN = """
            payer acme "Acme Health"
            policy broken {
              applies to payer acme
              extends medicare-part-b
              effective 2030-01-01
              mue 96418 practitioner 3 per day (clinical)
              audit 96471 above 3 units
            }
            """;

    static Path copyOfShippedPolicies(Path dir) throws Exception {
        Path root = dir.resolve("policies");
        try (var walk = Files.walk(Path.of("policies"))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = root.resolve(Path.of("policies").relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        return root;
    }

    @Test
    void checkOnTheShippedPoliciesIsClean() {
        Cli.Run r = Cli.run("", "check");
        assertEquals(0, r.exit(), r.err());
        assertEquals("9 policy files checked: 0 errors, 0 warnings\n", r.err());
    }

    @Test
    void checkReportsEveryErrorWithTheSourceLineAndACaret(@TempDir Path dir) throws Exception {
        Path policies = copyOfShippedPolicies(dir);
        Files.writeString(policies.resolve("payers/zz-broken.ppl"), BROKEN);
        Cli.Run r = Cli.run("", "check", "--policies", policies.toString());
        assertEquals(1, r.exit());
        String file = policies.getFileName() + "/payers/zz-broken.ppl"; // named below the root's own name
        assertTrue(r.err().contains(file + ":6:7: error: unknown code 96418 (did you mean 96416 or 96417?)\n"
                + "      mue 96418 practitioner 3 per day (clinical)\n"
                + "          ^~~~~\n"), r.err());
        assertTrue(r.err().contains(file + ":7:9: error: unknown code 96471 (did you mean 96417?)"), r.err());
        assertTrue(r.err().endsWith("10 policy files checked: 2 errors, 0 warnings\n"), r.err());
    }

    @Test
    void checkWritesJsonForEditors(@TempDir Path dir) throws Exception {
        Path policies = copyOfShippedPolicies(dir);
        Files.writeString(policies.resolve("payers/zz-broken.ppl"), BROKEN);
        Cli.Run r = Cli.run("", "check", "--format", "json", "--policies", policies.toString());
        assertEquals(1, r.exit());
        var doc = Cli.MAPPER.readTree(r.out());
        assertEquals(2, doc.get("errors").asInt());
        var first = doc.get("diagnostics").get(0);
        assertEquals("unknown-code", first.get("code").asText());
        assertEquals(6, first.get("line").asInt());
        assertEquals(7, first.get("column").asInt());
        assertEquals(11, first.get("endColumn").asInt());
    }

    @Test
    void buildWritesALoadableBundleAndTheDocuments(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out"), docs = dir.resolve("docs");
        Cli.Run r = Cli.run("", "build", "--out", out.toString(), "--docs", docs.toString());
        assertEquals(0, r.exit(), r.err());
        PolicySet set = Bundles.read(out.resolve("policies.bundle.json"));
        assertEquals(18, set.policies().size());
        assertTrue(Files.exists(docs.resolve("html/index.html")));
        assertTrue(Files.exists(docs.resolve("markdown/codes/96417.md")));
    }

    @Test
    void buildStopsOnPolicyErrorsAndWritesNothing(@TempDir Path dir) throws Exception {
        Path policies = copyOfShippedPolicies(dir);
        Files.writeString(policies.resolve("payers/zz-broken.ppl"), BROKEN);
        Path out = dir.resolve("out"), docs = dir.resolve("docs");
        Cli.Run r = Cli.run("", "build", "--policies", policies.toString(), "--out", out.toString(), "--docs", docs.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("error: unknown code 96418"), r.err());
        assertTrue(!Files.exists(out) && !Files.exists(docs));
    }
}
