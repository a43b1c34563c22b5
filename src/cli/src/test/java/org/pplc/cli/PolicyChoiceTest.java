package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Adjudicator chooses a claim's policy through its own routing table (for speed at many
 * payers); it must choose exactly what {@link PolicySet#select} chooses, and give select's reason
 * when there is none: every payer and plan of the shipped policies (and unknown ones), on every
 * policy's first and last day, the days around them, and a day a month from 2023 to 2028.
 */
class PolicyChoiceTest {
    @Test
    void adjudicatorChoosesThePolicySelectChooses() {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        PolicySet set = c.policySet();
        Adjudicator adjudicator = new Adjudicator(set);

        TreeSet<LocalDate> days = new TreeSet<>();
        for (LocalDate d = LocalDate.of(2023, 1, 1); d.isBefore(LocalDate.of(2028, 1, 1)); d = d.plusMonths(1)) days.add(d);
        for (Policy p : set.policies().values()) {
            days.add(p.effectiveFrom().minusDays(1));
            days.add(p.effectiveFrom());
            if (p.effectiveThrough() != null) {
                days.add(p.effectiveThrough());
                days.add(p.effectiveThrough().plusDays(1));
            }
        }
        List<String> payers = new ArrayList<>(set.payers().keySet());
        payers.add("no-such-payer");
        int found = 0, notFound = 0;
        for (String payerId : payers) {
            Payer payer = set.payers().get(payerId);
            List<String> plans = new ArrayList<>();
            plans.add(null);
            plans.add("no-such-plan");
            if (payer != null) for (Plan plan : payer.plans()) plans.add(plan.id());
            for (String plan : plans) {
                for (LocalDate day : days) {
                    Claim claim = new Claim("C", payerId, plan, Setting.FACILITY, "22", day,
                            List.of(new ClaimLine(1, "96413", 1, List.of())), List.of(), List.of());
                    Result r = adjudicator.evaluate(claim);
                    Selection s = set.select(payerId, plan, day);
                    String where = payerId + "/" + plan + " on " + day;
                    if (s instanceof Selection.Found f) {
                        assertEquals(f.policy().id(), r.policy(), where);
                        found++;
                    } else {
                        assertTrue(r.isError(), where);
                        assertEquals(((Selection.NotFound) s).reason(), r.error(), where);
                        notFound++;
                    }
                }
            }
        }
        // both kinds of answer were exercised, plan policies as well as payer-wide ones
        assertTrue(found > 500 && notFound > 100, found + " found, " + notFound + " not found");
    }
}
