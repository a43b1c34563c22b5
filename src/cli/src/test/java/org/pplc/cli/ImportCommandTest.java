package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportCommandTest {
    static final String CMS = "src/compiler/src/test/resources/cms/";
    static final String POLICIES = CMS + "policies";

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Issue 18: a stray quote on row 12 of 10,001 loses that row only, and the summary counts it. */
    @Test
    void aStrayQuoteIsReportedAtItsRowAndTheSummaryCountsTheRowsLost(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("\"HCPCS/CPT Code\",\"Practitioner Services MUE Values\",\"MUE Adjudication Indicator\",\"MUE Rationale\"\n");
        for (int i = 0; i < 10_000; i++) {
            b.append(String.format(java.util.Locale.ROOT, "9%04d,1,3 Date of Service Edit: Clinical,%sNature of Service\n", i, i == 10 ? "\"" : ""));
        }
        Path table = dir.resolve("mue.csv");
        Files.writeString(table, b);
        Run r = run("import", "mue", table.toString(), "--setting", "practitioner", "--all");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(table + ":12: error: a quoted field opened on this row is not closed"), r.err());
        assertTrue(r.err().contains("imported 9,999 practitioner MUEs; 1 row not imported (errors above)")
                || r.err().contains("imported 9999 practitioner MUEs; 1 row not imported (errors above)"), r.err());
        assertEquals(9_999, r.out().lines().filter(l -> l.startsWith("  mue ")).count());
    }

    @Test
    void importsAnMueTableToStandardOutputKeepingTheHierarchysCodes() {
        Run r = run("import", "mue", CMS + "mue-practitioner-2024Q3.csv", "--setting", "practitioner", "--policies", POLICIES);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("from \"CMS MUE table, practitioner services, mue-practitioner-2024Q3.csv, 2024Q3\" quarter 2024Q3 {"), r.out());
        assertTrue(r.out().contains("  mue 96417 practitioner 3 per day (clinical)"), r.out());
        assertTrue(!r.out().contains("0001U"), "not defined by the test policies");
        assertTrue(r.err().contains("imported 9 practitioner MUEs; 2 codes outside the hierarchy of medicare-part-b left out"), r.err());
    }

    @Test
    void badRowsAreReportedExitOneAndTheRestIsWritten(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mue.ppl");
        Run r = run("import", "mue", CMS + "mue-bad-rows.csv", "--setting", "practitioner", "--all", "--out", out.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains(CMS + "mue-bad-rows.csv:8: error: the MUE value 'eight' of 96361"), r.err());
        assertEquals("", r.out());
        assertTrue(Files.readString(out).contains("  mue 96417 practitioner 3 per day (clinical)"));
    }

    @Test
    void aFileWithoutHeaderOrTheWrongSettingIsRefused() {
        Run none = run("import", "mue", CMS + "mue-no-header.csv", "--setting", "practitioner", "--all");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("error: no header row found"), none.err());
        assertEquals("", none.out());
        Run wrong = run("import", "mue", CMS + "mue-practitioner-2024Q3.csv", "--setting", "outpatient", "--all");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("run with --setting practitioner"), wrong.err());
    }

    @Test
    void diffReportsTheQuartersChanges() {
        Run r = run("import", "mue", CMS + "mue-practitioner-2024Q4.csv", "--setting", "practitioner", "--policies", POLICIES, "--diff");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Changes to the practitioner MUEs of medicare-part-b:\nadded (5):\n"), r.out());
        assertTrue(r.out().contains("  ~ 96361  8 per day (clinical) -> 6 per day (clinical)"), r.out());
        assertTrue(r.out().contains("removed (1):\n  - 96417  3 per day (clinical)\n"), r.out());
    }

    @Test
    void addOnEditsAsOfADateAndTheSameBytesTwice() {
        String[] args = {"import", "aoc", CMS + "aoc-2024Q3.csv", "--policies", POLICIES, "--as-of", "2024-07-01"};
        Run a = run(args), b = run(args);
        assertEquals(1, a.exit(), "the fixture has three bad rows");
        assertEquals(a.out(), b.out());
        assertTrue(a.out().contains("  override code 96417 { add-on of 96413 }"), a.out());
        assertTrue(a.err().contains("2 deleted edits left out; 1 edit not yet in force left out"), a.err());
    }

    @Test
    void wrapNeedsALayerBelow() {
        Run r = run("import", "mue", CMS + "mue-practitioner-2024Q3.csv", "--setting", "practitioner", "--all", "--wrap", "x");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--wrap needs --extends ID"), r.err());
    }
}
