package org.pplc.runtime.derive;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.util.Objects;

/**
 * Turns an infusion visit (its administrations) into the claim lines that should be billed,
 * following the hierarchy of the policy in force for the visit's payer, plan and date.
 * Immutable and safe to share across threads.
 */
public final class Deriver {
    private final PolicySet policies;

    public Deriver(PolicySet policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    public Derivation derive(Claim visit) {
        if (visit.setting() == null) {
            return new Derivation.Failed(visit.id(),
                    "no setting: give 'setting' (facility or professional) or a placeOfService");
        }
        if (visit.dateOfService() == null) {
            return new Derivation.Failed(visit.id(), "no dateOfService: derive needs it to choose the policy in force");
        }
        if (visit.administrations().isEmpty()) {
            return new Derivation.Failed(visit.id(), "no administrations: derive needs the drugs given at the visit");
        }
        Selection selection = policies.select(visit.payer(), visit.plan(), visit.dateOfService());
        if (selection instanceof Selection.NotFound notFound) {
            return new Derivation.Failed(visit.id(), notFound.reason());
        }
        Policy policy = ((Selection.Found) selection).policy();
        return new VisitCoding(policies, policy, visit).derive();
    }
}
