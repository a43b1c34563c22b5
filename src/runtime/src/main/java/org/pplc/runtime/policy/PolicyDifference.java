package org.pplc.runtime.policy;

import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The first way two policy sets differ, part by part, or none: for a product that loads a bundle
 * and wants to know it holds what the policies compile to, and for pplc's own tests (a bundle read
 * back, policies lowered two ways). {@link Policy} is a class, so this compares what it answers:
 * every accessor, maps by entry and in order (order is part of a policy: documents list in it),
 * and the per-code rules of every code either policy mentions. A difference names the one entry
 * that changed ({@code uhc: codes: 96415 differs: expected ... but was ...}), not whole lists.
 */
public final class PolicyDifference {
    private PolicyDifference() {
    }

    /** How {@code actual} differs from {@code expected}, first difference only; empty when they agree. */
    public static Optional<String> between(PolicySet expected, PolicySet actual) {
        String d = entries("payers", expected.payers(), actual.payers());
        if (d == null) d = items("policy ids", List.copyOf(expected.policies().keySet()), List.copyOf(actual.policies().keySet()));
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
        if (d == null) d = items("layers", e.layers(), a.layers());
        if (d == null) d = differ("meta", e.meta(), a.meta());
        if (d == null) d = differ("source", e.source(), a.source());
        if (d == null) d = entries("families", e.families(), a.families());
        if (d == null) d = entries("codes", e.codes(), a.codes());
        if (d == null) d = entries("drugs", e.drugs(), a.drugs());
        if (d == null) d = items("mues", e.mues(), a.mues());
        if (d == null) {
            d = entries("authorizations", e.authorizations(), a.authorizations());
        }
        if (d == null) d = entries("audits", e.audits(), a.audits());
        if (d == null) d = items("modifier rules", e.modifierRules(), a.modifierRules());
        if (d == null) d = entries("rule texts", e.rules(), a.rules());
        if (d == null) d = entries("time rules", e.timeRules(), a.timeRules());
        if (d == null) {
            d = entries("initial code rules", e.initialCodeRules(), a.initialCodeRules());
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

    /**
     * The first entry of two ordered maps that differs, by key: one missing, one extra, one whose
     * value changed, or (same entries) the order. Only that entry is shown, not the whole maps.
     */
    private static <K, V> String entries(String part, Map<K, V> expected, Map<K, V> actual) {
        if (Objects.equals(expected, actual) && List.copyOf(expected.keySet()).equals(List.copyOf(actual.keySet()))) return null;
        for (Map.Entry<K, V> x : expected.entrySet()) {
            if (!actual.containsKey(x.getKey())) return part + ": " + x.getKey() + " missing (expected " + x.getValue() + ")";
        }
        for (Map.Entry<K, V> y : actual.entrySet()) {
            if (!expected.containsKey(y.getKey())) return part + ": " + y.getKey() + " not expected (was " + y.getValue() + ")";
        }
        for (Map.Entry<K, V> x : expected.entrySet()) {
            V y = actual.get(x.getKey());
            if (!Objects.equals(x.getValue(), y)) return part + ": " + x.getKey() + " differs: expected " + x.getValue() + " but was " + y;
        }
        return part + ": the order differs: expected " + expected.keySet() + " but was " + actual.keySet();
    }

    /** The first position where two lists differ, or the first item one has beyond the other. */
    private static String items(String part, List<?> expected, List<?> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            if (!Objects.equals(expected.get(i), actual.get(i))) {
                return part + "[" + i + "] differs: expected " + expected.get(i) + " but was " + actual.get(i);
            }
        }
        if (expected.size() > n) return part + "[" + n + "] missing (expected " + expected.get(n) + ")";
        if (actual.size() > n) return part + "[" + n + "] not expected (was " + actual.get(n) + ")";
        return null;
    }
}
