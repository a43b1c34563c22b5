package org.pplc.compiler;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policies in policies/ compile without a diagnostic and say what DOMAIN.md says. */
class ShippedPoliciesTest {
    static final Compilation SHIPPED = PolicyCompiler.compileDirectory(Path.of("policies"));

    @Test
    void everyShippedPolicyCompilesClean() {
        assertEquals("", SHIPPED.diagnosticsText());
        assertNotNull(SHIPPED.policySet());
    }

    @Test
    void theContractPayersAndPlansAreDeclared() {
        PolicySet set = SHIPPED.policySet();
        assertTrue(set.payers().containsKey("medicare"));
        for (String payer : List.of("uhc", "aetna", "cigna", "humana", "bcbs")) {
            assertNotNull(set.payers().get(payer).plan("commercial"), payer);
            assertNotNull(set.payers().get(payer).plan("medicare-advantage"), payer);
            assertNotNull(set.policy(payer + "-commercial"), payer);
        }
    }

    @Test
    void theAddOnPrimariesAreTheCorrectedOnes() {
        Policy medicare = SHIPPED.policySet().policy("medicare-part-b");
        assertEquals(List.of("96413"), medicare.codes().get("96417").primaries());
        assertTrue(medicare.codes().get("96416").standalone(), "96416 starts a pump; it is not an add-on");
        assertTrue(medicare.codes().get("96521").standalone(), "96521 refills a pump; it is not an add-on");
        assertEquals(List.of("96409", "96413"), medicare.codes().get("96411").primaries());
        assertEquals(List.of("96360", "96365", "96366", "96413", "96415", "96416"), medicare.codes().get("96368").primaries());
        assertEquals("facility", medicare.codes().get("96376").onlyIn().id());
    }

    @Test
    void theTimeRulesAreTheDomainNotes() {
        Policy medicare = SHIPPED.policySet().policy("medicare-part-b");
        assertEquals(15, medicare.time(TimeRule.Kind.PUSH_UP_TO_MINUTES, -1), "16 minutes or more is an infusion");
        assertEquals(30, medicare.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, -1));
        assertEquals(30, medicare.time(TimeRule.Kind.HYDRATION_AFTER_MINUTES, -1));
        assertEquals(480, medicare.time(TimeRule.Kind.PUMP_AFTER_MINUTES, -1), "96416 starts an infusion of more than 8 hours");
    }

    @Test
    void bothMedicareMueTablesMatchDomainNotes() {
        // code -> practitioner value/MAI, outpatient value/MAI (CMS tables effective 2024-07-01)
        Map<String, String> expected = Map.ofEntries(
                Map.entry("96360", "1/3 2/3"), Map.entry("96361", "8/3 24/3"), Map.entry("96365", "1/3 2/3"),
                Map.entry("96366", "8/3 24/3"), Map.entry("96367", "4/3 4/3"), Map.entry("96368", "1/2 1/2"),
                Map.entry("96374", "1/3 1/3"), Map.entry("96375", "6/3 6/3"), Map.entry("96376", "0/3 10/3"),
                Map.entry("96401", "3/3 4/3"), Map.entry("96409", "1/3 1/3"), Map.entry("96411", "3/3 3/3"),
                Map.entry("96413", "1/3 1/3"), Map.entry("96415", "8/3 8/3"), Map.entry("96416", "1/3 1/3"),
                Map.entry("96417", "3/3 3/3"), Map.entry("96521", "2/3 2/3"));
        Policy medicare = SHIPPED.policySet().policy("medicare-part-b");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = cap(medicare, e.getKey(), MueSetting.PRACTITIONER) + " " + cap(medicare, e.getKey(), MueSetting.OUTPATIENT);
            assertEquals(e.getValue(), got, e.getKey());
        }
        assertEquals(34, medicare.mues().size());
    }

    private static String cap(Policy p, String code, MueSetting s) {
        Mue m = p.mues().stream().filter(x -> x.code().equals(code) && x.setting() == s).findFirst().orElseThrow();
        return m.cap() + "/" + m.indicator().digit();
    }

    @Test
    void payerVariationsOfTheSeedsAreCarried() {
        PolicySet set = SHIPPED.policySet();
        assertTrue(set.policy("uhc-commercial").authorizations().get("96417").required());
        for (String p : List.of("aetna-commercial", "cigna-commercial", "humana-commercial", "bcbs-commercial")) {
            assertEquals(3, set.policy(p).audits().get("96417").units(), p);
        }
        assertNull(set.policy("medicare-part-b").audits().get("96417"));
        assertFalse(set.policy("humana").rule(org.pplc.runtime.model.RuleKind.MUE_EXCEEDED).carc()
                .equals(set.policy("medicare-part-b").rule(org.pplc.runtime.model.RuleKind.MUE_EXCEEDED).carc()),
                "the MUE CARC pairing is payer policy");
    }

    @Test
    void everyFactNamesItsSource() {
        for (Policy p : SHIPPED.policySet().policies().values()) {
            p.mues().forEach(m -> assertNotNull(m.provenance().citation(), "mue " + m.code()));
            p.codes().values().forEach(c -> assertNotNull(c.provenance().citation(), "code " + c.code()));
            p.drugs().values().forEach(d -> assertNotNull(d.provenance().citation(), "drug " + d.hcpcs()));
            p.audits().values().forEach(a -> assertNotNull(a.provenance().citation(), "audit " + a.code()));
            p.authorizations().values().forEach(a -> assertNotNull(a.provenance().citation(), "authorization " + a.code()));
            assertFalse(p.meta().sources().isEmpty(), p.id());
        }
    }
}
