package org.pplc.compiler;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.pplc.compiler.diag.Diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The table of broken policy snippets (diagnostics/cases.txt) and the exact diagnostics each must
 * produce. Run with -Dpplc.golden.update=true to rewrite the expectations from the compiler's
 * output, then read the diff: the table is the specification of every message.
 */
class DiagnosticTableTest {
    static final Path TABLE = Path.of("src/compiler/src/test/resources/diagnostics/cases.txt");

    record Case(String title, String text, List<String> expected) {
    }

    static List<SourceFile> base() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/compiler/src/test/resources/base"))) {
            for (Path p : s.sorted().toList()) {
                files.add(new SourceFile("base/" + p.getFileName(), Files.readString(p)));
            }
        }
        return files;
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        String title = null;
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        boolean inExpected = false;
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.startsWith("=== ")) {
                if (title != null) out.add(new Case(title, text.toString(), List.copyOf(expected)));
                title = line.substring(4);
                text.setLength(0);
                expected.clear();
                inExpected = false;
            } else if (title == null) {
                continue; // header comment
            } else if (line.equals("---")) {
                inExpected = true;
            } else if (inExpected) {
                if (!line.isBlank()) expected.add(line);
            } else {
                text.append(line).append('\n');
            }
        }
        if (title != null) out.add(new Case(title, text.toString(), List.copyOf(expected)));
        return out;
    }

    static List<String> actual(Case c) throws IOException {
        List<SourceFile> files = new ArrayList<>(base());
        files.add(new SourceFile("case.ppl", c.text()));
        Compilation comp = PolicyCompiler.compileSources(files);
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : comp.diagnostics()) {
            lines.add(d.span() + ": " + d.severity().id() + ": " + d.message());
        }
        return lines;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsExactDiagnostics() throws IOException {
        List<Case> cases = cases();
        if (Boolean.getBoolean("pplc.golden.update")) rewrite(cases);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> {
            assertFalse(c.expected().isEmpty(), "a case must expect at least one diagnostic");
            assertEquals(String.join("\n", c.expected()), String.join("\n", actual(c)));
        }));
    }

    @org.junit.jupiter.api.Test
    void theTableCoversAtLeastFortyMistakes() throws IOException {
        org.junit.jupiter.api.Assertions.assertTrue(cases().size() >= 40, "cases: " + cases().size());
    }

    @org.junit.jupiter.api.Test
    void theBaseFixtureIsClean() throws IOException {
        Compilation c = PolicyCompiler.compileSources(base());
        assertEquals("", c.diagnosticsText());
    }

    private static void rewrite(List<Case> cases) throws IOException {
        List<String> original = Files.readAllLines(TABLE, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (String line : original) {
            if (line.startsWith("=== ")) break;
            out.append(line).append('\n');
        }
        for (Case c : cases) {
            out.append("=== ").append(c.title()).append('\n').append(c.text()).append("---\n");
            for (String a : actual(c)) out.append(a).append('\n');
            out.append('\n');
        }
        Files.writeString(TABLE, out.toString().stripTrailing() + "\n", StandardCharsets.UTF_8);
    }
}
