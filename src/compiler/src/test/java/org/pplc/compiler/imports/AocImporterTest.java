package org.pplc.compiler.imports;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AocImporterTest {
    static final Path FILE = MueImporterTest.DIR.resolve("aoc-2024Q3.csv");

    static List<String> pairs(AocTable t) {
        return t.edits().stream().map(e -> e.addOn() + ">" + (e.contractorDefined() ? "CCCCC" : e.primary()) + "/" + e.editType()).toList();
    }

    static final List<String> BAD_ROWS = List.of(
            "aoc.csv:17: error: effective date '2024400' is not a Julian date: day 400 of 2024 (a day of the year runs from 001 to 366)",
            "aoc.csv:18: error: edit type '7' of add-on 96366 is not 1, 2 or 3",
            "aoc.csv:19: error: add-on code '963' is not a CPT or HCPCS code");

    @Test
    void withoutADateEveryEditWithADeletionDateIsLeftOut() throws Exception {
        AocTable t = AocImporter.read(FILE, "aoc.csv", null);
        assertEquals(BAD_ROWS, t.problems().stream().map(RowProblem::toString).toList());
        assertEquals(List.of("0054T>CCCCC/2", "96361>96360/1", "96361>96365/1", "96361>96413/1", "96366>96365/1",
                "96368>96365/1", "96368>96366/1", "96368>96413/1", "96375>CCCCC/3", "96375>96374/3",
                "96411>96409/1", "96411>96413/1", "96415>96413/1", "96417>96413/1"), pairs(t));
        assertEquals(2, t.deleted());
        assertEquals(0, t.notYetInForce());
        assertEquals("Report with the initial service, same encounter",
                t.edits().stream().filter(e -> e.row() == 10).findFirst().orElseThrow().notes());
    }

    @Test
    void asOfADateDeletionsAfterItStillApplyAndLaterEditsAreNotYetInForce() throws Exception {
        AocTable before = AocImporter.read(FILE, "aoc.csv", LocalDate.of(2023, 12, 30));
        assertTrue(pairs(before).contains("96417>96409/1"), "deleted 2023-12-31: still in force the day before");
        assertTrue(pairs(before).contains("96367>96365/1"), "add-on code deleted 2024-01-01");
        assertFalse(pairs(before).contains("96361>96413/1"), "takes effect 2024-10-01");
        assertEquals(0, before.deleted());
        assertEquals(1, before.notYetInForce());

        AocTable q3 = AocImporter.read(FILE, "aoc.csv", LocalDate.of(2024, 7, 1));
        assertFalse(pairs(q3).contains("96417>96409/1"));
        assertFalse(pairs(q3).contains("96367>96365/1"));
        assertEquals(2, q3.deleted());

        AocTable q4 = AocImporter.read(FILE, "aoc.csv", LocalDate.of(2024, 10, 1));
        assertTrue(pairs(q4).contains("96361>96413/1"), "in force on its effective date");
    }

    @Test
    void restrictingKeepsContractorDefinedEditsOfDefinedAddOns() throws Exception {
        AocTable t = AocImporter.read(FILE, "aoc.csv", null)
                .restrictTo(java.util.Set.of("96375", "96374", "96417", "96413"));
        assertEquals(List.of("96375>CCCCC/3", "96375>96374/3", "96417>96413/1"), pairs(t));
        assertEquals(11, t.skipped());
    }

    @Test
    void anMueTableIsNotTheAddOnFile() {
        ImportException e = assertThrows(ImportException.class,
                () -> AocImporter.read(MueImporterTest.DIR.resolve("mue-practitioner-2024Q3.csv"), "m.csv", null));
        assertEquals("m.csv: error: no header row found; expected a row with the columns 'Add-on Code', 'Primary Code', "
                + "'AOC Edit Type' (is this the right CMS file?)", e.getMessage());
    }
}
