package org.pplc.runtime.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every compiled policy, layered and flattened, with the payers they govern. Immutable and safe
 * to share across threads: compile or load it once, then evaluate any number of claims.
 */
public final class PolicySet {
    private final Map<String, Payer> payers;
    private final Map<String, Policy> policies;
    /** payer -> plan ("" for the whole payer) -> its policies, oldest first. */
    private final Map<String, Map<String, List<Policy>>> governing;

    public PolicySet(List<Payer> payers, List<Policy> policies) {
        Map<String, Payer> p = new LinkedHashMap<>();
        for (Payer payer : payers) p.put(payer.id(), payer);
        this.payers = Collections.unmodifiableMap(p);
        Map<String, Policy> byId = new LinkedHashMap<>();
        Map<String, Map<String, List<Policy>>> gov = new HashMap<>();
        for (Policy policy : policies) {
            byId.put(policy.id(), policy);
            if (policy.payer() == null) continue;
            gov.computeIfAbsent(policy.payer(), k -> new HashMap<>())
                    .computeIfAbsent(policy.plan() == null ? "" : policy.plan(), k -> new ArrayList<>())
                    .add(policy);
        }
        // Oldest first (a stable sort: policies from the same day keep their source order).
        for (Map<String, List<Policy>> byPlan : gov.values()) {
            for (Map.Entry<String, List<Policy>> e : byPlan.entrySet()) {
                List<Policy> v = e.getValue();
                if (v.size() > 1) v.sort((a, b) -> a.effectiveFrom().compareTo(b.effectiveFrom()));
                e.setValue(List.copyOf(v));
            }
        }
        this.policies = Collections.unmodifiableMap(byId);
        this.governing = gov;
    }

    public Map<String, Payer> payers() { return payers; }

    /** Every policy by id, in source order. */
    public Map<String, Policy> policies() { return policies; }

    public Policy policy(String id) { return policies.get(id); }

    /**
     * The policy in force for a payer, plan and date of service. A plan with no policy of its own
     * in force falls back to the payer's policy.
     */
    public Selection select(String payerId, String planId, LocalDate dateOfService) {
        Payer payer = payerId == null ? null : payers.get(payerId);
        if (payer == null) {
            return new Selection.NotFound("unknown payer '" + payerId + "'" + Suggest.didYouMean(payerId, payers.keySet()));
        }
        if (planId != null && payer.plan(planId) == null) {
            List<String> plans = payer.plans().stream().map(Plan::id).toList();
            return new Selection.NotFound("unknown plan '" + planId + "' of payer '" + payerId + "'"
                    + Suggest.didYouMean(planId, plans));
        }
        Map<String, List<Policy>> byPlan = governing.getOrDefault(payerId, Map.of());
        if (planId != null) {
            Policy p = inForce(byPlan.get(planId), dateOfService);
            if (p != null) return new Selection.Found(p);
        }
        Policy p = inForce(byPlan.get(""), dateOfService);
        if (p != null) return new Selection.Found(p);
        return new Selection.NotFound("no policy of payer '" + payerId + "'" + (planId == null ? "" : " plan '" + planId + "'")
                + " is in force on " + dateOfService);
    }

    private static Policy inForce(List<Policy> candidates, LocalDate date) {
        if (candidates == null) return null;
        for (Policy p : candidates) if (p.inForceOn(date)) return p;
        return null;
    }
}
