package org.pplc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.imports.AocEdit;
import org.pplc.compiler.imports.AocImporter;
import org.pplc.compiler.imports.AocTable;
import org.pplc.compiler.imports.AocText;
import org.pplc.compiler.imports.ImportException;
import org.pplc.compiler.imports.MueEntry;
import org.pplc.compiler.imports.MueImporter;
import org.pplc.compiler.imports.MueTable;
import org.pplc.compiler.imports.MueText;
import org.pplc.compiler.imports.RowProblem;
import org.pplc.compiler.syntax.Parsing;
import org.pplc.runtime.model.MueSetting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CMS imports take any bytes as an MUE table or add-on code edit file and end with rows (and row
 * problems) or a refusal (ImportException naming the file); nothing else escapes. Whatever rows they
 * accept, the policy text written from them parses without a syntax error.
 */
class CmsImportFuzzTest {
    private static final String NAME = "cms.csv";
    private static Path file;

    @BeforeAll
    static void tempFileAndWarmUp() throws IOException {
        file = Files.createTempFile("pplc-fuzz-cms", ".csv");
        // Class loading (and Jazzer's instrumentation) is paid here, not by the first timed input.
        CmsImportFuzzTest warm = new CmsImportFuzzTest();
        warm.mueTable(Files.readAllBytes(Path.of("src/compiler/src/test/resources/cms/mue-practitioner-2024Q3.csv")));
        warm.mueTable(Files.readAllBytes(Path.of("src/compiler/src/test/resources/cms/mue-bad-rows.csv")));
        warm.addOnCodeEdits(Files.readAllBytes(Path.of("src/compiler/src/test/resources/cms/aoc-2024Q3.csv")));
    }

    @AfterAll
    static void removeTempFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void mueTable(byte[] input) throws IOException {
        Files.write(file, input);
        for (MueSetting setting : MueSetting.values()) {
            MueTable table;
            try {
                table = MueImporter.read(file, NAME, setting);
            } catch (ImportException refused) {
                assertTrue(refused.getMessage().startsWith(NAME + ":"), () -> "a refusal names the file: " + refused.getMessage());
                continue;
            }
            assertProblemsNamed(table.problems());
            for (MueEntry e : table.entries()) {
                assertTrue(e.code().matches("[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4}"), () -> "an imported code is a code: " + e);
                assertTrue(e.cap() >= 0, () -> "a cap is a count of units: " + e);
            }
            String text = MueText.render(table, null,
                    new MueText.Wrap("fuzz-mue", "medicare", LocalDate.of(2024, 10, 1), "medicare", Set.of()));
            assertParses(text);
        }
    }

    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void addOnCodeEdits(byte[] input) throws IOException {
        Files.write(file, input);
        for (LocalDate asOf : new LocalDate[] {null, LocalDate.of(2024, 10, 1)}) {
            AocTable table;
            try {
                table = AocImporter.read(file, NAME, asOf);
            } catch (ImportException refused) {
                assertTrue(refused.getMessage().startsWith(NAME + ":"), () -> "a refusal names the file: " + refused.getMessage());
                continue;
            }
            assertProblemsNamed(table.problems());
            for (AocEdit e : table.edits()) {
                assertTrue(e.editType() >= 1 && e.editType() <= 3, () -> "edit type 1, 2 or 3: " + e);
                if (asOf != null && e.effective() != null) assertTrue(!e.effective().isAfter(asOf), () -> "in force: " + e);
            }
            String text = "policy fuzz-aoc {\n  applies to all payers\n" + AocText.render(table, null) + "}\n";
            assertParses(text);
        }
    }

    private static void assertProblemsNamed(java.util.List<RowProblem> problems) {
        for (RowProblem p : problems) {
            assertEquals(NAME, p.file(), "a row problem names the file");
            assertTrue(p.row() >= 1, () -> "a row problem names its row: " + p);
            assertTrue(!p.message().isBlank(), () -> "a row problem says what is wrong: " + p);
        }
    }

    private static void assertParses(String text) {
        Diagnostics diag = new Diagnostics();
        Parsing.Parsed parsed = Parsing.parse("imported.ppl", text, diag);
        assertEquals(0, parsed.errors(), () -> "imported policy text must parse:\n" + diag.sorted().stream()
                .map(Diagnostic::toString).reduce("", (a, b) -> a + b + "\n") + text);
    }
}
