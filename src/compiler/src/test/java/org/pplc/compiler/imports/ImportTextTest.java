package org.pplc.compiler.imports;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.MueSetting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportTextTest {
    static final Path DIR = MueImporterTest.DIR;

    @Test
    void mueTextIsOneFromGroupSortedByCodeCitingFileAndQuarter() throws Exception {
        MueTable t = MueImporterTest.read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER).restrictTo(Set.of("96368", "96417", "J9312", "0001U", "96372"));
        String text = MueText.render(t, new Quarter(2024, 3), null);
        assertEquals("""
                # CMS MUE table, practitioner services, mue-practitioner-2024Q3.csv, 2024Q3
                # Imported by `pplc import mue`: 5 codes, sorted by code.
                # Re-import the next quarter's table rather than editing these lines.
                from "CMS MUE table, practitioner services, mue-practitioner-2024Q3.csv, 2024Q3" quarter 2024Q3 {
                  mue 0001U practitioner 1 per day (policy)     # Code Descriptor / CPT Instruction
                  mue 96368 practitioner 1 per day (policy)     # Nature of Service, per CMS policy
                  mue 96372 practitioner 4 per line             # Clinical: Data
                  mue 96417 practitioner 3 per day (clinical)   # Clinical: Data
                  mue J9312 practitioner 100 per day (clinical) # Prescribing Information
                }
                """, text);
    }

    @Test
    void sameInputGivesTheSameBytesWhateverTheLocale() throws Exception {
        Locale saved = Locale.getDefault();
        try {
            String first = MueText.render(MueImporterTest.read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER), null, null);
            Locale.setDefault(new Locale("ar", "EG"));
            String second = MueText.render(MueImporterTest.read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER), null, null);
            assertEquals(first, second);
            Locale.setDefault(Locale.GERMANY);
            AocTable a = AocImporter.read(DIR.resolve("aoc-2024Q3.csv"), "aoc-2024Q3.csv", null);
            String aoc1 = AocText.render(a, new Quarter(2024, 3));
            String aoc2 = AocText.render(AocImporter.read(DIR.resolve("aoc-2024Q3.csv"), "aoc-2024Q3.csv", null), new Quarter(2024, 3));
            assertEquals(aoc1, aoc2);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void wrappedMueTextIsAWholePolicyAndOverridesWhatTheLayerBelowSets() throws Exception {
        MueTable t = MueImporterTest.read("MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv", MueSetting.OUTPATIENT)
                .restrictTo(Set.of("96360", "96413"));
        String text = MueText.render(t, new Quarter(2024, 4),
                new MueText.Wrap("medicare-mue-2024q4", "medicare", LocalDate.of(2024, 10, 1), "core", Set.of("96413")));
        String citation = "CMS MUE table, outpatient hospital services, MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv, 2024Q4";
        assertTrue(text.contains("""
                policy medicare-mue-2024q4 {
                  title "Medicare MUE values, outpatient hospital services, 2024Q4"
                  applies to payer medicare
                  extends core
                  effective 2024-10-01
                  source "%s"
                  from "%s" quarter 2024Q4 {
                    mue 96360 outpatient 2 per day (clinical)     # Nature of Service
                    override mue 96413 outpatient 1 per day (clinical) # Nature of Service
                  }
                }
                """.formatted(citation, citation)), text);
    }

    @Test
    void addOnTextListsPrimariesPerAddOnAndExplainsContractorDefinedOnes() throws Exception {
        AocTable a = AocImporter.read(DIR.resolve("aoc-2024Q3.csv"), "aoc-2024Q3.csv", LocalDate.of(2024, 7, 1));
        String text = AocText.render(a, new Quarter(2024, 3));
        List<String> lines = text.lines().toList();
        assertEquals("from \"CMS add-on code edit file, aoc-2024Q3.csv, 2024Q3\" {", lines.get(3));
        assertTrue(lines.contains("  # 0054T: primaries defined by the contractor (edit type 2); no add-on of list to write"), text);
        assertTrue(text.contains("override code 96368 { add-on of 96365, 96366, 96413 }"), text);
        assertTrue(text.contains("override code 96375 { add-on of 96374 }"), text);
        assertTrue(text.contains("# edit type 3; the contractor may accept other primaries"), text);
        assertTrue(text.contains("override code 96411 { add-on of 96409, 96413 }"), text);
        assertTrue(text.contains("override code 96417 { add-on of 96413 }"), text);
        assertTrue(text.contains("    # CMS note: Report with the initial service, same encounter"), text);
        assertTrue(!text.contains("96367"), "deleted as of 2024-01-01");
    }

    @Test
    void diffReportsAddedRemovedChangedAndUnchanged() {
        ImportDiff d = ImportDiff.compare("practitioner MUEs of medicare-part-b",
                Map.of("96413", "1 per day (clinical)", "96417", "3 per day (clinical)", "96368", "1 per day (policy)"),
                Map.of("96413", "1 per day (clinical)", "96409", "1 per day (clinical)", "96368", "1 per day (clinical)"));
        assertEquals("""
                Changes to the practitioner MUEs of medicare-part-b:
                added (1):
                  + 96409  1 per day (clinical)
                removed (1):
                  - 96417  3 per day (clinical)
                changed (1):
                  ~ 96368  1 per day (policy) -> 1 per day (clinical)
                unchanged: 1
                """, d.render());
    }

    @Test
    void fileNamesWithQuotesAreEscapedInTheCitation() {
        assertEquals("\"a \\\"b\\\" c\\\\d\"", PolicyStrings.quote("a \"b\" c\\d"));
    }
}
