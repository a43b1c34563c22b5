package org.pplc.docs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any author text in a policy's title reaches the documents as text: the HTML and Markdown pages
 * never hold it as markup, and Velocity never runs it as a template (a "#set" or "$x" in it would
 * fail the sandbox's strict mode). A marker after the fuzzed text must always come out escaped.
 * In the docs package so that it renders only the pages of the changed payer (the whole site takes
 * longer than the second an input may take); the templates and escaping are the site's own.
 */
class DocsFuzzTest {
    private static final String MARKER = "<i>pplc-marker</i>";
    private static final String PAYER_FILE = "policies/payers/uhc.ppl";
    private static final String TITLE = "title \"UnitedHealthcare: drug administration\"";
    private static List<SourceFile> shipped;

    @BeforeAll
    static void loadShippedPoliciesAndWarmUp() throws IOException {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c::diagnosticsText);
        // The layers UnitedHealthcare's policies stand on, not the other payers: less to compile per input.
        shipped = c.sources().stream().filter(f -> !f.path().startsWith("policies/payers/") || f.path().equals(PAYER_FILE)).toList();
        new DocsFuzzTest().authorTitle("<script>alert(1)</script> #set($x = 1) $x ${x} &amp;".getBytes(StandardCharsets.UTF_8));
    }

    /** Two seconds, not one: each input compiles a payer's layers and renders their pages (0.2-0.6 s here). */
    @FuzzTest
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    void authorTitle(byte[] input) throws IOException {
        String author = new String(input, StandardCharsets.UTF_8).replaceAll("[\r\n]", " ") + " " + MARKER;
        String literal = "\"" + author.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        List<SourceFile> sources = new ArrayList<>();
        int replaced = 0;
        for (SourceFile s : shipped) {
            if (s.path().equals(PAYER_FILE)) {
                assertTrue(s.text().contains(TITLE));
                sources.add(new SourceFile(s.path(), s.text().replace(TITLE, "title " + literal)));
                replaced++;
            } else {
                sources.add(s);
            }
        }
        assertEquals(1, replaced);
        Compilation c = PolicyCompiler.compileSources(sources);
        assertFalse(c.hasErrors(), c::diagnosticsText);
        Templates html = new Templates(Escape.Format.HTML);
        Templates md = new Templates(Escape.Format.MARKDOWN);
        int shown = 0;
        for (SiteModel.Page page : SiteModel.pages(c.policySet(), List.of())) {
            if (!page.path().contains("uhc") && !page.path().equals("index")) continue;
            for (String text : List.of(html.render(page.kind(), page.model()), md.render(page.kind(), page.model()))) {
                assertFalse(text.contains(MARKER), () -> page.path() + " holds the author's text as markup");
                if (text.contains("pplc-marker")) shown++;
            }
        }
        assertTrue(shown >= 2, "the title is shown (escaped) in the HTML and Markdown pages");
    }
}
