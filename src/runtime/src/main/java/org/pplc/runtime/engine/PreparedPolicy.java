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
import java.util.TreeSet;
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
    /**
     * The same entries by code number (see {@link Shared#codeNumbers}), or null: a claim line then
     * costs a probe of one map every policy shares (so it stays in the processor cache) and one
     * array read, instead of a probe of this policy's own map, which at 1,000 payers is seldom in
     * the cache. Set after every policy of the Adjudicator is prepared.
     */
    private Entry[] byNumber;
    private Map<String, Integer> numbers;
    /** The effective dates as day numbers, for choosing the policy without touching the Policy. */
    final long fromDay, throughDay;
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

    /**
     * What the policies of one Adjudicator share: with many payers, most of a plan's entries and
     * rule texts are the ones of the layers below it, so each is made once and every policy that has
     * it points at the same object. A claim then finds them in the processor cache whichever payer
     * it is for, instead of touching a copy per policy (at 1,000 payers that was the difference
     * between one claim after another for the same payer and claims spread over all of them).
     */
    static final class Shared {
        final Map<SourceRef, String> positions = new ConcurrentHashMap<>();
        private final Map<String, Template> templates = new HashMap<>();
        private final Map<EntryKey, Entry> entries = new HashMap<>();

        Template template(String text) {
            return text == null ? null : templates.computeIfAbsent(text, Template::of);
        }

        /** The shared entry equal to this one (same code, same rule objects, same primaries), or this one. */
        Entry entry(Entry e) {
            return entries.computeIfAbsent(new EntryKey(e), k -> e);
        }
    }

    /** An entry's identity for sharing: its rule objects and primaries compared by identity. */
    private static final class EntryKey {
        private final Entry e;
        private final int hash;

        EntryKey(Entry e) {
            this.e = e;
            int h = e.code.hashCode();
            h = 31 * h + System.identityHashCode(e.rules);
            h = 31 * h + System.identityHashCode(e.drug);
            h = 31 * h + e.family;
            h = 31 * h + e.drugFamily;
            for (Entry p : e.primaries) h = 31 * h + System.identityHashCode(p);
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof EntryKey k)) return false;
            Entry a = e, b = k.e;
            if (hash != k.hash || a.rules != b.rules || a.drug != b.drug || a.family != b.family
                    || a.drugFamily != b.drugFamily || !a.code.equals(b.code) || a.primaries.length != b.primaries.length) {
                return false;
            }
            for (int i = 0; i < a.primaries.length; i++) if (a.primaries[i] != b.primaries[i]) return false;
            return true;
        }
    }

    PreparedPolicy(Policy policy) {
        this(policy, new Shared());
    }

    PreparedPolicy(Policy policy, Shared shared) {
        this.policy = policy;
        this.fromDay = policy.effectiveFrom().toEpochDay();
        this.throughDay = policy.effectiveThrough() == null ? Long.MAX_VALUE : policy.effectiveThrough().toEpochDay();
        this.positions = shared.positions;
        texts = new RuleText[RuleKind.values().length];
        for (RuleKind k : RuleKind.values()) texts[k.ordinal()] = policy.rule(k);
        messages = new Template[texts.length];
        fixes = new Template[texts.length];
        appeals = new Template[texts.length];
        for (int k = 0; k < texts.length; k++) {
            if (texts[k] == null) continue;
            messages[k] = shared.template(texts[k].message());
            fixes[k] = shared.template(texts[k].fix());
            appeals[k] = shared.template(texts[k].appeal());
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
        // Presence on a claim is checked by identity, so an add-on must point at the very entries
        // this policy's map ends up holding. Entries that are not add-ons are final once shared;
        // an add-on whose primaries are all such entries can then be shared too. An add-on with an
        // add-on among its primaries (96368 of 96366) keeps an entry of its own: the few of them
        // are not worth ordering, and add-ons that are each other's primaries need no special case.
        for (Map.Entry<String, Entry> me : map.entrySet()) {
            if (!isAddOn(me.getValue())) me.setValue(shared.entry(me.getValue()));
        }
        List<Entry> ownAddOns = new ArrayList<>();
        for (Map.Entry<String, Entry> me : map.entrySet()) {
            Entry e = me.getValue();
            if (!isAddOn(e)) continue;
            boolean primariesFinal = true;
            for (String p : e.definition.primaries()) primariesFinal &= !isAddOn(map.get(p));
            if (primariesFinal) {
                e.primaries = primariesOf(e, map);
                me.setValue(shared.entry(e));
            } else {
                ownAddOns.add(e);
            }
        }
        for (Entry e : ownAddOns) e.primaries = primariesOf(e, map);
        entries = map;
    }

    /** The entry of a billed code, or null when the policy says nothing about it. */
    Entry entry(String code) {
        Entry[] table = byNumber;
        if (table == null) return entries.get(code);
        Integer n = numbers.get(code);
        return n == null ? null : table[n];
    }

    boolean inForceOn(long day) {
        return day >= fromDay && day <= throughDay;
    }

    /** Numbers every code of the policies and gives each policy its table, when they fit the budget. */
    static void number(Iterable<PreparedPolicy> policies, int count) {
        TreeSet<String> codes = new TreeSet<>(); // sorted: codes billed together sit together
        for (PreparedPolicy p : policies) codes.addAll(p.entries.keySet());
        // A table per policy costs policies x codes slots; past ~4 million (16 MB) keep the maps.
        if ((long) codes.size() * count > 4_000_000L) return;
        Map<String, Integer> numbers = new HashMap<>(codes.size() * 2);
        for (String c : codes) numbers.put(c, numbers.size());
        for (PreparedPolicy p : policies) {
            Entry[] table = new Entry[numbers.size()];
            for (Map.Entry<String, Entry> e : p.entries.entrySet()) table[numbers.get(e.getKey())] = e.getValue();
            p.numbers = numbers;
            p.byNumber = table;
        }
    }

    private static boolean isAddOn(Entry e) {
        return e != null && e.definition != null && e.definition.addOn();
    }

    private static Entry[] primariesOf(Entry addOn, Map<String, Entry> map) {
        List<String> codes = addOn.definition.primaries();
        Entry[] primaries = new Entry[codes.size()];
        for (int i = 0; i < primaries.length; i++) primaries[i] = map.get(codes.get(i));
        return primaries;
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
