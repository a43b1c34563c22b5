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

    /** A table of n data rows after the header on line 1: codes 9xxxx in order, row r on line r + 1. */
    static String table(int n) {
        StringBuilder b = new StringBuilder("\"HCPCS/CPT Code\",\"Practitioner Services MUE Values\",\"MUE Adjudication Indicator\",\"MUE Rationale\"\n");
        for (int i = 0; i < n; i++) b.append(String.format(java.util.Locale.ROOT, "9%04d,%d,3 Date of Service Edit: Clinical,Nature of Service\n", i, 1 + i % 9));
        return b.toString();
    }

    /**
     * Issue 18: one stray quote opening a field on line 12 of a 10,001-line table used to run to the
     * end of the file: reported "past the end" with every row after it lost, while the summary said
     * one row. Now the row where the quote opened is reported and reading resumes on the next line.
     */
    @Test
    void aStrayQuoteLosesItsOwnRowOnly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (int quoteLine : new int[] {2, 12, 5_000, 10_001}) {
            String[] lines = table(10_000).split("\n", -1);
            lines[quoteLine - 1] = lines[quoteLine - 1].replace(",Nature", ",\"Nature");
            for (String second : new String[] {null, "7,\"3 Date"}) {
                String[] copy = lines.clone();
                int secondLine = quoteLine + 100;
                if (second != null && secondLine <= 10_001) copy[secondLine - 1] = copy[secondLine - 1].replace(",3 Date", ",\"3 Date");
                boolean two = second != null && secondLine <= 10_001;
                Path f = dir.resolve("mue-" + quoteLine + (two ? "-two" : "") + ".csv");
                java.nio.file.Files.writeString(f, String.join("\n", copy));
                MueTable t = MueImporter.read(f, f.getFileName().toString(), MueSetting.PRACTITIONER);
                List<String> expected = new java.util.ArrayList<>();
                expected.add(f.getFileName() + ":" + quoteLine + ": error: a quoted field opened on this row is not closed"
                        + " before the end of the file; the row is left out and reading goes on with the next row");
                if (two) expected.add(f.getFileName() + ":" + secondLine + ": error: a quoted field opened on this row is not"
                        + " closed before the end of the file; the row is left out and reading goes on with the next row");
                assertEquals(expected, t.problems().stream().map(RowProblem::toString).toList());
                assertEquals(10_000 - expected.size(), t.entries().size(), "only the rows with the stray quote are lost");
                if (quoteLine < 10_001) {
                    // the row on line L holds code 9(L - 2): the row after the quote is read, on its own line
                    MueEntry next = byCode(t).get(String.format(java.util.Locale.ROOT, "9%04d", quoteLine - 1));
                    assertEquals(quoteLine + 1, next.row());
                }
            }
        }
    }

    /** Issue 18: a UTF-16 file (Excel's "Unicode text") is refused with its encoding named, not read as garbage. */
    @Test
    void aUtf16FileIsRefusedNamingTheEncoding(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String text = table(3);
        Object[][] cases = {
                {new byte[] {(byte) 0xFF, (byte) 0xFE}, java.nio.charset.StandardCharsets.UTF_16LE, "UTF-16 little-endian"},
                {new byte[] {(byte) 0xFE, (byte) 0xFF}, java.nio.charset.StandardCharsets.UTF_16BE, "UTF-16 big-endian"},
                {new byte[0], java.nio.charset.StandardCharsets.UTF_16LE, "UTF-16 little-endian"},
                {new byte[0], java.nio.charset.StandardCharsets.UTF_16BE, "UTF-16 big-endian"},
        };
        for (Object[] c : cases) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.write((byte[]) c[0]);
            bytes.write(text.getBytes((java.nio.charset.Charset) c[1]));
            Path f = dir.resolve("unicode.csv");
            java.nio.file.Files.write(f, bytes.toByteArray());
            ImportException e = assertThrows(ImportException.class, () -> MueImporter.read(f, "unicode.csv", MueSetting.PRACTITIONER));
            assertEquals("unicode.csv: error: the file is " + c[2] + " text; save it as CSV UTF-8 (or plain CSV) and import it again",
                    e.getMessage());
        }
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
