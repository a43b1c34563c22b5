package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.syntax.Parsing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static java.time.Duration.ofSeconds;

/** The limits on policy text: each stops the file with one clear diagnostic naming it, quickly. */
class LimitsTest {
    @Test
    void exactlyTheTokenLimitParsesOneMoreIsRefusedAtTheTokenWhereReadingStopped() {
        // "#\n" is two tokens (a comment and a line end), so n lines are 2n tokens.
        String atLimit = "#\n".repeat(Parsing.MAX_TOKENS / 2);
        Diagnostics ok = new Diagnostics();
        assertEquals(0, Parsing.parse("big.ppl", atLimit, ok).errors(), "2,000,000 tokens are allowed");
        assertEquals(List.of(), ok.sorted());

        Diagnostics diag = new Diagnostics();
        Parsing.Parsed p = Parsing.parse("big.ppl", atLimit + "#", diag);
        assertEquals(1, p.errors());
        assertNull(p.tree());
        Diagnostic d = diag.sorted().get(0);
        assertEquals("too-many-tokens", d.code());
        assertEquals("big.ppl:1000001:1", d.span().toString(), "the token past the limit");
        assertEquals("policy file has more than 2,000,000 tokens (words, numbers, symbols, spaces and comments); "
                + "reading stopped here", d.message());
        assertEquals("split it into several files", d.help());
    }

    @Test
    void tooManyTokensInsideAPolicyStopsWithOneErrorAndNoCascade() {
        String text = "policy t {\n  applies to all payers\n  update when " + "\"x\", ".repeat(700_000) + "\"y\"\n}\n";
        Compilation c = assertTimeoutPreemptively(ofSeconds(20), () -> PolicyCompiler.compileSources(
                List.of(new SourceFile("policies/long.ppl", text))));
        assertEquals(1, c.diagnostics().size(), c::diagnosticsText);
        assertEquals("too-many-tokens", c.diagnostics().get(0).code());
        assertEquals("policies/long.ppl", c.diagnostics().get(0).span().file());
        assertNull(c.policySet());
    }

    @Test
    void textLongerThanTheLimitIsRefusedBeforeLexing() {
        char[] chars = new char[Parsing.MAX_TEXT_CHARS + 1];
        Arrays.fill(chars, ' ');
        Compilation c = PolicyCompiler.compileSources(List.of(new SourceFile("wide.ppl", new String(chars))));
        assertEquals(1, c.diagnostics().size(), c::diagnosticsText);
        Diagnostic d = c.diagnostics().get(0);
        assertEquals("file-too-large", d.code());
        assertEquals("wide.ppl:1:1", d.span().toString());
        assertEquals("policy text is longer than 8,388,608 characters", d.message());
    }

    @Test
    void aFileLargerThan8MbIsRefusedAndTheOthersStillCompile(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("a.ppl"), "payer acme \"Acme\"\n", StandardCharsets.UTF_8);
        byte[] big = new byte[(int) PolicyCompiler.MAX_FILE_BYTES + 1];
        Arrays.fill(big, (byte) '#');
        Files.write(root.resolve("b.ppl"), big);
        Compilation c = PolicyCompiler.compileDirectory(root);
        String b = root.getFileName() + "/b.ppl"; // named below the root's own name
        assertEquals(List.of("file-too-large " + b + ":1:1 policy file is larger than 8 MB"),
                c.diagnostics().stream().map(d -> d.code() + " " + d.span() + " " + d.message()).toList());
        assertEquals(1, c.sources().size(), "a.ppl was still read and parsed");
    }

    @Test
    void aLargeFileFullOfMistakesEndsWithinSeconds() {
        // One unknown statement per line, 200,000 lines: LL recovery on every line must stay linear.
        String text = "policy t {\n" + "  bogus 1 2 3\n".repeat(200_000) + "}\n";
        Compilation c = assertTimeoutPreemptively(ofSeconds(30), () -> PolicyCompiler.compileSources(
                List.of(new SourceFile("broken.ppl", text))));
        assertEquals("syntax", c.errors().get(0).code());
        assertEquals("broken.ppl:2:3", c.errors().get(0).span().toString());
    }
}
