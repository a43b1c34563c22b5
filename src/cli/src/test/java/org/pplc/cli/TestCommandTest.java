package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestCommandTest {
    static final Path BASE = Path.of("src/compiler/src/test/resources/base");
    static final String CLAIM = "{\"id\": \"C1\", \"payer\": \"medicare\", \"setting\": \"facility\", \"dateOfService\": \"2025-03-02\","
            + " \"lines\": [{\"code\": \"96417\"}]}";

    private static Path policies(Path dir, String tests) throws Exception {
        for (String f : List.of("core.ppl", "medicare.ppl", "payers.ppl")) Files.copy(BASE.resolve(f), dir.resolve(f));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/t.test.json"), tests);
        return dir;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void shippedTestsPassWithFullCoverage() {
        FmtCommandTest.Run r = FmtCommandTest.pplc("test", "--coverage", "--min", "100");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("coverage: ") && r.out().contains("(100.0%)"), r.out());
        assertTrue(lastLine(r.out()).matches("\\d+ passed, 0 failed"), r.out());
    }

    @Test
    void aFailureShowsExpectedAgainstActualAndExitsOne(@TempDir Path dir) throws Exception {
        policies(dir, "[{\"name\": \"says pass\", \"claim\": " + CLAIM + ", \"expect\": {\"decision\": \"pass\"}},"
                + "{\"name\": \"says deny\", \"claim\": " + CLAIM + ", \"expect\": {\"decision\": \"deny\"}}]");
        FmtCommandTest.Run r = FmtCommandTest.pplc("test", "--policies", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("FAIL " + dir.getFileName() + "/tests/t.test.json #1 says pass\n    expected decision pass, got deny"), r.out());
        assertEquals("1 passed, 1 failed", lastLine(r.out()));
    }

    @Test
    void minFailsBelowThePercentageAndListsWhatDidNotFire(@TempDir Path dir) throws Exception {
        policies(dir, "[{\"name\": \"add-on alone\", \"claim\": " + CLAIM + ", \"expect\": {\"decision\": \"deny\"}}]");
        FmtCommandTest.Run r = FmtCommandTest.pplc("test", "--policies", dir.toString(), "--min", "90");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("    not fired: " + dir.getFileName() + "/core.ppl:18:3 add-on 96415 of 96413"), r.out());
        assertTrue(r.out().contains("is below --min 90"), r.out());
        assertEquals("1 passed, 0 failed", lastLine(r.out()));
        FmtCommandTest.Run low = FmtCommandTest.pplc("test", "--policies", dir.toString(), "--min", "1");
        assertEquals(0, low.exit(), low.out());
    }

    @Test
    void noTestsIsAnError(@TempDir Path dir) throws Exception {
        for (String f : List.of("core.ppl", "medicare.ppl", "payers.ppl")) Files.copy(BASE.resolve(f), dir.resolve(f));
        FmtCommandTest.Run r = FmtCommandTest.pplc("test", "--policies", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no policy tests"), r.err());
    }
}
