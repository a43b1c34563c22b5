package org.pplc.testkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner on the compiler's small test hierarchy (core, medicare-b) with tests written here. */
class PolicyTestRunnerTest {
    static final Path BASE = Path.of("src/compiler/src/test/resources/base");

    @TempDir
    Path dir;

    @BeforeEach
    void copyPolicies() throws Exception {
        for (String f : List.of("core.ppl", "medicare.ppl", "payers.ppl")) Files.copy(BASE.resolve(f), dir.resolve(f));
        Files.createDirectories(dir.resolve("tests"));
    }

    static final String CLAIM_96417_ALONE = """
            {"id": "C1", "payer": "medicare", "setting": "facility", "dateOfService": "2025-03-02",
             "lines": [{"code": "96417", "units": 1}]}""";

    private void test(String name, String json) throws Exception {
        Files.writeString(dir.resolve("tests").resolve(name), json);
    }

    private PolicyTestRunner.Report run() throws Exception {
        return PolicyTestRunner.load(dir).runAll();
    }

    /** The words a payer sends are part of a policy: a test can pin them, and a changed word fails with both texts. */
    @Test
    void aCaseChecksAFindingsMessageFixAndAppeal() throws Exception {
        String finding = "{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\", \"carc\": \"107\", "
                + "\"message\": \"%s\", \"fix\": \"Add 96413\"}";
        test("a.test.json", "[{\"name\": \"right words\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"findings\": ["
                + finding.formatted("96417 needs 96413") + "]}},"
                + "{\"name\": \"wrong words\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"findings\": ["
                + finding.formatted("96417 requires 96413") + "]}}]");
        PolicyTestRunner.Report r = run();
        assertEquals("1 passed, 1 failed", r.summary());
        assertEquals(List.of("finding line 1 addon-requires-primary deny CARC 107 has other words:\n"
                        + "      message: expected \"96417 requires 96413\"\n      message:      got \"96417 needs 96413\""),
                r.results().get(1).failures());
    }

    @Test
    void aPassingCaseAndItsCoverage() throws Exception {
        test("a.test.json", "[{\"name\": \"add-on alone\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"decision\": \"deny\","
                + " \"findings\": [{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\", \"carc\": \"107\", \"rarc\": [\"N122\"]}]}}]");
        PolicyTestRunner.Report r = run();
        assertEquals("1 passed, 0 failed", r.summary());
        Coverage c = r.coverage();
        String core = dir.getFileName() + "/core.ppl"; // named below the root's own name
        List<String> fired = c.facts().stream().filter(c::fired).map(f -> f.description() + " @" + f.line()).toList();
        // the add-on code's primaries and the rule text that worded the finding
        assertEquals(List.of("rule addon-requires-primary @31", "add-on 96417 of 96413 @20"), fired.stream().sorted(
                (a, b) -> a.startsWith("rule") ? -1 : 1).toList());
        Coverage.FileCoverage coreFile = c.byFile().stream().filter(f -> f.file().equals(core)).findFirst().orElseThrow();
        assertEquals(2, coreFile.fired());
        assertTrue(coreFile.notFired().stream().anyMatch(f -> f.description().equals("add-on 96415 of 96413")
                && f.source().equals(core + ":18:3")), coreFile.notFired().toString());
        assertTrue(c.report().contains("    not fired: " + core + ":18:3 add-on 96415 of 96413\n"), c.report());
        assertTrue(c.percent() > 0 && c.percent() < 100);
    }

    @Test
    void failuresSayExpectedAgainstActual() throws Exception {
        test("b.test.json", "[{\"name\": \"wrong carc\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"decision\": \"pass\","
                + " \"findings\": [{\"line\": 1, \"rule\": \"addon-requires-primary\", \"action\": \"deny\", \"carc\": \"16\"}]}},"
                + "{\"name\": \"no findings expected\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"findings\": []}}]");
        PolicyTestRunner.Report r = run();
        assertEquals("0 passed, 2 failed", r.summary());
        List<String> first = r.results().get(0).failures();
        assertEquals("expected decision pass, got deny (line 1 addon-requires-primary)", first.get(0));
        assertTrue(first.get(1).startsWith("missing finding: expected line 1 addon-requires-primary deny CARC 16, got line 1 96417 "
                + "addon-requires-primary deny CARC 107 RARC N122"), first.get(1));
        assertTrue(first.get(2).startsWith("unexpected finding: line 1 96417 addon-requires-primary deny CARC 107"), first.get(2));
        assertEquals(1, r.results().get(1).failures().size());
        assertTrue(r.results().get(1).failures().get(0).startsWith("unexpected finding: line 1 96417"));
    }

    @Test
    void brokenTestFilesFailWithTheirPlace() throws Exception {
        test("bad-json.test.json", "[{\"name\": \"x\",\n  \"claim\": {]");
        test("typo.test.json", "[{\"name\": \"typo\", \"claim\": " + CLAIM_96417_ALONE + ", \"expected\": {}}]");
        test("no-input.test.json", "[{\"name\": \"nothing\", \"expect\": {\"decision\": \"pass\"}}]");
        test("bad-decision.test.json", "[{\"name\": \"d\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"decision\": \"denied\"}}]");
        PolicyTestRunner.Report r = run();
        assertEquals("0 passed, 4 failed", r.summary());
        String tests = dir.getFileName() + "/tests";
        assertTrue(r.results().get(0).failures().get(0).startsWith(tests + "/bad-decision.test.json case 1 (d): decision \"denied\""));
        assertTrue(r.results().get(1).failures().get(0).startsWith(tests + "/bad-json.test.json:2:"), r.results().get(1).failures().get(0));
        assertTrue(r.results().get(2).failures().get(0).contains("give exactly one of \"claim\""));
        assertTrue(r.results().get(3).failures().get(0).contains("unknown field \"expected\""));
    }

    @Test
    void invalidClaimsAndErrorsMustBeExpected() throws Exception {
        test("e.test.json", """
                [{"name": "no date", "claim": {"id": "X", "payer": "medicare", "setting": "facility", "lines": [{"code": "96413"}]},
                  "expect": {"decision": "error", "error": "dateOfService"}},
                 {"name": "unknown payer", "claim": {"id": "Y", "payer": "acme-x", "setting": "facility", "dateOfService": "2025-01-01",
                   "lines": [{"code": "96413"}]}, "expect": {"decision": "pass"}}]""");
        PolicyTestRunner.Report r = run();
        assertEquals("1 passed, 1 failed", r.summary());
        assertTrue(r.results().get(1).failures().get(0).startsWith("expected decision pass, got error: unknown payer 'acme-x'"),
                r.results().get(1).failures().get(0));
    }

    @Test
    void deriveCasesCompareTheLinesInOrder() throws Exception {
        String visit = """
                {"id": "V", "payer": "medicare", "setting": "facility", "dateOfService": "2025-03-02",
                 "administrations": [{"drug": "rituximab", "hcpcs": "J9312", "category": "chemo", "method": "infusion",
                   "start": "2025-03-02T09:00", "end": "2025-03-02T11:00", "site": "A"}]}""";
        test("d.test.json", "[{\"name\": \"right\", \"visit\": " + visit + ", \"expect\": {\"lines\": [{\"code\": \"96413\"}, {\"code\": \"96415\", \"units\": 1}], \"decision\": \"pass\"}},"
                + "{\"name\": \"wrong\", \"visit\": " + visit + ", \"expect\": {\"lines\": [{\"code\": \"96413\"}, {\"code\": \"96415\", \"units\": 2}]}}]");
        PolicyTestRunner.Report r = run();
        assertEquals("1 passed, 1 failed", r.summary());
        assertEquals(List.of("expected lines [96413 x1, 96415 x2], got [96413 x1, 96415 x1]"), r.results().get(1).failures());
    }

    @Test
    void junitGetsOneTestPerCaseAndFailuresCarryTheReasons() throws Exception {
        test("j.test.json", "[{\"name\": \"ok\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"decision\": \"deny\"}},"
                + "{\"name\": \"not ok\", \"claim\": " + CLAIM_96417_ALONE + ", \"expect\": {\"decision\": \"pass\"}}]");
        List<DynamicTest> tests = PolicyTests.dynamicTests(dir).toList();
        assertEquals(2, tests.size());
        assertTrue(tests.get(0).getDisplayName().endsWith("j.test.json #1 ok"), tests.get(0).getDisplayName());
        assertDoesNotThrow(tests.get(0));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(1).getExecutable().execute());
        assertTrue(e.getMessage().contains("expected decision pass, got deny"), e.getMessage());
    }

    @Test
    void junitReportsPoliciesThatDoNotCompile() throws Exception {
        Files.writeString(dir.resolve("broken.ppl"), "policy x {\n  mue 96413 practitioner 1 per\n}\n");
        List<DynamicTest> tests = PolicyTests.dynamicTests(dir).toList();
        assertEquals(1, tests.size());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(0).getExecutable().execute());
        assertTrue(e.getMessage().contains("broken.ppl:3:1: error: expected"), e.getMessage());
    }

    private static void assertDoesNotThrow(DynamicTest t) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> t.getExecutable().execute());
    }


    /** A claim outside the policies whose text must never reach a failure message. */
    private Path outsideClaim() throws Exception {
        return Files.writeString(dir.getParent().resolve(dir.getFileName() + "-outside.json"),
                "{\"id\": \"SENTINEL-SECRET-4410\", oops");
    }

    private static String failures(PolicyTestRunner.Report r) {
        return String.join("\n", r.results().stream().flatMap(x -> x.failures().stream()).toList());
    }

    @Test
    void aClaimFileOutsideThePoliciesFailsTheCaseAndIsNeverRead() throws Exception {
        Path outside = outsideClaim();
        Files.createSymbolicLink(dir.resolve("tests/link.json"), outside);
        String expect = ", \"expect\": {\"decision\": \"pass\"}}";
        test("refs.test.json", "[{\"name\": \"up and out\", \"claimFile\": \"../../" + outside.getFileName() + "\"" + expect
                + ", {\"name\": \"absolute\", \"visitFile\": \"" + outside + "\"" + expect
                + ", {\"name\": \"through a link\", \"claimFile\": \"link.json\"" + expect + "]");
        PolicyTestRunner.Report r = run();
        assertEquals("0 passed, 3 failed", r.summary());
        String all = failures(r);
        assertTrue(!all.contains("SENTINEL"), all);
        String tests = dir.getFileName() + "/tests/refs.test.json";
        assertEquals(List.of(
                tests + " case 1 (up and out): claimFile ../../" + outside.getFileName() + " lies outside the policies directory "
                        + dir.getFileName() + "; pplc reads nothing outside it",
                tests + " case 2 (absolute): visitFile " + outside + " lies outside the policies directory "
                        + dir.getFileName() + "; pplc reads nothing outside it",
                tests + " case 3 (through a link): claimFile " + dir.getFileName() + "/tests/link.json is a symbolic link to "
                        + "something outside the policies directory " + dir.getFileName() + "; pplc reads nothing outside it"),
                r.results().stream().map(x -> x.failures().get(0)).toList());
    }

    @Test
    void aTestFileThatLinksOutOfThePoliciesIsAFailureNotRead() throws Exception {
        Path outside = outsideClaim();
        Files.createSymbolicLink(dir.resolve("tests/stolen.test.json"), outside);
        Path folder = Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-more"));
        Files.writeString(folder.resolve("x.test.json"), "[SENTINEL-SECRET-4410]");
        Files.createSymbolicLink(dir.resolve("tests/more"), folder);
        PolicyTestRunner.Report r = run();
        String all = failures(r);
        assertTrue(!all.contains("SENTINEL"), all);
        String tests = dir.getFileName() + "/tests/";
        assertEquals(List.of(tests + "more: this is a symbolic link to something outside the policies directory " + dir.getFileName()
                        + "; pplc reads nothing outside it",
                tests + "stolen.test.json: this is a symbolic link to something outside the policies directory "
                        + dir.getFileName() + "; pplc reads nothing outside it"),
                r.results().stream().map(x -> x.failures().get(0)).toList());
    }

    @Test
    void aClaimFileInsideThePoliciesIsReadThroughALinkThatStaysInside() throws Exception {
        Files.createDirectories(dir.resolve("claims"));
        Files.writeString(dir.resolve("claims/alone.json"), CLAIM_96417_ALONE);
        Files.createSymbolicLink(dir.resolve("tests/alias.json"), Path.of("../claims/alone.json"));
        test("in.test.json", "[{\"name\": \"up, inside\", \"claimFile\": \"../claims/alone.json\", \"expect\": {\"decision\": \"deny\"}},"
                + " {\"name\": \"link inside\", \"claimFile\": \"alias.json\", \"expect\": {\"decision\": \"deny\"}}]");
        assertEquals("2 passed, 0 failed", run().summary());
    }
}
