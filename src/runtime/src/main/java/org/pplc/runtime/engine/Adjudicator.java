package org.pplc.runtime.engine;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates claims against a compiled policy set. Build it once; it is immutable, safe to share
 * across threads, does no I/O and re-parses nothing: each claim costs one probe of the routing
 * table and one probe per line.
 */
public final class Adjudicator {
    private final PolicySet policySet;
    /**
     * (payer, plan "" for the payer itself) -> the first of the prepared policies {@link PolicySet#select}
     * would choose among, in its order, the others chained by {@link PreparedPolicy#next}: one probe
     * and a few date comparisons choose the policy of a claim. A claim this cannot place goes to
     * {@code select}, which says why.
     */
    private final Routes routes;
    /** The tables all prepared policies share, with the arena the routing slots point into (null: no policies). */
    private final PreparedPolicy.Tables tables;

    public Adjudicator(PolicySet policySet) {
        this.policySet = Objects.requireNonNull(policySet, "policySet");
        Map<Policy, PreparedPolicy> m = PreparedPolicy.prepareAll(policySet.policies().values());
        Map<String, Map<String, List<PreparedPolicy>>> byPayer = new HashMap<>();
        for (Policy p : policySet.policies().values()) {
            if (p.payer() == null) continue;
            byPayer.computeIfAbsent(p.payer(), k -> new HashMap<>())
                    .computeIfAbsent(p.plan() == null ? "" : p.plan(), k -> new ArrayList<>()).add(m.get(p));
        }
        int count = 0;
        for (Payer payer : policySet.payers().values()) count += 1 + payer.plans().size();
        Routes r = new Routes(count);
        Map<String, String> planIds = new HashMap<>(); // one instance per plan id, shared by all payers
        planIds.put("", "");
        for (Payer payer : policySet.payers().values()) {
            Map<String, List<PreparedPolicy>> own = byPayer.getOrDefault(payer.id(), Map.of());
            List<PreparedPolicy> payerWide = oldestFirst(own.get(""));
            PreparedPolicy payerFirst = chain(payerWide, null);
            r.put(payer.id(), "", payerFirst);
            for (Plan plan : payer.plans()) {
                // the plan's own policies first, then the payer's: select's fallback order
                PreparedPolicy planFirst = chain(oldestFirst(own.get(plan.id())), payerFirst);
                r.put(payer.id(), planIds.computeIfAbsent(plan.id(), k -> k), planFirst);
            }
        }
        this.routes = r;
        this.tables = m.isEmpty() ? null : m.values().iterator().next().tables();
    }

    /**
     * Links the candidates, then {@code tail}, by {@link PreparedPolicy#next}; returns the first, or
     * tail when there are none. A policy is a candidate of one payer and one plan (or of the payer
     * for all its plans, always last), so each policy has one next.
     */
    private static PreparedPolicy chain(List<PreparedPolicy> candidates, PreparedPolicy tail) {
        PreparedPolicy next = tail;
        for (int i = candidates.size() - 1; i >= 0; i--) {
            candidates.get(i).link(next);
            next = candidates.get(i);
        }
        return next;
    }

    /** Oldest first, a stable sort as PolicySet's: policies of the same day keep their source order. */
    private static List<PreparedPolicy> oldestFirst(List<PreparedPolicy> policies) {
        if (policies == null) return List.of();
        List<PreparedPolicy> sorted = new ArrayList<>(policies);
        sorted.sort((a, b) -> Long.compare(a.fromDay, b.fromDay));
        return sorted;
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
                : claim.setting() == null ? "setting: missing"
                // a Claim has lines unless it is a visit for derive (administrations only): nothing to decide
                : claim.lines().isEmpty() ? "lines: " + org.pplc.runtime.claim.ClaimSchema.NO_LINES : null;
        if (missing != null) return Result.error(claim.id(), claim.payer(), claim.plan(), missing);
        Routes r = routes;
        int slot = r.slot(claim.payer(), claim.plan() == null ? "" : claim.plan());
        if (slot >= 0) {
            long day = claim.dateOfService().toEpochDay();
            // the candidates' dates from the arena (the slot has the first's offset, each header the
            // next's), not from the policy objects; the chosen one's object and grants are fetched
            // alongside its arena lines, not after them
            PreparedPolicy p = r.first(slot);
            int grantsAt = r.grantsAt(slot);
            for (int at = r.at(slot); at >= 0; at = PreparedPolicy.nextAt(tables.arena[at + PreparedPolicy.LINK])) {
                long[] a = tables.arena;
                if (day >= a[at + PreparedPolicy.FROM] && day <= a[at + PreparedPolicy.THROUGH]) {
                    return new Evaluation(p, tables, at, grantsAt, claim, explain).run();
                }
                p = p.next;
                grantsAt = p == null ? -1 : p.grantsAt;
            }
        }
        // No policy in force for this claim: select gives the reason (unknown payer or plan, dates).
        Selection selection = policySet.select(claim.payer(), claim.plan(), claim.dateOfService());
        if (selection instanceof Selection.NotFound notFound) {
            return Result.error(claim.id(), claim.payer(), claim.plan(), notFound.reason());
        }
        // Not reached while the routes mirror select (PolicyChoiceTest); correct, if slow, if it were.
        return new Evaluation(PreparedPolicy.alone(((Selection.Found) selection).policy()), claim, explain).run();
    }
}
