package org.pplc.compiler.syntax;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.syntax.antlr.PolicyLexer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The compiler's quick path (FastScanner, the parser without a parse tree, AstBuilder.Listener)
 * against the full path it stands in for (the generated PolicyLexer, the parse tree,
 * AstBuilder.build): the same tokens, token for token, wherever the scanner accepts a text, and the
 * same AST wherever the quick parse succeeds; a text with any syntax error never passes the quick
 * path. Inputs: the shipped policies, the test base policies, every snippet of the diagnostics
 * table, the fuzz corpus, hand-picked lexer corner cases and random mutations of all of those.
 */
class QuickPathTest {
    /** The generated lexer's tokens, hidden ones included, with their stream indexes. */
    static List<Token> generated(String text) {
        PolicyLexer lexer = new PolicyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return tokens.getTokens();
    }

    static String describe(Token t) {
        return t.getType() + " '" + t.getText() + "' " + t.getStartIndex() + ":" + t.getStopIndex() + " @" + t.getLine()
                + ":" + t.getCharPositionInLine() + " ch" + t.getChannel() + " #" + t.getTokenIndex();
    }

    /** Scanner accepted: same tokens as the generated lexer. Returns whether it accepted. */
    static boolean sameTokens(String text) {
        FastScanner.Tokens quick = FastScanner.scanAll(text, Integer.MAX_VALUE);
        if (quick == null) return false;
        List<Token> expected = generated(text);
        List<String> want = new ArrayList<>();
        for (Token t : expected) want.add(describe(t));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < quick.size; i++) {
            got.add(describe(quick.tokens[i]));
        }
        assertEquals(want, got, () -> "tokens differ for: " + text);
        // Without trivia: the same, minus the hidden tokens (indexes then count kept tokens).
        FastScanner.Tokens kept = FastScanner.scan(text);
        assertNotNull(kept);
        List<String> wantKept = new ArrayList<>();
        for (Token t : expected) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) wantKept.add(t.getType() + " " + t.getText() + " " + t.getLine() + ":" + t.getCharPositionInLine());
        }
        List<String> gotKept = new ArrayList<>();
        for (int i = 0; i < kept.size; i++) {
            Token t = kept.tokens[i];
            gotKept.add(t.getType() + " " + t.getText() + " " + t.getLine() + ":" + t.getCharPositionInLine());
            assertEquals(i, t.getTokenIndex());
        }
        assertEquals(wantKept, gotKept);
        return true;
    }

    /** Quick parse succeeded: the full path has no errors and the same AST. Returns whether it succeeded. */
    static boolean sameAst(String text) {
        Diagnostics quickDiag = new Diagnostics();
        Ast.PolicyFile quick = AstBuilder.parse("t.ppl", text, quickDiag);
        Diagnostics fullDiag = new Diagnostics();
        Parsing.Parsed full = Parsing.parse("t.ppl", text, fullDiag);
        assertEquals(fullDiag.sorted(), quickDiag.sorted(), () -> "diagnostics differ for: " + text);
        if (full.errors() > 0) {
            assertNull(quick, () -> "the quick path accepted a text with errors: " + text);
            return false;
        }
        assertEquals(AstBuilder.build("t.ppl", full.tree()), quick, () -> "ASTs differ for: " + text);
        return Parsing.parseQuick("t.ppl", text, null);
    }

    static List<String> samples() throws IOException {
        List<String> out = new ArrayList<>();
        for (String root : List.of("policies", "src/compiler/src/test/resources/base",
                "fuzz/src/test/resources/org/pplc/fuzz/PolicyCompilerFuzzTestInputs")) {
            try (Stream<Path> s = Files.walk(Path.of(root))) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                }
            }
        }
        // Each case's policy text, without the diagnostics it expects (those are not policy text).
        boolean text = false;
        for (String line : Files.readAllLines(Path.of("src/compiler/src/test/resources/diagnostics/cases.txt"))) {
            if (line.startsWith("=== ")) {
                out.add("");
                text = true;
            } else if (line.equals("---")) {
                text = false;
            } else if (text) {
                out.set(out.size() - 1, out.get(out.size() - 1) + line + "\n");
            }
        }
        return out;
    }

    /** Lexer corner cases: tie-breaks between DATE, DECIMAL, INT, WORD and keywords; line ends; escapes. */
    static final List<String> CORNERS = List.of(
            "", " ", "\n", "\r", "\r\n", "\r\r\n\n", "a\rb", "x \f\t y", "2024-01-01", "2024-01-01x", "2024-01-011",
            "2024-1-01", "2024-01-01.5", "12.5", "12.", "12.5.3", "1.5-3", "12ab.5", "0012", "007abc", "12-3", "1_2",
            "add-on", "add-onx", "single-dose", "single-doses", "policy", "policyx", "Policy", "POLICY", "units",
            "unit", "a-", "a_b-c", "\"\"", "\"a\\\"b\"", "\"a\\\\\"", "\"tab\\tx\"", "\"é ü\"", "# comment é\nx",
            "// c\r\ny", "#", "//", "/x", "a/b", "\"a\" \"b\"", "{}(),", "9999-99-99", "99999-99-99", "1234-56-7",
            "policy p { title \"t\" }\n", "x\n\"unterminated", "\"a\\\nb\"", "\"ab\\", "-a", "_a", "é", "a@b",
            "\uD83D\uDE00", "\"\uD83D\uDE00\"", "# \uD83D\uDE00\n", "a\u0000b", "\t\t\n  \n");

    @Test
    void theScannerGivesTheGeneratedLexersTokensOnEverySample() throws IOException {
        int accepted = 0;
        List<String> samples = samples();
        for (String s : samples) if (sameTokens(s)) accepted++;
        for (String s : CORNERS) sameTokens(s);
        // The shipped and base policies are plain text: the scanner must take all of them.
        try (Stream<Path> s = Files.walk(Path.of("policies"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".ppl")).toList()) {
                assertTrue(sameTokens(Files.readString(p)), () -> "scanner declined " + p);
            }
        }
        assertTrue(accepted > samples.size() / 2, accepted + " of " + samples.size());
    }

    @Test
    void theScannerDeclinesWhatOnlyTheGeneratedLexerGetsRight() {
        for (String s : List.of("a@b", "é", "\"open", "\"a\\\nb\"", "\"ab\\", "\uD83D\uDE00", "\"\uD83D\uDE00\"",
                "# \uD83D\uDE00\n", "1.5-3", "/x", "-a")) {
            assertNull(FastScanner.scanAll(s, Integer.MAX_VALUE), s);
        }
        assertNotNull(FastScanner.scanAll("\"é\" # ü\n", Integer.MAX_VALUE), "non-ASCII in texts and comments is fine");
    }

    @Test
    void theScannerDeclinesTokensItsPackingCannotHoldAndTakesThoseJustUnder() {
        // A token keeps its column and length in 16 bits each: beyond that the generated lexer reads the file.
        String wide = " ".repeat(65_534);
        assertTrue(sameTokens(wide + "x\n"), "its line end at column 65,535");
        assertNull(FastScanner.scanAll(wide + " x\n", Integer.MAX_VALUE), "a line end at column 65,536");
        String longText = "\"" + "a".repeat(65_533) + "\"";
        assertTrue(sameTokens(longText + "\n"), "a 65,535-character token");
        assertNull(FastScanner.scanAll(longText.replace("\"a", "\"aa") + "\n", Integer.MAX_VALUE), "65,536 characters");
        assertNull(FastScanner.scan("\n" + wide + "  "), "the EOF token's column counts too");
        // A declined file still compiles on the old path, with the same spans.
        String policy = "policy p {\n  title \"" + "t".repeat(70_000) + "\"\n  applies to all payers\n  effective 2024-01-01\n}\n";
        assertNull(FastScanner.scan(policy));
        assertFalse(sameAst(policy), "the old path reads it");
        assertNotNull(AstBuilder.parse("t.ppl", policy, new Diagnostics()));
    }

    @Test
    void theScannerCountsSpacesAndCommentsAgainstTheTokenLimit() {
        String text = "a b\n# c\n"; // a, space, b, newline, comment, newline: 6 tokens
        assertNotNull(FastScanner.scanAll(text, 6));
        assertNull(FastScanner.scanAll(text, 5));
    }

    @Test
    void theQuickParseGivesTheSameAstAndNeverPassesAnError() throws IOException {
        int quick = 0;
        List<String> samples = samples();
        for (String s : samples) if (sameAst(s)) quick++;
        for (String s : CORNERS) sameAst(s);
        try (Stream<Path> s = Files.walk(Path.of("policies"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".ppl")).toList()) {
                assertTrue(sameAst(Files.readString(p)), () -> "quick path declined " + p);
            }
        }
        assertTrue(quick > 0);
    }

    @Test
    void randomMutationsOfEverySample() throws IOException {
        String alphabet = " \t\n\r\f\"\\#/-_.,{}()0123456789azAZé\uD83D@";
        List<String> words = List.of("policy", "code", "mue", "2024-01-01", "12.5", "\"x\"", "add-on", "override",
                "{", "}", "initial", "per", "day", "(", ")", "#c\n", "\"a\\\"b\"");
        Random random = new Random(20261123);
        List<String> samples = samples();
        int scanned = 0;
        int parsed = 0;
        for (int round = 0; round < 12; round++) {
            for (String s : samples) {
                StringBuilder b = new StringBuilder(s);
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
                    switch (random.nextInt(4)) {
                        case 0 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> b.insert(at, words.get(random.nextInt(words.size())));
                        case 2 -> {
                            if (at < b.length()) b.deleteCharAt(at);
                        }
                        default -> {
                            if (at < b.length()) b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                }
                String text = b.toString();
                try {
                    if (sameTokens(text)) scanned++;
                    if (sameAst(text)) parsed++;
                } catch (AssertionError | RuntimeException ex) {
                    fail("mutation of a sample: " + text, ex);
                }
            }
        }
        // About 40% of the mutations still scan and 9% still parse (2,124 mutations with this seed).
        assertTrue(scanned > 300 && parsed > 60, scanned + " scanned, " + parsed + " parsed");
    }
}
