package org.pplc.runtime.engine;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates claims against a compiled policy set. Build it once; it is immutable, safe to share
 * across threads, does no I/O and re-parses nothing: each claim costs one policy selection and one
 * hash probe per line.
 */
public final class Adjudicator {
    private final PolicySet policySet;
    private final Map<Policy, PreparedPolicy> prepared;

    public Adjudicator(PolicySet policySet) {
        this.policySet = Objects.requireNonNull(policySet, "policySet");
        Map<Policy, PreparedPolicy> m = new IdentityHashMap<>();
        Map<SourceRef, String> positions = new ConcurrentHashMap<>(); // shared: policies share most rules
        for (Policy p : policySet.policies().values()) m.put(p, new PreparedPolicy(p, positions));
        this.prepared = Collections.unmodifiableMap(m);
    }

    public PolicySet policySet() {
        return policySet;
    }

    public Result evaluate(Claim claim) {
        return evaluate(claim, false);
    }

    /**
     * Evaluates one claim. With {@code explain}, the result also lists, for every line, each check
     * that looked at it, whether it fired, why, and the policy fact it used.
     */
    public Result evaluate(Claim claim, boolean explain) {
        Objects.requireNonNull(claim, "claim");
        String missing = claim.payer() == null ? "payer: missing"
                : claim.dateOfService() == null ? "dateOfService: missing"
                : claim.setting() == null ? "setting: missing" : null;
        if (missing != null) return Result.error(claim.id(), claim.payer(), claim.plan(), missing);
        Selection selection = policySet.select(claim.payer(), claim.plan(), claim.dateOfService());
        if (selection instanceof Selection.NotFound notFound) {
            return Result.error(claim.id(), claim.payer(), claim.plan(), notFound.reason());
        }
        Policy policy = ((Selection.Found) selection).policy();
        PreparedPolicy p = prepared.get(policy);
        if (p == null) p = new PreparedPolicy(policy); // only for a policy the set was not built with
        return new Evaluation(p, claim, explain).run();
    }
}
