package org.pplc.runtime.policy;

import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.model.TimeRule;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy after layering: everything of its own layer and of every layer below it
 * (AMA core, Medicare baseline, payer, plan), each fact carrying the layer and source
 * position it came from. Immutable and safe to share across threads.
 *
 * <p>Maps keep the order of the policy text (core first) so that output built from
 * them is deterministic.
 */
public final class Policy {
    private final String id;
    private final String payer;
    private final String plan;
    private final String parent;
    private final LocalDate effectiveFrom;
    private final LocalDate effectiveThrough;
    private final List<String> layers;
    private final org.pplc.runtime.model.PolicyMeta meta;
    private final SourceRef source;
    private final Map<String, Family> families;
    private final Map<String, Code> codes;
    private final Map<String, Drug> drugs;
    private final List<Mue> mues;
    private final Map<String, Authorization> authorizations;
    private final Map<String, AuditThreshold> audits;
    private final List<ModifierRule> modifierRules;
    private final Map<String, RuleText> rules;
    private final Map<TimeRule.Kind, TimeRule> timeRules;
    private final Map<Setting, InitialCodeRule> initialCodeRules;
    private final Map<String, CodeRules> byCode;
    private final ModifierRule.DrugLine drugLineModifiers;
    private final ModifierRule.SecondInitial secondInitialModifiers;
    /** The layer below, whose per-code entries this policy did not change; null for none. */
    private final Policy base;

    /**
     * A policy from flattened maps: everything of its own layer and of every layer below it, as
     * the bundle reader and tests build them. The compiler builds layered policies with {@link #over}.
     */
    public Policy(String id, String payer, String plan, String parent, LocalDate effectiveFrom,
                  LocalDate effectiveThrough, List<String> layers, org.pplc.runtime.model.PolicyMeta meta,
                  SourceRef source, Map<String, Family> families, Map<String, Code> codes,
                  Map<String, Drug> drugs, List<Mue> mues, Map<String, Authorization> authorizations,
                  Map<String, AuditThreshold> audits, List<ModifierRule> modifierRules,
                  Map<String, RuleText> rules, Map<TimeRule.Kind, TimeRule> timeRules,
                  Map<Setting, InitialCodeRule> initialCodeRules) {
        this.base = null;
        this.id = id;
        this.payer = payer;
        this.plan = plan;
        this.parent = parent;
        this.effectiveFrom = effectiveFrom;
        this.effectiveThrough = effectiveThrough;
        this.layers = List.copyOf(layers);
        this.meta = meta;
        this.source = source;
        this.families = frozen(families);
        this.codes = frozen(codes);
        this.drugs = frozen(drugs);
        this.mues = List.copyOf(mues);
        this.authorizations = frozen(authorizations);
        this.audits = frozen(audits);
        this.modifierRules = List.copyOf(modifierRules);
        this.rules = frozen(rules);
        this.timeRules = Collections.unmodifiableMap(new LinkedHashMap<>(timeRules));
        this.initialCodeRules = Collections.unmodifiableMap(new LinkedHashMap<>(initialCodeRules));

        ModifierRule.DrugLine drugLine = null;
        ModifierRule.SecondInitial second = null;
        Map<String, ModifierRule.Allowed> allowed = new HashMap<>();
        for (ModifierRule r : modifierRules) {
            if (r instanceof ModifierRule.DrugLine d) drugLine = d;
            else if (r instanceof ModifierRule.SecondInitial s) second = s;
            else if (r instanceof ModifierRule.Allowed a) allowed.put(a.code(), a);
        }
        this.drugLineModifiers = drugLine;
        this.secondInitialModifiers = second;

        // One entry per code the policy says anything about: the engine's only lookup.
        Map<String, Mue> practitioner = new HashMap<>();
        Map<String, Mue> outpatient = new HashMap<>();
        for (Mue m : mues) (m.setting() == MueSetting.PRACTITIONER ? practitioner : outpatient).put(m.code(), m);
        Map<String, CodeRules> index = new HashMap<>();
        java.util.Set<String> all = new java.util.LinkedHashSet<>(codes.keySet());
        all.addAll(practitioner.keySet());
        all.addAll(outpatient.keySet());
        all.addAll(authorizations.keySet());
        all.addAll(audits.keySet());
        all.addAll(allowed.keySet());
        for (String c : all) {
            Code def = codes.get(c);
            Mue prac = practitioner.get(c), out = outpatient.get(c);
            Authorization auth = authorizations.get(c);
            AuditThreshold audit = audits.get(c);
            ModifierRule.Allowed mods = allowed.get(c);
            index.put(c, new CodeRules(c, def, prac, out, auth, audit, mods));
        }
        this.byCode = FrozenMap.of(index);
    }

    /**
     * A policy over {@code base} (not null) from this layer's own facts only: each fact adds a
     * key or replaces the base's fact under the same key (an MUE by code and setting, an allowed
     * modifier rule by code, the drug-line and second-initial rules by kind). The maps and lists
     * are views over the base's, in the order a flattened policy has: the base's order with replacements in place, then this layer's
     * additions. Building it costs this layer's size, not everything below it, and a plan policy
     * of a few rules holds a few entries rather than another copy of its payer's thousand.
     */
    public static Policy over(Policy base, String id, String payer, String plan, String parent,
                              LocalDate effectiveFrom, LocalDate effectiveThrough, List<String> layers,
                              org.pplc.runtime.model.PolicyMeta meta, SourceRef source,
                              Map<String, Family> families, Map<String, Code> codes, Map<String, Drug> drugs,
                              List<Mue> mues, Map<String, Authorization> authorizations,
                              Map<String, AuditThreshold> audits, List<ModifierRule> modifierRules,
                              Map<String, RuleText> rules, Map<TimeRule.Kind, TimeRule> timeRules,
                              Map<Setting, InitialCodeRule> initialCodeRules) {
        return new Policy(java.util.Objects.requireNonNull(base, "base"), id, payer, plan, parent, effectiveFrom,
                effectiveThrough, layers, meta, source, families, codes, drugs, mues, authorizations, audits,
                modifierRules, rules, timeRules, initialCodeRules);
    }

    /** See {@link #over}: base first to tell it from the constructor that takes flattened maps. */
    private Policy(Policy base, String id, String payer, String plan, String parent, LocalDate effectiveFrom,
                   LocalDate effectiveThrough, List<String> layers, org.pplc.runtime.model.PolicyMeta meta,
                   SourceRef source, Map<String, Family> families, Map<String, Code> codes,
                   Map<String, Drug> drugs, List<Mue> mues, Map<String, Authorization> authorizations,
                   Map<String, AuditThreshold> audits, List<ModifierRule> modifierRules,
                   Map<String, RuleText> rules, Map<TimeRule.Kind, TimeRule> timeRules,
                   Map<Setting, InitialCodeRule> initialCodeRules) {
        this.base = base;
        this.id = id;
        this.payer = payer;
        this.plan = plan;
        this.parent = parent;
        this.effectiveFrom = effectiveFrom;
        this.effectiveThrough = effectiveThrough;
        this.layers = List.copyOf(layers);
        this.meta = meta;
        this.source = source;
        this.families = LayeredMap.over(base.families, families);
        this.codes = LayeredMap.over(base.codes, codes);
        this.drugs = LayeredMap.over(base.drugs, drugs);
        this.authorizations = LayeredMap.over(base.authorizations, authorizations);
        this.audits = LayeredMap.over(base.audits, audits);
        this.rules = LayeredMap.over(base.rules, rules);
        // Most layers set no time or initial-code rule: they share the base's (unmodifiable) maps.
        if (timeRules.isEmpty()) {
            this.timeRules = base.timeRules;
        } else {
            Map<TimeRule.Kind, TimeRule> times = new LinkedHashMap<>(base.timeRules);
            times.putAll(timeRules);
            this.timeRules = Collections.unmodifiableMap(times);
        }
        if (initialCodeRules.isEmpty()) {
            this.initialCodeRules = base.initialCodeRules;
        } else {
            Map<Setting, InitialCodeRule> initial = new LinkedHashMap<>(base.initialCodeRules);
            initial.putAll(initialCodeRules);
            this.initialCodeRules = Collections.unmodifiableMap(initial);
        }

        // Only the codes this layer says something about get an entry; the rest are the base's.
        // One pass per kind of fact fills one entry per code, which starts as the base's rules for
        // it: a map probe per fact rather than a map per kind, a set of their keys and a copy.
        Touched.Table touched = new Touched.Table(
                codes.size() + mues.size() + authorizations.size() + audits.size() + modifierRules.size());
        for (Map.Entry<String, Code> e : codes.entrySet()) touch(touched, base, e.getKey()).definition = e.getValue();

        // The fact each of this layer's MUEs and modifier rules replaces is the one the base
        // holds under the same key: found through the base's per-code index.
        Map<Object, Object> replacedMues = Map.of();
        List<Mue> addedMues = new java.util.ArrayList<>(mues.size());
        for (Mue m : mues) {
            boolean prac = m.setting() == MueSetting.PRACTITIONER;
            Touched t = touch(touched, base, m.code());
            Mue old = t.below == null ? null : prac ? t.below.practitionerMue() : t.below.outpatientMue();
            if (prac) t.practitioner = m;
            else t.outpatient = m;
            if (old != null) {
                if (replacedMues.isEmpty()) replacedMues = new java.util.IdentityHashMap<>(4);
                replacedMues.put(old, m);
            } else {
                addedMues.add(m);
            }
        }
        for (Map.Entry<String, Authorization> e : authorizations.entrySet()) {
            touch(touched, base, e.getKey()).authorization = e.getValue();
        }
        for (Map.Entry<String, AuditThreshold> e : audits.entrySet()) touch(touched, base, e.getKey()).audit = e.getValue();
        ModifierRule.DrugLine drugLine = base.drugLineModifiers;
        ModifierRule.SecondInitial second = base.secondInitialModifiers;
        Map<Object, Object> replacedModifiers = Map.of();
        List<ModifierRule> addedModifiers = new java.util.ArrayList<>(modifierRules.size());
        for (ModifierRule r : modifierRules) {
            ModifierRule old;
            if (r instanceof ModifierRule.DrugLine d) {
                old = drugLine;
                drugLine = d;
            } else if (r instanceof ModifierRule.SecondInitial x) {
                old = second;
                second = x;
            } else {
                ModifierRule.Allowed a = (ModifierRule.Allowed) r;
                Touched t = touch(touched, base, a.code());
                t.allowed = a;
                old = t.below == null ? null : t.below.allowedModifiers();
            }
            if (old != null) {
                if (replacedModifiers.isEmpty()) replacedModifiers = new java.util.IdentityHashMap<>(4);
                replacedModifiers.put(old, r);
            } else {
                addedModifiers.add(r);
            }
        }
        this.mues = LayeredList.over(base.mues, replacedMues, addedMues);
        this.modifierRules = LayeredList.over(base.modifierRules, replacedModifiers, addedModifiers);
        this.drugLineModifiers = drugLine;
        this.secondInitialModifiers = second;

        int n = touched.size;
        Object[] keys = new Object[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            Touched t = touched.inOrder[i];
            keys[i] = t.code;
            values[i] = t.rules();
        }
        this.byCode = FrozenMap.of(keys, values, n);
    }

    /** One code's rules while a layer is built: this layer's facts, or null for the base's. */
    private static final class Touched {
        final String code;
        final CodeRules below;
        Code definition;
        Mue practitioner;
        Mue outpatient;
        Authorization authorization;
        AuditThreshold audit;
        ModifierRule.Allowed allowed;

        Touched(String code, CodeRules below) {
            this.code = code;
            this.below = below;
        }

        /**
         * The codes a layer touches, by text, in the order first touched: an open-addressing table
         * sized once for the layer's facts (a map's nodes, growth and iterator cost more than the
         * work done per code).
         */
        static final class Table {
            final Touched[] slots;
            /** 32 - log2(slots.length): a slot is the top bits of the scrambled hash, as in {@link FrozenMap}. */
            final int shift;
            final Touched[] inOrder;
            int size;

            /** {@code facts}: how many facts the layer sets, at least as many as the codes they name. */
            Table(int facts) {
                slots = new Touched[Integer.highestOneBit(Math.max(4, facts) * 2 - 1) << 1];
                shift = 32 - Integer.numberOfTrailingZeros(slots.length);
                inOrder = new Touched[Math.max(1, facts)];
            }

            Touched get(Policy base, String code) {
                int mask = slots.length - 1;
                int s = (code.hashCode() * 0x9E3779B9) >>> shift;
                for (Touched t; (t = slots[s]) != null; s = (s + 1) & mask) {
                    if (t.code.equals(code)) return t;
                }
                Touched t = new Touched(code, base.rulesFor(code));
                slots[s] = t;
                inOrder[size++] = t;
                return t;
            }
        }

        CodeRules rules() {
            CodeRules b = below;
            return new CodeRules(code,
                    or(definition, b == null ? null : b.definition()),
                    or(practitioner, b == null ? null : b.practitionerMue()),
                    or(outpatient, b == null ? null : b.outpatientMue()),
                    or(authorization, b == null ? null : b.authorization()),
                    or(audit, b == null ? null : b.audit()),
                    or(allowed, b == null ? null : b.allowedModifiers()));
        }
    }

    private static Touched touch(Touched.Table touched, Policy base, String code) {
        return touched.get(base, code);
    }

    private static <T> T or(T own, T below) {
        return own != null ? own : below;
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> m) {
        return FrozenMap.of(m);
    }

    public String id() { return id; }

    /** The payer this policy governs, or null for the core hierarchy. */
    public String payer() { return payer; }

    /** The plan this policy governs, or null when it governs the whole payer. */
    public String plan() { return plan; }

    /** The policy this one extends (the layer below), or null for the core. */
    public String parent() { return parent; }

    public LocalDate effectiveFrom() { return effectiveFrom; }

    /** Last day in force, or null when open-ended. */
    public LocalDate effectiveThrough() { return effectiveThrough; }

    /** Policy ids from the core up to and including this one. */
    public List<String> layers() { return layers; }

    public org.pplc.runtime.model.PolicyMeta meta() { return meta; }

    public SourceRef source() { return source; }

    public Map<String, Family> families() { return families; }

    public Map<String, Code> codes() { return codes; }

    public Map<String, Drug> drugs() { return drugs; }

    public List<Mue> mues() { return mues; }

    public Map<String, Authorization> authorizations() { return authorizations; }

    public Map<String, AuditThreshold> audits() { return audits; }

    public List<ModifierRule> modifierRules() { return modifierRules; }

    /** Rule texts by rule id ({@link RuleKind#id()}). */
    public Map<String, RuleText> rules() { return rules; }

    public RuleText rule(RuleKind kind) { return rules.get(kind.id()); }

    public Map<TimeRule.Kind, TimeRule> timeRules() { return timeRules; }

    /** The amount of a time rule (minutes), or the fallback when no layer set it. */
    public int time(TimeRule.Kind kind, int fallback) {
        TimeRule t = timeRules.get(kind);
        return t == null ? fallback : t.amount();
    }

    public Map<Setting, InitialCodeRule> initialCodeRules() { return initialCodeRules; }

    /** Everything said about a code, or null when the policy says nothing about it. */
    public CodeRules rulesFor(String code) {
        CodeRules own = byCode.get(code);
        return own != null || base == null ? own : base.rulesFor(code);
    }

    public ModifierRule.DrugLine drugLineModifiers() { return drugLineModifiers; }

    public ModifierRule.SecondInitial secondInitialModifiers() { return secondInitialModifiers; }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveThrough == null || !date.isAfter(effectiveThrough));
    }

    @Override
    public String toString() {
        return "Policy[" + id + "]";
    }
}
