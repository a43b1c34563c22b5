package org.pplc.compiler;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Layering (core, Medicare, payer, plan) and the choice of the policy in force by date of service. */
class LayeringTest {
    static PolicySet set;

    static final String ACME = """
            policy acme {
              applies to payer acme
              extends medicare-b
              effective 2025-01-01
              from "Acme bulletin 12" {
                override mue 96417 outpatient 4 per day (clinical)
                override rule mue-exceeded { carc 96 rarc N362 }
                override code 96417 { description "Acme reviews every unit" }
              }
              audit 96417 above 3 units
            }
            policy acme-gold-2026 {
              applies to payer acme plan gold
              extends acme
              effective 2026-01-01 through 2026-12-31
              override mue 96417 outpatient 5 per day (clinical)
            }
            policy acme-gold-2027 {
              applies to payer acme plan gold
              extends acme
              effective 2027-01-01
              override mue 96417 outpatient 6 per line
              override audit 96417 above 5 units
            }
            """;

    @BeforeAll
    static void compile() throws Exception {
        List<SourceFile> files = new ArrayList<>(DiagnosticTableTest.base());
        files.add(new SourceFile("acme.ppl", ACME));
        Compilation c = PolicyCompiler.compileSources(files);
        assertEquals("", c.diagnosticsText());
        set = c.policySet();
    }

    static Policy select(String payer, String plan, String date) {
        Selection s = set.select(payer, plan, LocalDate.parse(date));
        return assertInstanceOf(Selection.Found.class, s, () -> s.toString()).policy();
    }

    static Mue mue(Policy p, String code, MueSetting setting) {
        return p.mues().stream().filter(m -> m.code().equals(code) && m.setting() == setting).findFirst().orElseThrow();
    }

    @Test
    void aPlanOverrideWinsOverItsPayerAndThePayerOverMedicare() {
        assertEquals(3, mue(select("medicare", null, "2026-03-01"), "96417", MueSetting.OUTPATIENT).cap());
        assertEquals(4, mue(select("acme", "silver", "2026-03-01"), "96417", MueSetting.OUTPATIENT).cap());
        Mue gold = mue(select("acme", "gold", "2026-03-01"), "96417", MueSetting.OUTPATIENT);
        assertEquals(5, gold.cap());
        assertEquals("acme-gold-2026", gold.provenance().layer());
        assertEquals("acme.ppl:16:22", gold.provenance().source().toString()); // the outpatient cap itself
    }

    @Test
    void theDateOfServiceSelectsThePolicyInForce() {
        assertEquals("acme-gold-2026", select("acme", "gold", "2026-12-31").id());
        assertEquals("acme-gold-2027", select("acme", "gold", "2027-01-01").id());
        assertEquals(Mai.PER_LINE, mue(select("acme", "gold", "2027-06-01"), "96417", MueSetting.OUTPATIENT).indicator());
        // before the plan's first policy, the payer's policy governs the plan
        assertEquals("acme", select("acme", "gold", "2025-06-01").id());
        Selection before = set.select("acme", null, LocalDate.parse("2024-12-31"));
        assertEquals("no policy of payer 'acme' is in force on 2024-12-31",
                assertInstanceOf(Selection.NotFound.class, before).reason());
    }

    @Test
    void unknownPayersAndPlansAreNamedWithSuggestions() {
        assertEquals("unknown payer 'acm' (did you mean acme?)",
                ((Selection.NotFound) set.select("acm", null, LocalDate.parse("2026-01-01"))).reason());
        assertEquals("unknown plan 'gld' of payer 'acme' (did you mean gold?)",
                ((Selection.NotFound) set.select("acme", "gld", LocalDate.parse("2026-01-01"))).reason());
    }

    @Test
    void aRuleOverrideChangesOnlyWhatItNames() {
        RuleText medicare = select("medicare", null, "2026-01-01").rule(RuleKind.MUE_EXCEEDED);
        RuleText acme = select("acme", null, "2026-01-01").rule(RuleKind.MUE_EXCEEDED);
        assertEquals("151", medicare.carc());
        assertEquals("96", acme.carc());
        assertEquals(List.of("N362"), acme.rarc());
        assertEquals(medicare.message(), acme.message());
        assertEquals(medicare.action(), acme.action());
        assertEquals("acme", acme.provenance().layer());
        assertEquals("Acme bulletin 12", acme.provenance().citation());
    }

    @Test
    void aCodeOverrideKeepsTheHierarchyAndAddsWhatItSays() {
        Code core = select("medicare", null, "2026-01-01").codes().get("96417");
        Code acme = select("acme", null, "2026-01-01").codes().get("96417");
        assertNull(core.description());
        assertEquals("Acme reviews every unit", acme.description());
        assertEquals(core.primaries(), acme.primaries());
        assertEquals(List.of("96413"), acme.primaries());
        assertEquals(core.role(), acme.role());
    }

    @Test
    void layersAreListedFromTheCoreUp() {
        assertEquals(List.of("core", "medicare-b", "acme", "acme-gold-2027"), select("acme", "gold", "2027-03-01").layers());
        assertEquals(3, select("acme", null, "2026-01-01").audits().get("96417").units());
        assertEquals(5, select("acme", "gold", "2027-03-01").audits().get("96417").units());
    }
}
