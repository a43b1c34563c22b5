package org.pplc.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every finding the engine knows, on every shipped payer and plan: the finding fires, and it
 * carries the action, CARC and RARC that the governing policy chose (so a payer's pairing wins).
 */
class EveryFindingOnEveryPayerTest {
    static final Compilation SHIPPED = PolicyCompiler.compileDirectory(Path.of("policies"));
    static final PolicySet SET = SHIPPED.policySet();
    static final Adjudicator ENGINE = new Adjudicator(SET);
    static final LocalDate DOS = LocalDate.parse("2026-03-02");

    /** payer, plan (null: the payer's own policy). */
    static List<String[]> payerPlans() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[]{"medicare", null});
        for (String payer : List.of("uhc", "aetna", "cigna", "humana", "bcbs")) {
            out.add(new String[]{payer, null});
            out.add(new String[]{payer, "commercial"});
            out.add(new String[]{payer, "medicare-advantage"});
        }
        return out;
    }

    record Scenario(RuleKind rule, int line, Setting setting, String... lines) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario(RuleKind.ADDON_REQUIRES_PRIMARY, 2, Setting.FACILITY, "96409", "96417"),
            new Scenario(RuleKind.MUE_EXCEEDED, 2, Setting.FACILITY, "96413", "96415x9"),
            new Scenario(RuleKind.SINGLE_INITIAL_CODE, 2, Setting.FACILITY, "96413", "96365"),
            new Scenario(RuleKind.SETTING_NOT_ALLOWED, 2, Setting.PROFESSIONAL, "96374", "96376"),
            new Scenario(RuleKind.DRUG_MODIFIER_REQUIRED, 2, Setting.FACILITY, "96413", "J9312x68"),
            new Scenario(RuleKind.SEQUENTIAL_SAME_DRUG, 2, Setting.FACILITY, "96413", "96417", "J9312x68:JZ"),
            new Scenario(RuleKind.CHEMO_ADDON_FOR_PREMEDICATION, 2, Setting.FACILITY, "96413", "96417", "J9312x68:JZ", "J1200"));

    static List<ClaimLine> lines(String... specs) {
        List<ClaimLine> out = new ArrayList<>();
        for (String spec : specs) {
            String[] mod = spec.split(":");
            String[] cu = mod[0].split("x");
            out.add(new ClaimLine(out.size() + 1, cu[0], cu.length > 1 ? Integer.parseInt(cu[1]) : 1,
                    mod.length > 1 ? List.of(mod[1]) : List.of()));
        }
        return out;
    }

    /** An authorization that approves every line as billed, so UHC commercial's PA rule stays quiet. */
    static PriorAuthorization approving(List<ClaimLine> lines) {
        java.util.Map<String, Integer> units = new java.util.HashMap<>();
        for (ClaimLine l : lines) units.merge(l.code(), l.units(), Integer::sum);
        return new PriorAuthorization("PA-1", units);
    }

    static Result adjudicate(String payer, String plan, Setting setting, List<PriorAuthorization> pa, String... specs) {
        List<ClaimLine> ls = lines(specs);
        return ENGINE.evaluate(new Claim(payer + "/" + plan, payer, plan, setting, null, DOS, ls,
                pa == null ? List.of(approving(ls)) : pa, List.of()));
    }

    static Policy governing(String payer, String plan) {
        return ((Selection.Found) SET.select(payer, plan, DOS)).policy();
    }

    static Finding finding(Result r, RuleKind rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).findFirst()
                .orElseThrow(() -> new AssertionError(rule.id() + " did not fire: " + r));
    }

    static void assertPolicyText(Finding f, Policy p) {
        RuleText t = p.rule(f.rule());
        assertEquals(t.action(), f.action(), f.toString());
        assertEquals(t.carc(), f.carc(), f.toString());
        assertEquals(t.rarc(), f.rarc(), f.toString());
        assertNotNull(f.source());
    }

    @TestFactory
    Stream<DynamicTest> everyFindingFiresUnderEveryPayerAndPlanWithThatPolicysCodes() {
        return payerPlans().stream().flatMap(pp -> SCENARIOS.stream().map(s -> DynamicTest.dynamicTest(
                pp[0] + (pp[1] == null ? "" : "/" + pp[1]) + ": " + s.rule().id(), () -> {
                    Result r = adjudicate(pp[0], pp[1], s.setting(), null, s.lines());
                    Finding f = finding(r, s.rule());
                    assertEquals(s.line(), f.line());
                    assertPolicyText(f, governing(pp[0], pp[1]));
                    assertEquals(Decision.DENY, r.decision());
                })));
    }

    @Test
    void theCorrectedRegimensPassUnderEveryPayerAndPlanWhenAuthorized() {
        for (String[] pp : payerPlans()) {
            Result r = adjudicate(pp[0], pp[1], Setting.FACILITY, null, "96413", "96415x1", "96368", "96411", "96416",
                    "J9263x320:JZ", "J0640x16:JZ", "J9190x2");
            // the shipped Medicare MUE table is 2024Q3: a 2026 claim carries its out-of-date warning and nothing else
            assertEquals(Decision.WARN, r.decision(), Arrays.toString(pp) + " " + r);
            assertEquals(List.of(RuleKind.MUE_TABLE_OUT_OF_DATE), r.findings().stream().map(Finding::rule).toList(), Arrays.toString(pp));
        }
    }

    @Test
    void uhcCommercialNeedsAnAuthorizationAndStaysWithinIt() {
        Result none = adjudicate("uhc", "commercial", Setting.FACILITY, List.of(), "96413", "96415x2");
        assertEquals(List.of(RuleKind.AUTHORIZATION_MISSING, RuleKind.AUTHORIZATION_MISSING, RuleKind.MUE_TABLE_OUT_OF_DATE),
                none.findings().stream().map(Finding::rule).toList());
        assertPolicyText(none.findings().get(0), governing("uhc", "commercial"));
        Result over = adjudicate("uhc", "commercial", Setting.FACILITY,
                List.of(new PriorAuthorization("PA-7781", java.util.Map.of("96413", 1, "96415", 1))), "96413", "96415x2");
        Finding f = finding(over, RuleKind.AUTHORIZATION_EXCEEDED);
        assertEquals(2, f.line());
        assertPolicyText(f, governing("uhc", "commercial"));
        // the payer's own policy and its Medicare Advantage plan ask for none
        // (only the 2024Q3 MUE table's out-of-date warning)
        assertEquals(Decision.WARN, adjudicate("uhc", null, Setting.FACILITY, List.of(), "96413", "96415x2").decision());
        assertEquals(Decision.WARN, adjudicate("uhc", "medicare-advantage", Setting.FACILITY, List.of(), "96413", "96415x2").decision());
    }

    @Test
    void commercialAuditsReview96417AboveThreeUnitsWhereMedicareDoesNot() {
        String[] claim = {"96413", "96417x4", "J9312x68:JZ", "J9070x10:JZ", "J9000x5", "J9370x2", "J9206x9:JZ"};
        for (String payer : List.of("aetna", "cigna", "humana", "bcbs")) {
            Result r = adjudicate(payer, "commercial", Setting.FACILITY, null, claim);
            Finding audit = finding(r, RuleKind.AUDIT_THRESHOLD);
            assertEquals("review", audit.action().id(), payer);
            assertPolicyText(audit, governing(payer, "commercial"));
            assertTrue(audit.layer().equals(payer + "-commercial"), audit.layer());
        }
        Result medicare = adjudicate("medicare", null, Setting.FACILITY, null, claim);
        assertTrue(medicare.findings().stream().noneMatch(f -> f.rule() == RuleKind.AUDIT_THRESHOLD), medicare.toString());
    }

    @Test
    void aPriorAuthorizationFixesThe96417CountForAetnaAndCignaCommercial() {
        List<PriorAuthorization> pa = List.of(new PriorAuthorization("PA-1", java.util.Map.of("96417", 1)));
        String[] claim = {"96413", "96417x2", "J9312x68:JZ", "J9070x10:JZ", "J9000x5"};
        for (String payer : List.of("aetna", "cigna")) {
            Finding f = finding(adjudicate(payer, "commercial", Setting.FACILITY, pa, claim), RuleKind.AUTHORIZATION_EXCEEDED);
            assertPolicyText(f, governing(payer, "commercial"));
        }
        Result medicare = adjudicate("medicare", null, Setting.FACILITY, pa, claim);
        assertEquals(List.of(RuleKind.MUE_TABLE_OUT_OF_DATE), medicare.findings().stream().map(Finding::rule).toList(), medicare.toString());
    }
}
