package org.pplc.compiler.format;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.syntax.Parsing;
import org.pplc.compiler.syntax.antlr.PolicyLexer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyFormatterTest {
    static final Path BASE = Path.of("src/compiler/src/test/resources/base");
    static final Path SHIPPED = Path.of("policies");

    static final String MESSY = """
            # header comment

            payer   acme "Acme Health"{plan gold "Gold"   # the rich one
            plan silver "Silver"}
            payer medicare "Medicare Part B"
            policy acme-gold{applies to payer acme plan gold
            extends   medicare-b


              effective 2024-01-01 through 2024-12-31
                # caps from the table
            from "CMS MUE table"{mue 96413 practitioner 1 per day ( clinical ) ,outpatient 1 per line
            override rule mue-exceeded{carc 151 rarc N362,N640 message "{code}: \\"{units}\\" over"
            "{cap}"   fix "x"
            appeal none}}
            code 96417 { description "d" } // trailing slash comment
            timing { push up to 15 minutes # short
            hydration after 30 minutes     # long
            }
            update when "a","b"

              # dangling before close
            }
            # end of file
            """;

    static final String MESSY_FORMATTED = """
            # header comment

            payer acme "Acme Health" {
              plan gold "Gold"  # the rich one
              plan silver "Silver"
            }

            payer medicare "Medicare Part B"

            policy acme-gold {
              applies to payer acme plan gold
              extends medicare-b

              effective 2024-01-01 through 2024-12-31
              # caps from the table
              from "CMS MUE table" {
                mue 96413 practitioner 1 per day (clinical), outpatient 1 per line
                override rule mue-exceeded {
                  carc 151
                  rarc N362, N640
                  message "{code}: \\"{units}\\" over"
                          "{cap}"
                  fix "x"
                  appeal none
                }
              }
              code 96417 {
                description "d"
              }  // trailing slash comment
              timing {
                push up to 15 minutes       # short
                hydration after 30 minutes  # long
              }
              update when "a",
                          "b"

              # dangling before close
            }

            # end of file
            """;

    @Test
    void messyFileFormatsToTheCanonicalLayout() {
        PolicyFormatter.Result r = PolicyFormatter.format("messy.ppl", MESSY);
        assertEquals(List.of(), r.diagnostics());
        assertEquals(MESSY_FORMATTED, r.formatted());
        assertTrue(r.changed());
        PolicyFormatter.Result again = PolicyFormatter.format("messy.ppl", MESSY_FORMATTED);
        assertEquals(MESSY_FORMATTED, again.formatted());
        assertFalse(again.changed());
    }

    @Test
    void commentsBetweenTokensOfOneLineMoveAboveItAndStayThere() {
        String text = """
                policy p {
                  mue 96413 practitioner 1 per day (clinical), # first cap
                    # between the caps
                    outpatient 1 per line # second cap
                }
                """;
        String expected = """
                policy p {
                  # between the caps
                  # second cap
                  mue 96413 practitioner 1 per day (clinical), outpatient 1 per line  # first cap
                }
                """;
        PolicyFormatter.Result r = PolicyFormatter.format("p.ppl", text);
        assertEquals(expected, r.formatted());
        assertEquals(expected, PolicyFormatter.format("p.ppl", expected).formatted());
    }

    @Test
    void crlfAndTabsBecomeTheCanonicalLayout() {
        String text = "payer medicare \"Medicare Part B\"\r\n\tpayer uhc \"UnitedHealthcare\"\t# big\r\n";
        assertEquals("payer medicare \"Medicare Part B\"\n\npayer uhc \"UnitedHealthcare\"  # big\n",
                PolicyFormatter.format("p.ppl", text).formatted());
    }

    @Test
    void aFileWithOnlyCommentsKeepsThem() {
        assertEquals("# nothing yet\n\n# more later\n",
                PolicyFormatter.format("p.ppl", "  # nothing yet   \n\n\n\n # more later").formatted());
        assertEquals("", PolicyFormatter.format("p.ppl", "\n\n").formatted());
    }

    @Test
    void aSyntaxErrorRefusesWithTheParsersDiagnostic() {
        PolicyFormatter.Result r = PolicyFormatter.format("bad.ppl", "policy p {\n  mue 96413 practitioner per line\n}\n");
        assertTrue(r.refused());
        assertNull(r.formatted());
        assertFalse(r.changed());
        Diagnostic d = r.diagnostics().get(0);
        assertEquals("syntax", d.code());
        assertEquals("bad.ppl", d.span().file());
        assertEquals(2, d.span().line());
    }

    // ---- the safety net, against formatters that are wrong on purpose ----

    @Test
    void aLayoutThatChangesTheTreeIsRefused() {
        // drops every 'override': still parses, but means something else
        PolicyFormatter broken = new PolicyFormatter((tree, tokens) ->
                new CanonicalLayout().apply(tree, tokens).replace("override ", ""));
        PolicyFormatter.Result r = broken.run("acme.ppl", "policy p {\n  override audit 96417 above 3 units\n}\n");
        assertTrue(r.refused());
        assertEquals("fmt-unsafe", r.diagnostics().get(0).code());
        assertTrue(r.diagnostics().get(0).message().contains("acme.ppl"), r.diagnostics().get(0).message());
        assertTrue(r.diagnostics().get(0).message().contains("override"), r.diagnostics().get(0).message());
    }

    @Test
    void aLayoutThatDoesNotParseIsRefused() {
        PolicyFormatter broken = new PolicyFormatter((tree, tokens) ->
                new CanonicalLayout().apply(tree, tokens).replace("}", ""));
        PolicyFormatter.Result r = broken.run("acme.ppl", "policy p {\n  audit 96417 above 3 units\n}\n");
        assertTrue(r.refused());
        assertEquals("fmt-unsafe", r.diagnostics().get(0).code());
    }

    @Test
    void aLayoutThatDropsCommentsIsRefused() {
        PolicyFormatter broken = new PolicyFormatter((tree, tokens) ->
                new CanonicalLayout().apply(tree, tokens).replaceAll("(?m)^\\s*#.*\\n", ""));
        PolicyFormatter.Result r = broken.run("acme.ppl", "# why\npolicy p {\n  audit 96417 above 3 units\n}\n");
        assertTrue(r.refused());
        assertTrue(r.diagnostics().get(0).message().contains("comments"), r.diagnostics().get(0).message());
    }

    @Test
    void aLayoutThatIsNotIdempotentIsRefused() {
        // puts as many blank lines on top as the input had lines: grows each time it runs
        PolicyFormatter broken = new PolicyFormatter((tree, tokens) -> {
            long lines = tokens.getTokens().stream().filter(t -> t.getType() == PolicyLexer.NEWLINE).count();
            return "\n".repeat((int) lines) + new CanonicalLayout().apply(tree, tokens);
        });
        PolicyFormatter.Result r = broken.run("acme.ppl", "policy p {\n  audit 96417 above 3 units\n}\n");
        assertTrue(r.refused());
        assertEquals("fmt-unstable", r.diagnostics().get(0).code());
        assertTrue(r.diagnostics().get(0).message().contains("acme.ppl"));
    }

    @Test
    void theComparatorIgnoresPositionsButNothingElse() {
        Ast.PolicyFile a = ast("policy p {\n  mue 96413 practitioner 1 per line\n}\n");
        Ast.PolicyFile spaced = ast("\n\npolicy   p {   mue 96413\n practitioner 1 per line }");
        Ast.PolicyFile cap = ast("policy p {\n  mue 96413 practitioner 2 per line\n}\n");
        Ast.PolicyFile setting = ast("policy p {\n  mue 96413 outpatient 1 per line\n}\n");
        Ast.PolicyFile indicator = ast("policy p {\n  mue 96413 practitioner 1 per day (clinical)\n}\n");
        Ast.PolicyFile extra = ast("policy p {\n  mue 96413 practitioner 1 per line, outpatient 1 per line\n}\n");
        assertTrue(AstComparison.sameStructure(a, spaced));
        assertNotEquals(a, spaced); // the records differ: only their spans
        assertEquals(Optional.of("declarations[0].items[0].definition.caps[0].cap.value: 1 against 2"),
                AstComparison.firstDifference(a, cap));
        assertEquals(Optional.of("declarations[0].items[0].definition.caps[0].setting.text: \"practitioner\" against \"outpatient\""),
                AstComparison.firstDifference(a, setting));
        assertEquals(Optional.of("declarations[0].items[0].definition.caps[0].indicator: nothing against Name"),
                AstComparison.firstDifference(a, indicator));
        assertEquals(Optional.of("declarations[0].items[0].definition.caps: 1 entries against 2"),
                AstComparison.firstDifference(a, extra));
        Ast.PolicyFile audit = ast("policy p {\n  audit 96413 above 1 units\n}\n");
        assertEquals(Optional.of("declarations[0].items[0].definition: MueDef against AuditDef"),
                AstComparison.firstDifference(a, audit));
    }

    private static void assertNotEquals(Object a, Object b) {
        assertFalse(a.equals(b));
    }

    private static Ast.PolicyFile ast(String text) {
        Diagnostics d = new Diagnostics();
        Parsing.Parsed p = Parsing.parse("t.ppl", text, d);
        assertEquals(0, p.errors(), d.sorted().toString());
        return AstBuilder.build("t.ppl", p.tree());
    }

    // ---- every real policy file ----

    @TestFactory
    Stream<DynamicTest> baseFixtureAndShippedPoliciesAreStableAndKeepTheirComments() throws IOException {
        List<Path> files = new ArrayList<>(ppl(BASE));
        assertFalse(files.isEmpty(), "no base fixture under " + BASE);
        if (Files.isDirectory(SHIPPED)) {
            List<Path> shipped = ppl(SHIPPED);
            assertFalse(shipped.isEmpty(), "no .ppl files under " + SHIPPED);
            files.addAll(shipped);
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.toString(), () -> {
            String text = Files.readString(f);
            PolicyFormatter.Result once = PolicyFormatter.format(f.toString(), text);
            assertEquals(List.of(), once.diagnostics());
            PolicyFormatter.Result twice = PolicyFormatter.format(f.toString(), once.formatted());
            assertEquals(once.formatted(), twice.formatted(), "formatting is idempotent");
            List<String> before = commentTexts(text);
            List<String> after = commentTexts(once.formatted());
            assertEquals(before.size(), after.size(), "comment count");
            assertEquals(sorted(before), sorted(after), "comment texts");
            assertTrue(once.formatted().endsWith("\n") && !once.formatted().contains(" \n"), "no trailing blanks");
        }));
    }

    private static List<Path> ppl(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".ppl")).sorted().toList();
        }
    }

    private static List<String> commentTexts(String text) {
        CommonTokenStream tokens = new CommonTokenStream(new PolicyLexer(CharStreams.fromString(text)));
        tokens.fill();
        return tokens.getTokens().stream().filter(t -> t.getType() == PolicyLexer.COMMENT)
                .map(t -> t.getText().strip()).toList();
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    /** Policies may name an MUE table by the claim's setting; the formatter writes the table's word, once. */
    @Test
    void anMueCapInTheClaimsSettingWordsIsWrittenInTheTablesWords() {
        String text = "policy p {\n  mue 96417 facility 2, professional 3 per day (clinical)\n}\n";
        String expected = "policy p {\n  mue 96417 outpatient 2, practitioner 3 per day (clinical)\n}\n";
        assertEquals(expected, PolicyFormatter.format("p.ppl", text).formatted());
        assertEquals(expected, PolicyFormatter.format("p.ppl", expected).formatted());
    }
}
