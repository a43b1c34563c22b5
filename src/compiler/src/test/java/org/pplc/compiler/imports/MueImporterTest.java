package org.pplc.compiler.imports;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.MueSetting;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MueImporterTest {
    static final Path DIR = Path.of("src/compiler/src/test/resources/cms");

    static MueTable read(String name, MueSetting setting) throws ImportException {
        return MueImporter.read(DIR.resolve(name), name, setting);
    }

    static Map<String, MueEntry> byCode(MueTable t) {
        return t.entries().stream().collect(Collectors.toMap(MueEntry::code, e -> e));
    }

    @Test
    void readsPreambleBomBlankLinesQuotedFieldsAndLetterCodes() throws Exception {
        MueTable t = read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER);
        assertEquals(List.of(), t.problems());
        assertEquals(List.of("0001U", "96360", "96361", "96365", "96368", "96372", "96376", "96413", "96415", "96417", "J9312"),
                t.entries().stream().map(MueEntry::code).toList(), "every row, sorted by code");
        Map<String, MueEntry> m = byCode(t);
        assertEquals(new MueEntry("96417", 3, Mai.PER_DAY_CLINICAL, "Clinical: Data", 13), m.get("96417"));
        assertEquals(Mai.PER_DAY_POLICY, m.get("96368").indicator());
        assertEquals("Nature of Service, per CMS policy", m.get("96368").rationale(), "quoted field with a comma");
        assertEquals(100, m.get("J9312").cap());
        assertEquals(Mai.PER_DAY_POLICY, m.get("0001U").indicator());
        assertEquals(0, m.get("96376").cap(), "a zero MUE is a value, not a missing one");
        assertEquals(new MueEntry("96372", 4, Mai.PER_LINE, "Clinical: Data", 17), m.get("96372"), "spaces around cells");
        assertEquals(MueSetting.PRACTITIONER, t.setting());
    }

    @Test
    void readsTheOutpatientTableWithWindowsLineEnds() throws Exception {
        MueTable t = read("MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv", MueSetting.OUTPATIENT);
        assertEquals(List.of(), t.problems());
        Map<String, MueEntry> m = byCode(t);
        assertEquals(5, t.entries().size());
        assertEquals(24, m.get("96361").cap());
        assertEquals(10, m.get("96376").cap());
        assertEquals(7, m.get("96361").row());
    }

    @Test
    void theOtherSettingsTableIsRefusedWithTheRightOption() {
        ImportException e = assertThrows(ImportException.class,
                () -> read("MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv", MueSetting.PRACTITIONER));
        assertEquals("MCR_MUE_OutpatientHospitalServices_Eff_10-01-2024.csv:5: error: this is the outpatient MUE table, "
                + "not the practitioner one; run with --setting outpatient", e.getMessage());
    }

    @Test
    void everyBadRowIsReportedWithItsRowAndTheRestImported() throws Exception {
        MueTable t = read("mue-bad-rows.csv", MueSetting.PRACTITIONER);
        assertEquals(List.of(
                "mue-bad-rows.csv:7: error: '9636' is not a CPT or HCPCS code (five characters, e.g. 96417, J9312, 0001U)",
                "mue-bad-rows.csv:8: error: the MUE value 'eight' of 96361 is not a whole number of units",
                "mue-bad-rows.csv:9: error: the MUE value '1.5' of 96365 is not a whole number of units",
                "mue-bad-rows.csv:10: error: the adjudication indicator 'Date of Service Edit: Clinical' of 96366 does not start "
                        + "with 1 (line), 2 (date of service, policy) or 3 (date of service, clinical)",
                "mue-bad-rows.csv:11: error: the adjudication indicator '4 Something Else' of 96367 does not start "
                        + "with 1 (line), 2 (date of service, policy) or 3 (date of service, clinical)",
                "mue-bad-rows.csv:13: error: 96360 is listed again (first on row 6); this row is left out",
                "mue-bad-rows.csv:14: error: the row has 1 fields; the header has 3 or more"),
                t.problems().stream().map(RowProblem::toString).toList());
        Map<String, MueEntry> m = byCode(t);
        assertEquals(List.of("96360", "96415", "96417"), t.entries().stream().map(MueEntry::code).toList());
        assertEquals(1, m.get("96360").cap(), "the first of a duplicated code is kept");
        assertEquals(15, m.get("96415").row(), "a quoted line break starts the record on its first line");
        assertEquals("Clinical: Data, a quoted line break", m.get("96415").rationale());
        assertEquals(17, m.get("96417").row(), "rows after a multi-line record keep their file line");
    }

    @Test
    void aFileWithoutTheHeaderIsRefused() {
        ImportException e = assertThrows(ImportException.class, () -> read("mue-no-header.csv", MueSetting.PRACTITIONER));
        assertTrue(e.getMessage().startsWith("mue-no-header.csv: error: no header row found; expected a row with the columns "
                + "'HCPCS/CPT Code'"), e.getMessage());
    }

    @Test
    void theAddOnFileIsNotAnMueTable() {
        assertThrows(ImportException.class, () -> read("aoc-2024Q3.csv", MueSetting.PRACTITIONER));
    }

    @Test
    void aMissingFileIsAClearError() {
        ImportException e = assertThrows(ImportException.class, () -> read("nope.csv", MueSetting.PRACTITIONER));
        assertEquals("nope.csv: error: no such file", e.getMessage());
    }

    @Test
    void indicatorTextIsLedByItsDigit() {
        assertEquals(Mai.PER_DAY_CLINICAL, MueImporter.indicator("3 Date of Service Edit: Clinical"));
        assertEquals(Mai.PER_DAY_POLICY, MueImporter.indicator("2 Date of Service Edit: Policy"));
        assertEquals(Mai.PER_LINE, MueImporter.indicator("1 Line Edit"));
        assertEquals(Mai.PER_LINE, MueImporter.indicator("1"));
        assertEquals(null, MueImporter.indicator("31 Date of Service Edit"));
        assertEquals(null, MueImporter.indicator("Clinical 3"));
        assertEquals(null, MueImporter.indicator(""));
    }

    @Test
    void restrictingToTheHierarchyCountsWhatIsLeftOut() throws Exception {
        MueTable t = read("mue-practitioner-2024Q3.csv", MueSetting.PRACTITIONER).restrictTo(java.util.Set.of("96413", "96417", "J9312"));
        assertEquals(List.of("96413", "96417", "J9312"), t.entries().stream().map(MueEntry::code).toList());
        assertEquals(8, t.skipped());
    }
}
