package org.pplc.runtime.engine;


import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.policy.CodeRules;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy arranged for the engine once, when the Adjudicator is built: one map from code to
 * everything the checks need (rules, definition, drug, family index, primaries as entries),
 * so a claim line costs one hash probe and the rest is reference comparison.
 */
final class PreparedPolicy {
    /** Everything the engine knows about one code (an administration code, a drug, or both). */
    static final class Entry {
        final String code;
        final CodeRules rules;
        final Code definition;
        final Drug drug;
        /** Index of the code's family, or -1. */
        final int family;
        /** Index of the drug's category (its family after payer reclassification), or -1. */
        final int drugFamily;
        final boolean initial;
        final boolean sequential;
        /** The add-on's primaries, as entries so presence on a claim is an identity check. */
        Entry[] primaries = new Entry[0];

        Entry(String code, CodeRules rules, Drug drug, int family, int drugFamily) {
            this.code = code;
            this.rules = rules;
            this.definition = rules == null ? null : rules.definition();
            this.drug = drug;
            this.family = family;
            this.drugFamily = drugFamily;
            this.initial = definition != null && definition.role() == Role.INITIAL;
            this.sequential = definition != null && definition.role() == Role.SEQUENTIAL;
        }

        Mue mue(org.pplc.runtime.model.Setting setting) {
            if (rules == null) return null;
            return setting == org.pplc.runtime.model.Setting.FACILITY ? rules.outpatientMue() : rules.practitionerMue();
        }
    }

    final Policy policy;
    final Map<String, Entry> entries;
    final RuleText[] texts;
    final String[] familyIds;
    /** The family at the top of the hierarchy (lowest rank: chemotherapy), or -1. */
    final int topFamily;
    /** Per family: its additional-hour infusion code (96415 for chemo), or null. */
    final String[] hourCodes;
    /** Per family: its sequential codes, e.g. ["96367", "96375"] for therapeutic. */
    final List<List<String>> sequentialCodes;
    final ModifierRule.SecondInitial secondInitial;
    final ModifierRule.DrugLine drugLine;
    /** The rule texts by kind, cut into templates once: message, fix, appeal. */
    final Template[] messages, fixes, appeals;
    /** "JW or JZ": the drug-line modifiers as findings word them, joined once. */
    final String drugLineModifiers;
    /**
     * "file:line:column" of each rule's text, written once per position and shared by every policy
     * of the Adjudicator (a finding names its source; most claims hit the same few rules).
     */
    private final Map<SourceRef, String> positions;

    PreparedPolicy(Policy policy) {
        this(policy, new ConcurrentHashMap<>());
    }

    PreparedPolicy(Policy policy, Map<SourceRef, String> positions) {
        this.policy = policy;
        this.positions = positions;
        texts = new RuleText[RuleKind.values().length];
        for (RuleKind k : RuleKind.values()) texts[k.ordinal()] = policy.rule(k);
        messages = new Template[texts.length];
        fixes = new Template[texts.length];
        appeals = new Template[texts.length];
        for (int k = 0; k < texts.length; k++) {
            if (texts[k] == null) continue;
            messages[k] = Template.of(texts[k].message());
            fixes[k] = Template.of(texts[k].fix());
            appeals[k] = Template.of(texts[k].appeal());
        }
        secondInitial = policy.secondInitialModifiers();
        drugLine = policy.drugLineModifiers();
        drugLineModifiers = drugLine == null ? null : Texts.or(drugLine.modifiers());

        Map<String, Integer> familyIndex = new LinkedHashMap<>();
        for (String f : policy.families().keySet()) familyIndex.putIfAbsent(f, familyIndex.size());
        for (Code c : policy.codes().values()) if (c.family() != null) familyIndex.putIfAbsent(c.family(), familyIndex.size());
        for (Drug d : policy.drugs().values()) if (d.category() != null) familyIndex.putIfAbsent(d.category(), familyIndex.size());
        familyIds = familyIndex.keySet().toArray(new String[0]);

        int top = -1;
        int topRank = Integer.MAX_VALUE;
        for (Family f : policy.families().values()) {
            if (f.rank() < topRank) {
                topRank = f.rank();
                top = familyIndex.get(f.id());
            }
        }
        topFamily = top;

        hourCodes = new String[familyIds.length];
        sequentialCodes = new ArrayList<>();
        for (int i = 0; i < familyIds.length; i++) sequentialCodes.add(new ArrayList<>());
        for (Code c : policy.codes().values()) {
            Integer f = c.family() == null ? null : familyIndex.get(c.family());
            if (f == null) continue;
            // the family's additional-hour code, an infusion one when there is a choice
            if (c.role() == Role.ADDITIONAL_HOUR && (hourCodes[f] == null || c.method() == Method.INFUSION
                    && policy.codes().get(hourCodes[f]).method() != Method.INFUSION)) hourCodes[f] = c.code();
            if (c.role() == Role.SEQUENTIAL) sequentialCodes.get(f).add(c.code());
        }

        // Every code the policy says anything about, and every drug.
        Set<String> codes = new LinkedHashSet<>(policy.codes().keySet());
        for (Mue m : policy.mues()) codes.add(m.code());
        codes.addAll(policy.authorizations().keySet());
        codes.addAll(policy.audits().keySet());
        for (ModifierRule r : policy.modifierRules()) if (r instanceof ModifierRule.Allowed a) codes.add(a.code());
        codes.addAll(policy.drugs().keySet());
        Map<String, Entry> map = new HashMap<>(codes.size() * 2);
        for (String c : codes) {
            CodeRules rules = policy.rulesFor(c);
            Drug drug = policy.drugs().get(c);
            Code def = rules == null ? null : rules.definition();
            int family = def == null || def.family() == null ? -1 : familyIndex.get(def.family());
            int drugFamily = drug == null || drug.category() == null ? -1 : familyIndex.get(drug.category());
            map.put(c, new Entry(c, rules, drug, family, drugFamily));
        }
        // A primary the policy defines nothing else about still counts when billed: give it an entry.
        for (Code c : policy.codes().values()) {
            for (String p : c.primaries()) map.computeIfAbsent(p, k -> new Entry(k, null, null, -1, -1));
        }
        for (Entry e : map.values()) {
            if (e.definition == null || !e.definition.addOn()) continue;
            List<Entry> primaries = new ArrayList<>();
            for (String p : e.definition.primaries()) primaries.add(map.get(p));
            e.primaries = primaries.toArray(new Entry[0]);
        }
        entries = map;
    }

    /** Where a rule's text is, as findings and explanations name it; null when unknown. */
    String position(Provenance p) {
        if (p == null || p.source() == null) return null;
        return positions.computeIfAbsent(p.source(), SourceRef::toString);
    }

    RuleText text(RuleKind kind) {
        return texts[kind.ordinal()];
    }
}
