package org.pplc.compiler.imports;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.policy.Policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The imported text compiles where docs/IMPORT.md says to put it, and says what the CMS file says. */
class ImportCompilesTest {
    static final Path POLICIES = MueImporterTest.DIR.resolve("policies");
    static final String MEDICARE_HEAD = """
            policy medicare-part-b {
              title "Test Medicare baseline"
              applies to payer medicare
              extends core
              effective 2020-01-01
            """;

    static Compilation compileWithMedicareBody(String body) throws Exception {
        String core = Files.readString(POLICIES.resolve("core.ppl"));
        return PolicyCompiler.compileSources(List.of(new SourceFile("core.ppl", core),
                new SourceFile("medicare.ppl", MEDICARE_HEAD + body + "}\n")));
    }

    static void assertClean(Compilation c) {
        assertFalse(c.hasErrors(), c::diagnosticsText);
    }

    @Test
    void theFixturePoliciesCompile() throws Exception {
        assertClean(PolicyCompiler.compileDirectory(POLICIES));
    }

    @Test
    void aQuarterMarkerMustBeAQuarterOnAGroupOfMueRows() throws Exception {
        Compilation bad = compileWithMedicareBody("  from \"CMS MUE table\" quarter 2024Q7 {\n"
                + "    mue 96413 practitioner 1 per day (clinical)\n  }\n");
        assertTrue(bad.diagnosticsText().contains("medicare.ppl:"), bad::diagnosticsText);
        assertTrue(bad.diagnosticsText().contains("error: '2024Q7' is not a quarter"), bad::diagnosticsText);
        Compilation noRows = compileWithMedicareBody("  from \"CMS MUE table\" quarter 2024Q3 {\n"
                + "    audit 96413 above 3 units\n  }\n");
        assertTrue(noRows.diagnosticsText().contains("error: the group says it is a CMS table of quarter 2024Q3, but it has no mue rows"),
                noRows::diagnosticsText);
    }

    @Test
    void mueTextOfBothSettingsCompilesAsThePolicyBody() throws Exception {
        PolicyScope scope = PolicyScope.load(POLICIES, "medicare-part-b");
        MueTable prac = MueImporterTest.read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER).restrictTo(scope.mueCodes());
        MueTable outp = MueImporterTest.read("MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv", MueSetting.OUTPATIENT)
                .restrictTo(scope.mueCodes());
        assertEquals(2, prac.skipped(), "0001U and 96376 are not in the test hierarchy");
        Compilation c = compileWithMedicareBody(MueText.render(prac, new Quarter(2024, 3), null)
                + MueText.render(outp, new Quarter(2024, 4), null));
        assertClean(c);
        Policy p = c.policySet().policy("medicare-part-b");
        Map<String, Mue> practitioner = p.mues().stream().filter(m -> m.setting() == MueSetting.PRACTITIONER)
                .collect(Collectors.toMap(Mue::code, m -> m));
        assertEquals(prac.entries().stream().map(MueEntry::code).collect(Collectors.toSet()), practitioner.keySet());
        assertEquals(3, practitioner.get("96417").cap());
        assertEquals(Mai.PER_DAY_POLICY, practitioner.get("96368").indicator());
        assertEquals(Mai.PER_LINE, practitioner.get("96372").indicator());
        assertEquals(100, practitioner.get("J9312").cap(), "a drug's MUE");
        assertEquals("CMS MUE table, practitioner services, mue-practitioner-2024Q3.csv, 2024Q3",
                practitioner.get("96417").provenance().citation());
        assertEquals(24, p.rulesFor("96361").outpatientMue().cap());
        // the quarter marker reaches the runtime model: the engine's staleness warning reads it
        assertEquals("2024Q3", practitioner.get("96417").tableQuarter().toString());
        assertEquals("2024Q4", p.rulesFor("96361").outpatientMue().tableQuarter().toString());
    }

    @Test
    void addOnTextCompilesInTheLayerAboveTheCodesAndReplacesThePrimaries() throws Exception {
        PolicyScope scope = PolicyScope.load(POLICIES, "medicare-part-b");
        AocTable aoc = AocImporter.read(MueImporterTest.DIR.resolve("aoc-2024Q3.csv"), "aoc-2024Q3.csv", LocalDate.of(2024, 7, 1))
                .restrictTo(scope.codes());
        Compilation c = compileWithMedicareBody(AocText.render(aoc, new Quarter(2024, 3)));
        assertClean(c);
        Policy p = c.policySet().policy("medicare-part-b");
        assertEquals(List.of("96413"), p.codes().get("96417").primaries(), "96409 is no primary of 96417 any more");
        assertEquals(List.of("96409", "96413"), p.codes().get("96411").primaries());
        assertEquals(List.of("96365", "96366", "96413"), p.codes().get("96368").primaries());
        assertEquals(List.of("96360", "96365"), p.codes().get("96361").primaries(), "96413 pairs only from 2024-10-01");
        assertTrue(p.codes().get("96417").addOn());
        assertEquals("chemo", p.codes().get("96417").family(), "the rest of the code stays as the core says");
        assertEquals(List.of("96413", "96409"), c.policySet().policy("core").codes().get("96417").primaries(),
                "the core layer is unchanged");
    }

    @Test
    void wrappedMueTextIsAPolicyThatCompiles() throws Exception {
        PolicyScope scope = PolicyScope.load(POLICIES, "medicare-part-b");
        MueTable prac = MueImporterTest.read("mue-practitioner-2024Q4.csv", MueSetting.PRACTITIONER).restrictTo(scope.mueCodes());
        String text = MueText.render(prac, new Quarter(2024, 4), new MueText.Wrap("medicare-mue-2024q4", "medicare",
                LocalDate.of(2024, 10, 1), "core", PolicyScope.load(POLICIES, "core").mueCodesSet(MueSetting.PRACTITIONER)));
        Compilation c = PolicyCompiler.compileSources(List.of(
                new SourceFile("core.ppl", Files.readString(POLICIES.resolve("core.ppl"))),
                new SourceFile("mue.ppl", text)));
        assertClean(c);
        Policy p = c.policySet().policy("medicare-mue-2024q4");
        assertEquals(LocalDate.of(2024, 10, 1), p.effectiveFrom());
        assertEquals(prac.entries().size(), p.mues().size());
    }

    @Test
    void wrappingOverMueValuesOfTheLayerBelowWritesOverride() throws Exception {
        PolicyScope base = PolicyScope.load(POLICIES, "medicare-part-b");
        MueTable prac = MueImporterTest.read("mue-practitioner-2024Q4.csv", MueSetting.PRACTITIONER).restrictTo(base.mueCodes());
        String text = MueText.render(prac, new Quarter(2024, 4), new MueText.Wrap("medicare-uhc-mue", "uhc",
                LocalDate.of(2024, 10, 1), "medicare-part-b", base.mueCodesSet(MueSetting.PRACTITIONER)));
        assertTrue(text.contains("override mue 96361 practitioner 6 per day (clinical)"), text);
        assertTrue(text.contains("  mue 96409 practitioner 1"), "not set below: no override\n" + text);
        Compilation c = PolicyCompiler.compileSources(List.of(
                new SourceFile("core.ppl", Files.readString(POLICIES.resolve("core.ppl")) + "payer uhc \"UnitedHealthcare\"\n"),
                new SourceFile("medicare.ppl", Files.readString(POLICIES.resolve("medicare.ppl"))),
                new SourceFile("uhc.ppl", text)));
        assertClean(c);
        assertEquals(6, c.policySet().policy("medicare-uhc-mue").rulesFor("96361").practitionerMue().cap());
    }

    @Test
    void diffAgainstThePoliciesReportsAddedRemovedAndChanged() throws Exception {
        PolicyScope scope = PolicyScope.load(POLICIES, "medicare-part-b");
        MueTable q4 = MueImporterTest.read("mue-practitioner-2024Q4.csv", MueSetting.PRACTITIONER).restrictTo(scope.mueCodes());
        ImportDiff d = ImportDiff.mues(q4, scope.policy());
        assertEquals("""
                Changes to the practitioner MUEs of medicare-part-b:
                added (5):
                  + 96365  1 per day (clinical)
                  + 96372  4 per line
                  + 96409  1 per day (clinical)
                  + 96415  8 per day (clinical)
                  + J9312  100 per day (clinical)
                removed (1):
                  - 96417  3 per day (clinical)
                changed (2):
                  ~ 96361  8 per day (clinical) -> 6 per day (clinical)
                  ~ 96368  1 per day (policy) -> 1 per day (clinical)
                unchanged: 2
                """, d.render());
        assertEquals(List.of("96365", "96372", "96409", "96415", "J9312"), d.added().stream().map(ImportDiff.Entry::code).toList());
    }

    @Test
    void addOnDiffShowsChangedPrimaryLists() throws Exception {
        PolicyScope scope = PolicyScope.load(POLICIES, "medicare-part-b");
        AocTable aoc = AocImporter.read(MueImporterTest.DIR.resolve("aoc-2024Q3.csv"), "aoc-2024Q3.csv", LocalDate.of(2024, 7, 1))
                .restrictTo(scope.codes());
        ImportDiff d = ImportDiff.addOns(aoc, scope.policy());
        assertTrue(d.changed().contains(new ImportDiff.Change("96417", "add-on of 96409, 96413", "add-on of 96413")), d.render());
        assertTrue(d.changed().contains(new ImportDiff.Change("96375", "add-on of 96374",
                "add-on of 96374 (and contractor-defined primaries)")), d.render());
        assertTrue(d.removed().isEmpty(), d.render());
    }

    @Test
    void policiesThatCannotBeUsedAreClearErrors() {
        assertEquals("no-such-dir: error: no policies directory (give --policies DIR, or --all to import every code without "
                        + "checking it against the policies)",
                assertThrows(ImportException.class, () -> PolicyScope.load(Path.of("no-such-dir"), "medicare-part-b")).getMessage());
        String msg = assertThrows(ImportException.class, () -> PolicyScope.load(POLICIES, "medicare-part")).getMessage();
        assertTrue(msg.contains("no policy 'medicare-part'") && msg.contains("medicare-part-b"), msg);
    }
}
