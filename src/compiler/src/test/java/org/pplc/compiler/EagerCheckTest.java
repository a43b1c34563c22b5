package org.pplc.compiler;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.check.CheckedPolicy;
import org.pplc.compiler.check.Checker;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.lower.Lowering;
import org.pplc.runtime.policy.PolicySet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler checks and lowers each file's policies right after parsing it ({@link Checker#eager}),
 * and checks the whole set afterwards only when that fast path gives up. Either way the outcome
 * must be what the whole-set check alone gives: the same diagnostics in the same order, the same
 * checked policies in the same order, the same policy set.
 */
class EagerCheckTest {
    /** The compiler as it was before the eager path: parse everything, then check and lower the whole set. */
    private record WholeSet(List<org.pplc.compiler.diag.Diagnostic> diagnostics, CheckResult checked, PolicySet set) {
    }

    private static WholeSet wholeSet(List<SourceFile> sources) {
        Diagnostics diag = new Diagnostics();
        List<Ast.PolicyFile> files = new ArrayList<>();
        boolean syntaxOk = true;
        for (SourceFile s : sources) {
            Ast.PolicyFile f = AstBuilder.parse(s.path(), s.text(), diag);
            if (f == null) syntaxOk = false;
            else files.add(f);
        }
        if (!syntaxOk) return new WholeSet(diag.sorted(), null, null);
        Lowering.Session lowering = new Lowering.Session();
        CheckResult checked = Checker.check(files, diag, lowering::add);
        if (diag.hasErrors()) return new WholeSet(diag.sorted(), null, null);
        return new WholeSet(diag.sorted(), checked, lowering.finish(checked));
    }

    /** Whether the eager path holds for these files (checked against what its consumer heard). */
    private static boolean eagerHolds(List<SourceFile> sources) {
        List<String> heard = new ArrayList<>();
        Checker.Eager eager = Checker.eager(p -> heard.add(p.id()));
        for (SourceFile s : sources) {
            Ast.PolicyFile f = AstBuilder.parse(s.path(), s.text(), new Diagnostics());
            if (f == null) eager.abandon();
            else eager.offer(f);
        }
        CheckResult r = eager.finish(new Diagnostics());
        if (r == null) return false;
        assertEquals(r.policies().stream().map(CheckedPolicy::id).toList(), heard,
                "each policy handed over as it was checked, parents first");
        return true;
    }

    /** The compiler's result equals the whole-set check's; {@code eager} says which path it must take. */
    static void assertSameAsWholeSet(List<SourceFile> sources, boolean eager) {
        Compilation c = PolicyCompiler.compileSources(sources);
        WholeSet w = wholeSet(sources);
        assertEquals(eager, eagerHolds(sources), "the eager path " + (eager ? "holds" : "gives up"));
        assertEquals(w.diagnostics(), c.diagnostics());
        if (w.set() == null) {
            assertNull(c.policySet());
            assertNull(c.checked());
            return;
        }
        assertNotNull(c.policySet(), c::diagnosticsText);
        CheckLowerPathsTest.assertSameSet(w.set(), c.policySet());
        assertEquals(w.checked().payers(), c.checked().payers());
        List<CheckedPolicy> e = w.checked().policies(), a = c.checked().policies();
        assertEquals(e.stream().map(CheckedPolicy::id).toList(), a.stream().map(CheckedPolicy::id).toList());
        for (int i = 0; i < e.size(); i++) {
            CheckedPolicy x = e.get(i), y = a.get(i);
            // Everything but the scope (no equality of its own; its facts are 'own' and the parents').
            assertEquals(x.decl(), y.decl());
            assertEquals(List.of(x.file(), String.valueOf(x.payer()), String.valueOf(x.plan()), String.valueOf(x.parent()),
                            String.valueOf(x.effectiveFrom()), String.valueOf(x.effectiveThrough()),
                            String.valueOf(x.title()), String.valueOf(x.summary()), String.valueOf(x.reviewed())),
                    List.of(y.file(), String.valueOf(y.payer()), String.valueOf(y.plan()), String.valueOf(y.parent()),
                            String.valueOf(y.effectiveFrom()), String.valueOf(y.effectiveThrough()),
                            String.valueOf(y.title()), String.valueOf(y.summary()), String.valueOf(y.reviewed())));
            assertEquals(x.sources(), y.sources());
            assertEquals(x.updateTriggers(), y.updateTriggers());
            assertEquals(x.own(), y.own());
            assertEquals(x.scope().keys(), y.scope().keys());
        }
    }

    private static List<SourceFile> base() throws Exception {
        return DiagnosticTableTest.base();
    }

    /** The test baseline and {@code n} generated payers, one file per payer (policy and plan policy). */
    private static List<SourceFile> payerFiles(int n) {
        List<SourceFile> out = new ArrayList<>();
        String all = CheckLowerPathsTest.payers(n);
        // payers(n) writes each payer's declaration, payer policy and plan policy in turn.
        String[] parts = all.split("(?=payer p\\d+ \")");
        for (String part : parts) {
            if (part.isBlank()) continue;
            String id = part.substring("payer ".length(), part.indexOf(' ', "payer ".length()));
            out.add(new SourceFile("payers/" + id + ".ppl", part));
        }
        assertEquals(n, out.size());
        return out;
    }

    @Test
    void shippedPoliciesTakeTheEagerPathAndGiveTheWholeSetResult() throws Exception {
        Compilation shipped = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(shipped.hasErrors(), shipped::diagnosticsText);
        assertSameAsWholeSet(shipped.sources(), true);
    }

    @Test
    void generatedPayersTakeTheEagerPath() throws Exception {
        List<SourceFile> files = new ArrayList<>(base());
        files.addAll(payerFiles(30));
        assertSameAsWholeSet(files, true);
        assertSameAsWholeSet(CheckLowerPathsTest.corpus(12), true);
    }

    @TestFactory
    Stream<DynamicTest> everyDiagnosticsTableCaseGivesTheWholeSetResult() throws Exception {
        List<SourceFile> base = base();
        return DiagnosticTableTest.cases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> {
            List<SourceFile> files = new ArrayList<>(base);
            files.add(new SourceFile("case.ppl", c.text()));
            // Which path a case takes depends on the case (a warning alone keeps the eager path);
            // the outcome must not.
            assertSameAsWholeSet(files, eagerHolds(files));
            // And with the case first: payers and parents then come later, the eager path gives up.
            List<SourceFile> first = new ArrayList<>();
            first.add(new SourceFile("case.ppl", c.text()));
            first.addAll(base);
            assertSameAsWholeSet(first, eagerHolds(first));
        }));
    }

    @Test
    void aPayerDeclaredInALaterFileIsCheckedAtTheEnd() throws Exception {
        List<SourceFile> files = new ArrayList<>(base());
        SourceFile payers = files.stream().filter(f -> f.path().endsWith("payers.ppl")).findFirst().orElseThrow();
        files.remove(payers);
        files.addAll(payerFiles(3).stream().map(f -> new SourceFile(f.path(), f.text())).toList());
        files.add(payers); // after the medicare baseline and the payer files naming its payers
        assertSameAsWholeSet(files, true);
        // A payer never declared: reported at the end, by the whole-set check.
        List<SourceFile> unknown = new ArrayList<>(base());
        unknown.add(new SourceFile("x.ppl", """
                policy x {
                  applies to payer nobody
                  extends medicare-b
                  effective 2025-01-01
                }
                """));
        assertSameAsWholeSet(unknown, false);
        assertEquals(List.of("unknown-payer"), codes(unknown));
        // A plan the payer (declared later) does not have: found when the last file is in.
        List<SourceFile> plan = new ArrayList<>(base());
        plan.add(new SourceFile("a.ppl", """
                policy y {
                  applies to payer q plan silver
                  extends medicare-b
                  effective 2025-01-01
                }
                """));
        plan.add(new SourceFile("z.ppl", "payer q \"Q\" {\n  plan gold \"Gold\"\n}\n"));
        assertSameAsWholeSet(plan, false);
        assertEquals(List.of("unknown-plan"), codes(plan));
        List<SourceFile> planKnown = new ArrayList<>(plan);
        planKnown.set(planKnown.size() - 1, new SourceFile("z.ppl", "payer q \"Q\" {\n  plan silver \"Silver\"\n}\n"));
        assertSameAsWholeSet(planKnown, true);
        assertSameAsWholeSet(List.of(), true);
    }

    @Test
    void aParentInALaterFileOrFurtherDownTheFileGivesUp() throws Exception {
        List<SourceFile> files = new ArrayList<>(payerFiles(4));
        files.addAll(base()); // every payer policy before the baseline it extends
        assertSameAsWholeSet(files, false);
        // Within one file: the plan policy before the payer policy it extends.
        String one = CheckLowerPathsTest.payers(1);
        int gold = one.indexOf("policy p0-gold");
        int payerPolicy = one.indexOf("policy p0 {");
        String swapped = one.substring(0, payerPolicy) + one.substring(gold) + one.substring(payerPolicy, gold);
        List<SourceFile> inFile = new ArrayList<>(base());
        inFile.add(new SourceFile("p0.ppl", swapped));
        assertSameAsWholeSet(inFile, false);
    }

    @Test
    void errorsAnywhereGiveTheWholeSetDiagnostics() throws Exception {
        // Duplicate policy and payer ids across files.
        List<SourceFile> dup = new ArrayList<>(base());
        dup.addAll(payerFiles(3));
        dup.add(payerFiles(3).get(1));
        assertSameAsWholeSet(dup, false);
        assertEquals(List.of("duplicate-payer", "duplicate-policy", "duplicate-policy"), codes(dup));
        // An error in the first file: every later file is still checked by the whole-set check.
        List<SourceFile> early = new ArrayList<>(base());
        early.set(0, new SourceFile(early.get(0).path(), early.get(0).text().replaceFirst("96413", "9641")));
        early.addAll(payerFiles(3));
        assertSameAsWholeSet(early, false);
        assertEquals(early.get(0).path(), PolicyCompiler.compileSources(early).errors().get(0).span().file());
        // Errors found only by the checks that need every header: no extends, overlapping dates.
        List<SourceFile> late = new ArrayList<>(base());
        late.addAll(payerFiles(3));
        late.add(new SourceFile("payers/p1-more.ppl", """
                policy p1-again {
                  applies to payer p1
                  extends medicare-b
                  effective 2025-06-01
                }
                policy p1-loose {
                  applies to payer p1 plan gold
                  effective 2030-01-01
                }
                """));
        assertSameAsWholeSet(late, false);
        assertEquals(List.of("missing-extends", "overlapping-dates", "overlapping-dates"), codes(late));
        // A file that does not parse: no check at all, as before.
        List<SourceFile> syntax = new ArrayList<>(base());
        syntax.addAll(payerFiles(2));
        syntax.add(new SourceFile("broken.ppl", "policy {\n"));
        assertSameAsWholeSet(syntax, false);
        assertTrue(PolicyCompiler.compileSources(syntax).hasErrors());
    }

    private static List<String> codes(List<SourceFile> files) {
        return PolicyCompiler.compileSources(files).errors().stream().map(d -> d.code()).sorted().toList();
    }

    @Test
    void tableCasesWithWarningsOnlyKeepTheEagerPath() throws Exception {
        int eager = 0;
        for (DiagnosticTableTest.Case c : DiagnosticTableTest.cases()) {
            List<SourceFile> files = new ArrayList<>(base());
            files.add(new SourceFile("case.ppl", c.text()));
            boolean warningsOnly = !PolicyCompiler.compileSources(files).hasErrors();
            if (eagerHolds(files)) {
                assertTrue(warningsOnly, c.title());
                eager++;
            }
        }
        assertTrue(eager >= 3, "cases on the eager path: " + eager);
    }

    @Test
    void warningsAloneKeepTheEagerPathAndAreReportedAsBefore() throws Exception {
        List<SourceFile> files = new ArrayList<>(base());
        files.addAll(payerFiles(3));
        files.add(new SourceFile("payers/p2-warn.ppl", """
                policy p2-later {
                  applies to payer p2 plan gold
                  extends p1-gold
                  effective 2020-01-01 through 2024-12-31
                  title ""
                  audit 96413 above 0 units
                }
                """));
        Compilation c = PolicyCompiler.compileSources(files);
        assertFalse(c.hasErrors(), c::diagnosticsText);
        assertTrue(c.warnings().size() >= 2, c::diagnosticsText);
        assertSameAsWholeSet(files, true);
    }

    @Test
    void shuffledFilesGiveTheWholeSetResult() throws Exception {
        List<SourceFile> files = new ArrayList<>(base());
        files.addAll(payerFiles(8));
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            List<SourceFile> order = new ArrayList<>(files);
            Collections.shuffle(order, random);
            assertSameAsWholeSet(order, eagerHolds(order));
        }
    }
}
