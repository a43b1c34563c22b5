package org.pplc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.DiagnosticPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy compiler takes any bytes as a policy file and ends with diagnostics or a policy set:
 * no exception escapes, every input finishes within a second (JUnit's timeout in regression mode,
 * libFuzzer's -timeout when fuzzing), and the diagnostics print.
 */
class PolicyCompilerFuzzTest {
    private static List<SourceFile> shipped;
    private static Path dir;

    @BeforeAll
    static void loadShippedPoliciesAndWarmUp() throws IOException {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), () -> "the shipped policies must compile:\n" + c.diagnosticsText());
        shipped = c.sources();
        dir = Files.createTempDirectory("pplc-fuzz-policies");
        // Class loading (and Jazzer's instrumentation) is paid here, not by the first timed input.
        PolicyCompilerFuzzTest warm = new PolicyCompilerFuzzTest();
        warm.anyText("policy t {\n  title \"x\n  muee 96413\n}\n".getBytes(StandardCharsets.UTF_8));
        warm.besideShippedPolicies("policy t { applies to payer nobody extends medicare-b }".getBytes(StandardCharsets.UTF_8));
        warm.anyBytesInADirectory(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'p', (byte) 0xC3});
    }

    @AfterAll
    static void removeTempDir() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Any text as the only policy file. */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void anyText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Compilation c = PolicyCompiler.compileSources(List.of(new SourceFile("fuzz.ppl", text)));
        assertWellFormed(c, "fuzz.ppl");
    }

    /** Any text as one more payer file beside the shipped policies, so layering and lowering run. */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void besideShippedPolicies(byte[] input) {
        List<SourceFile> sources = new ArrayList<>(shipped);
        sources.add(new SourceFile("policies/payers/fuzz.ppl", new String(input, StandardCharsets.UTF_8)));
        Compilation c = PolicyCompiler.compileSources(sources);
        assertWellFormed(c, null);
    }

    /** Any bytes as a file in a policies directory: encoding, byte-order mark and size checks run. */
    @FuzzTest
    @Timeout(value = 1, unit = TimeUnit.SECONDS)
    void anyBytesInADirectory(byte[] input) throws IOException {
        Files.write(dir.resolve("fuzz.ppl"), input);
        Compilation c = PolicyCompiler.compileDirectory(dir);
        assertWellFormed(c, dir.getFileName() + "/fuzz.ppl"); // named below the root's own name
    }

    private static void assertWellFormed(Compilation c, String onlyFile) {
        if (c.hasErrors()) {
            assertNull(c.policySet(), "no policy set when there are errors");
        } else {
            assertNotNull(c.policySet(), "a policy set when there are no errors");
        }
        for (Diagnostic d : c.diagnostics()) {
            assertNotNull(d.code());
            assertNotNull(d.message());
            assertFalse(d.message().isBlank(), "a diagnostic says something");
            assertNotNull(d.span(), "a diagnostic has a place");
            if (onlyFile != null) assertEquals(onlyFile, d.span().file(), "diagnostics name the file");
            assertTrue(d.span().line() >= 1 && d.span().column() >= 1, () -> "1-based position: " + d);
        }
        // The diagnostics print as text and JSON (what a user and CI see).
        String text = c.diagnosticsText();
        assertEquals(c.diagnostics().isEmpty(), text.isEmpty());
        assertNotNull(DiagnosticPrinter.json(c.diagnostics()));
    }
}
