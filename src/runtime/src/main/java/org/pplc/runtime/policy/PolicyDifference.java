package org.pplc.runtime.policy;

import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The first way two policy sets differ, part by part, or none: for a product that loads a bundle
 * and wants to know it holds what the policies compile to, and for pplc's own tests (a bundle read
 * back, policies lowered two ways). {@link Policy} is a class, so this compares what it answers:
 * every accessor, maps as ordered entry lists (order is part of a policy: documents list in it),
 * and the per-code rules of every code either policy mentions.
 */
public final class PolicyDifference {
    private PolicyDifference() {
    }

    /** How {@code actual} differs from {@code expected}, first difference only; empty when they agree. */
    public static Optional<String> between(PolicySet expected, PolicySet actual) {
        String d = differ("payers", List.copyOf(expected.payers().values()), List.copyOf(actual.payers().values()));
        if (d == null) d = differ("policy ids", List.copyOf(expected.policies().keySet()), List.copyOf(actual.policies().keySet()));
        if (d != null) return Optional.of(d);
        for (Policy e : expected.policies().values()) {
            Optional<String> p = between(e, actual.policy(e.id()));
            if (p.isPresent()) return p;
        }
        return Optional.empty();
    }

    /** How {@code actual} differs from {@code expected}, first difference only; empty when they agree. */
    public static Optional<String> between(Policy e, Policy a) {
        if (a == null) return Optional.of(e.id() + ": missing");
        String d = differ("payer", e.payer(), a.payer());
        if (d == null) d = differ("plan", e.plan(), a.plan());
        if (d == null) d = differ("parent", e.parent(), a.parent());
        if (d == null) d = differ("effective from", e.effectiveFrom(), a.effectiveFrom());
        if (d == null) d = differ("effective through", e.effectiveThrough(), a.effectiveThrough());
        if (d == null) d = differ("layers", e.layers(), a.layers());
        if (d == null) d = differ("meta", e.meta(), a.meta());
        if (d == null) d = differ("source", e.source(), a.source());
        if (d == null) d = differ("families", List.copyOf(e.families().entrySet()), List.copyOf(a.families().entrySet()));
        if (d == null) d = differ("codes", List.copyOf(e.codes().entrySet()), List.copyOf(a.codes().entrySet()));
        if (d == null) d = differ("drugs", List.copyOf(e.drugs().entrySet()), List.copyOf(a.drugs().entrySet()));
        if (d == null) d = differ("mues", e.mues(), a.mues());
        if (d == null) {
            d = differ("authorizations", List.copyOf(e.authorizations().entrySet()), List.copyOf(a.authorizations().entrySet()));
        }
        if (d == null) d = differ("audits", List.copyOf(e.audits().entrySet()), List.copyOf(a.audits().entrySet()));
        if (d == null) d = differ("modifier rules", e.modifierRules(), a.modifierRules());
        if (d == null) d = differ("rule texts", List.copyOf(e.rules().entrySet()), List.copyOf(a.rules().entrySet()));
        if (d == null) d = differ("time rules", List.copyOf(e.timeRules().entrySet()), List.copyOf(a.timeRules().entrySet()));
        if (d == null) {
            d = differ("initial code rules", List.copyOf(e.initialCodeRules().entrySet()),
                    List.copyOf(a.initialCodeRules().entrySet()));
        }
        if (d == null) d = differ("drug line modifiers", e.drugLineModifiers(), a.drugLineModifiers());
        if (d == null) d = differ("second initial modifiers", e.secondInitialModifiers(), a.secondInitialModifiers());
        if (d == null) {
            // every code either policy says anything about, and one neither knows
            Set<String> codes = new LinkedHashSet<>();
            for (Policy p : List.of(e, a)) {
                codes.addAll(p.codes().keySet());
                codes.addAll(p.drugs().keySet());
                codes.addAll(p.authorizations().keySet());
                codes.addAll(p.audits().keySet());
                for (Mue m : p.mues()) codes.add(m.code());
                for (ModifierRule r : p.modifierRules()) if (r instanceof ModifierRule.Allowed x) codes.add(x.code());
            }
            codes.add("00000");
            for (String code : codes) {
                d = differ("rules for " + code, e.rulesFor(code), a.rulesFor(code));
                if (d != null) break;
            }
        }
        return d == null ? Optional.empty() : Optional.of(e.id() + ": " + d);
    }

    private static String differ(String part, Object expected, Object actual) {
        return Objects.equals(expected, actual) ? null : part + " differ: expected " + expected + " but was " + actual;
    }
}
