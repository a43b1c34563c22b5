package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.check.CheckedPolicy;
import org.pplc.compiler.check.Checker;
import org.pplc.compiler.check.FactKey;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.lower.Lowering;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicyDifference;
import org.pplc.runtime.policy.PolicySet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler lowers each policy as soon as it is checked; lowering after the whole check must
 * give the same policy set. And each layered policy ({@code Policy.over}) must hold what the
 * flattened constructor makes of its own maps, per-code index included.
 */
class CheckLowerPathsTest {
    /** Many payers over the test baseline, overriding MUEs, audits, authorizations, modifiers and rules. */
    static String payers(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String id = "p" + i;
            b.append("payer ").append(id).append(" \"Payer ").append(i).append("\" {\n  plan gold \"Gold\"\n}\n");
            b.append("policy ").append(id).append(" {\n  applies to payer ").append(id)
                    .append("\n  extends medicare-b\n  effective 2025-01-01\n");
            b.append("  from \"bulletin ").append(i).append("\" {\n");
            b.append("    override mue 96417 outpatient ").append(3 + i % 3).append(" per day (clinical)\n");
            b.append("    mue 96416 practitioner 2 per line, outpatient ").append(3 + i % 2).append(" per line\n");
            b.append("    audit 96417 above ").append(2 + i % 4).append(" units\n");
            b.append("    prior authorization required for 96413, 96415\n");
            b.append("    modifier JW, JZ allowed on 96413\n");
            b.append("    override rule mue-exceeded { carc 151 rarc none }\n");
            b.append("  }\n");
            if (i % 3 == 0) b.append("  override modifier JW required on single-dose drug lines\n");
            b.append("}\n");
            b.append("policy ").append(id).append("-gold {\n  applies to payer ").append(id)
                    .append(" plan gold\n  extends ").append(id).append("\n  effective 2025-01-01\n");
            b.append("  override audit 96417 above 9 units\n");
            b.append("  override mue 96417 outpatient 9 per line\n");
            if (i % 2 == 0) b.append("  override mue 96416 practitioner 4 per line\n");
            b.append("  override modifier JW, JZ, 59 allowed on 96413\n");
            b.append("  prior authorization limits units of 96417\n");
            b.append("}\n");
        }
        return b.toString();
    }

    static List<SourceFile> corpus(int payers) throws Exception {
        List<SourceFile> files = new ArrayList<>(DiagnosticTableTest.base());
        files.add(new SourceFile("generated.ppl", payers(payers)));
        return files;
    }

    @Test
    void loweringAsYouCheckGivesWhatLoweringAfterwardsGives() throws Exception {
        for (Compilation c : List.of(PolicyCompiler.compileDirectory(Path.of("policies")),
                PolicyCompiler.compileSources(corpus(12)))) {
            assertFalse(c.hasErrors(), c::diagnosticsText);
            PolicySet afterwards = Lowering.lower(Checker.check(c.files(), new Diagnostics()));
            assertSameSet(afterwards, c.policySet());
        }
    }

    @Test
    void layeredPoliciesHoldWhatTheFlattenedConstructorMakes() throws Exception {
        for (Compilation c : List.of(PolicyCompiler.compileDirectory(Path.of("policies")),
                PolicyCompiler.compileSources(corpus(12)))) {
            assertFalse(c.hasErrors(), c::diagnosticsText);
            for (Policy p : c.policySet().policies().values()) {
                Policy flat = new Policy(p.id(), p.payer(), p.plan(), p.parent(), p.effectiveFrom(),
                        p.effectiveThrough(), p.layers(), p.meta(), p.source(), p.families(), p.codes(), p.drugs(),
                        p.mues(), p.authorizations(), p.audits(), p.modifierRules(), p.rules(), p.timeRules(),
                        p.initialCodeRules());
                assertSamePolicy(flat, p);
            }
        }
    }

    @Test
    void overridesReplaceInPlaceAndThePerCodeIndexFollows() throws Exception {
        PolicySet set = PolicyCompiler.compileSources(corpus(3)).policySet();
        Policy gold = set.policy("p0-gold");
        Mue out = gold.rulesFor("96417").outpatientMue();
        assertEquals(9, out.cap());
        assertEquals(out, gold.mues().stream().filter(m -> m.code().equals("96417") && m.setting() == out.setting())
                .findFirst().orElseThrow(), "the override takes the replaced MUE's place");
        assertEquals(9, gold.rulesFor("96417").audit().units());
        assertEquals(List.of("JW", "JZ", "59"), gold.rulesFor("96413").allowedModifiers().modifiers());
        assertEquals(1, gold.modifierRules().stream().filter(r -> r instanceof ModifierRule.Allowed a
                && a.code().equals("96413")).count());
        assertEquals(List.of("JW"), set.policy("p0").drugLineModifiers().modifiers());
        assertEquals(set.policy("medicare-b").drugLineModifiers(), set.policy("p1").drugLineModifiers());
        assertTrue(gold.rulesFor("96417").authorization() != null);
    }

    @Test
    void theConsumerHearsOfPoliciesOnlyUntilTheFirstError() throws Exception {
        List<SourceFile> files = new ArrayList<>(corpus(4));
        files.add(files.size() - 1, new SourceFile("broken.ppl", """
                payer p9 "Payer 9"
                policy p9 {
                  applies to payer p9
                  extends medicare-b
                  effective 2026-01-01
                  audit 99999 above 3 units
                }
                """));
        Compilation c = PolicyCompiler.compileSources(files);
        assertTrue(c.hasErrors());
        assertNull(c.policySet());
        List<Ast.PolicyFile> asts = new ArrayList<>();
        for (SourceFile f : files) {
            Diagnostics d = new Diagnostics();
            asts.add(org.pplc.compiler.ast.AstBuilder.build(f.path(),
                    org.pplc.compiler.syntax.Parsing.parse(f.path(), f.text(), d).tree()));
        }
        Diagnostics diag = new Diagnostics();
        List<String> heard = new ArrayList<>();
        CheckResult checked = Checker.check(asts, diag, p -> heard.add(p.id()));
        assertTrue(diag.hasErrors());
        List<String> all = checked.policies().stream().map(CheckedPolicy::id).toList();
        int broken = all.indexOf("p9");
        assertEquals(all.subList(0, broken), heard, "every policy checked before the error, none after");
        assertFalse(heard.isEmpty());
        assertTrue(broken < all.size() - 1, "policies after the broken one were checked: " + all);
    }

    @Test
    void factKeysPrintAsDiagnosticsNameThem() {
        assertEquals("code 96413", FactKey.of(FactKey.Kind.CODE, "96413").toString());
        assertEquals("mue 96417 outpatient", FactKey.of(FactKey.Kind.MUE, "96417", "outpatient").toString());
        assertEquals("prior authorization J9312", FactKey.of(FactKey.Kind.AUTHORIZATION, "J9312").toString());
        assertEquals("modifiers required on single-dose drug lines",
                FactKey.of(FactKey.Kind.DRUG_LINE_MODIFIERS).toString());
        assertEquals("modifiers allowing a second initial code",
                FactKey.of(FactKey.Kind.SECOND_INITIAL_MODIFIERS).toString());
        assertEquals("modifiers allowed on 96413", FactKey.of(FactKey.Kind.ALLOWED_MODIFIERS, "96413").toString());
        assertEquals("timing push up to", FactKey.of(FactKey.Kind.TIMING, "push up to").toString());
        assertEquals("initial code in facility", FactKey.of(FactKey.Kind.INITIAL_CODE, "facility").toString());
        assertEquals(FactKey.of(FactKey.Kind.AUDIT, new String("96417")), FactKey.of(FactKey.Kind.AUDIT, "96417"));
        assertFalse(FactKey.of(FactKey.Kind.AUDIT, "96417").equals(FactKey.of(FactKey.Kind.CODE, "96417")));
        assertFalse(FactKey.of(FactKey.Kind.MUE, "96417", "outpatient")
                .equals(FactKey.of(FactKey.Kind.MUE, "96417", "practitioner")));
    }

    static void assertSameSet(PolicySet e, PolicySet a) {
        assertEquals(Optional.empty(), PolicyDifference.between(e, a));
    }

    static void assertSamePolicy(Policy e, Policy a) {
        assertEquals(Optional.empty(), PolicyDifference.between(e, a));
    }
}
