package org.pplc.bench;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.diag.Severity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {
    @Test
    void generatedCorpusCompilesCleanAndHasTheAskedSize() {
        Corpus c = Corpus.ofLines(1000, 100_000, 42);
        assertTrue(c.lines() > 95_000 && c.lines() < 105_000, "lines: " + c.lines());
        Compilation comp = PolicyCompiler.compileSources(c.files());
        assertEquals(0, comp.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).count(),
                () -> comp.diagnostics().subList(0, Math.min(5, comp.diagnostics().size())).toString());
        assertNotNull(comp.policySet());
        // every payer has its policy and two plan policies; core, drug table and baseline besides
        assertEquals(3 + 3 * 1000, comp.policySet().policies().size());
    }

    @Test
    void sameSeedSameText() {
        assertEquals(Corpus.ofLines(6, 5_000, 7).files(), Corpus.ofLines(6, 5_000, 7).files());
    }
}
