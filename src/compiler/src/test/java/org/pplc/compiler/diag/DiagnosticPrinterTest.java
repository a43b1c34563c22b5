package org.pplc.compiler.diag;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticPrinterTest {
    private static Diagnostic at(String file, int line, int column) {
        return new Diagnostic("test", Severity.ERROR, "wrong here", new Span(file, line, column, line, column), null);
    }

    /** Issue 18: each file's line starts are found once, not once per diagnostic (quadratic in the count). */
    @Test
    void eachFileIsIndexedOnceWhateverTheNumberOfDiagnostics() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 5_000; i++) a.append("line ").append(i).append(i % 3 == 0 ? "\r\n" : i % 3 == 1 ? "\n" : "\r");
        DiagnosticPrinter printer = new DiagnosticPrinter(Map.of("a.ppl", a.toString(), "b.ppl", "one\ntwo"));
        List<Diagnostic> ds = new ArrayList<>();
        for (int i = 5_000; i >= 1; i--) ds.add(at("a.ppl", i, 1));
        ds.add(at("b.ppl", 2, 1));
        ds.add(at("b.ppl", 3, 1)); // past the end: no source line shown
        String text = printer.text(ds);
        assertEquals(2, printer.indexesBuilt());
        // every line is the right one, whichever line break ended the one before it
        String[] shown = text.split("\n");
        for (int i = 5_000, k = 0; i >= 1; i--, k += 3) {
            assertEquals("a.ppl:" + i + ":1: error: wrong here", shown[k]);
            assertEquals("    line " + i, shown[k + 1]);
        }
        assertTrue(text.endsWith("b.ppl:2:1: error: wrong here\n    two\n    ^\nb.ppl:3:1: error: wrong here\n"), text);
    }
}
