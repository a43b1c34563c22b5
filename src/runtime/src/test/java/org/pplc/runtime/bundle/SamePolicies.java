package org.pplc.runtime.bundle;

import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares two policy sets accessor by accessor (Policy is a class; its parts are records). */
final class SamePolicies {
    private SamePolicies() {
    }

    static void assertSame(PolicySet expected, PolicySet actual) {
        assertEquals(List.copyOf(expected.payers().values()), List.copyOf(actual.payers().values()), "payers");
        assertEquals(List.copyOf(expected.policies().keySet()), List.copyOf(actual.policies().keySet()), "policy ids");
        for (Policy e : expected.policies().values()) assertSame(e, actual.policy(e.id()));
    }

    static void assertSame(Policy e, Policy a) {
        String p = e.id() + ": ";
        assertEquals(e.payer(), a.payer(), p + "payer");
        assertEquals(e.plan(), a.plan(), p + "plan");
        assertEquals(e.parent(), a.parent(), p + "parent");
        assertEquals(e.effectiveFrom(), a.effectiveFrom(), p + "effectiveFrom");
        assertEquals(e.effectiveThrough(), a.effectiveThrough(), p + "effectiveThrough");
        assertEquals(e.layers(), a.layers(), p + "layers");
        assertEquals(e.meta(), a.meta(), p + "meta");
        assertEquals(e.source(), a.source(), p + "source");
        // maps compared as entry lists so that their order counts too
        assertEquals(List.copyOf(e.families().entrySet()), List.copyOf(a.families().entrySet()), p + "families");
        assertEquals(List.copyOf(e.codes().entrySet()), List.copyOf(a.codes().entrySet()), p + "codes");
        assertEquals(List.copyOf(e.drugs().entrySet()), List.copyOf(a.drugs().entrySet()), p + "drugs");
        assertEquals(e.mues(), a.mues(), p + "mues");
        assertEquals(List.copyOf(e.authorizations().entrySet()), List.copyOf(a.authorizations().entrySet()), p + "authorizations");
        assertEquals(List.copyOf(e.audits().entrySet()), List.copyOf(a.audits().entrySet()), p + "audits");
        assertEquals(e.modifierRules(), a.modifierRules(), p + "modifierRules");
        assertEquals(List.copyOf(e.rules().entrySet()), List.copyOf(a.rules().entrySet()), p + "rules");
        assertEquals(List.copyOf(e.timeRules().entrySet()), List.copyOf(a.timeRules().entrySet()), p + "timeRules");
        assertEquals(List.copyOf(e.initialCodeRules().entrySet()), List.copyOf(a.initialCodeRules().entrySet()),
                p + "initialCodeRules");
        for (String code : e.codes().keySet()) assertEquals(e.rulesFor(code), a.rulesFor(code), p + "rules for " + code);
        assertEquals(e.drugLineModifiers(), a.drugLineModifiers(), p + "drug line modifiers");
        assertEquals(e.secondInitialModifiers(), a.secondInitialModifiers(), p + "second initial modifiers");
    }
}
