package org.pplc.compiler.lower;

import org.pplc.compiler.ast.Ast.*;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.check.CheckedPolicy;
import org.pplc.compiler.check.CodeMerge;
import org.pplc.compiler.check.Fact;
import org.pplc.compiler.check.FactKey;
import org.pplc.compiler.check.RuleMerge;
import org.pplc.compiler.check.Vocabulary;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Mai;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.PolicyMeta;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.TableQuarter;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 4, lower: checked policies to the runtime's immutable rule objects. Runs only on input
 * without errors, so every name resolves. Each fact keeps the layer and source position that set it.
 */
public final class Lowering {
    private Lowering() {
    }

    public static PolicySet lower(CheckResult checked) {
        return new Session().finish(checked);
    }

    /**
     * One lowering, policy by policy: {@link #add} lowers a checked policy as soon as the checker
     * is done with it (see {@link org.pplc.compiler.check.Checker#check(List, org.pplc.compiler.diag.Diagnostics,
     * java.util.function.Consumer)}), {@link #finish} lowers any not added and builds the set. The
     * result is the same as lowering every policy after checking: the same order (parents first),
     * the same shared instances.
     */
    public static final class Session {
        private final Map<String, Policy> done = new HashMap<>();
        /** What {@link #add} was given, in order, and what it made: usually the check's whole result in its order. */
        private final List<CheckedPolicy> added = new ArrayList<>();
        private final List<Policy> addedPolicies = new ArrayList<>();
        // Modifier lists recur in thousands of rules: keep one instance of each.
        private final Shared shared = new Shared();

        /** Lowers one policy of input without errors; its parent must have been added before it. */
        public void add(CheckedPolicy c) {
            Policy base = c.parent() == null ? null : done.get(c.parent());
            String[] layers;
            if (base == null) {
                layers = new String[] {c.id()};
            } else {
                List<String> below = base.layers();
                layers = below.toArray(new String[below.size() + 1]);
                layers[below.size()] = c.id();
            }
            Policy p = policy(c, List.of(layers), shared, base, layer -> layer.equals(c.id()) ? c.payer()
                    : done.get(layer).payer());
            done.put(c.id(), p);
            added.add(c);
            addedPolicies.add(p);
        }

        /** The policy set of a check without errors: every policy, those not yet added lowered now. */
        public PolicySet finish(CheckResult checked) {
            List<Payer> payers = new ArrayList<>();
            for (PayerDecl p : checked.payers()) {
                List<Plan> plans = new ArrayList<>();
                for (PlanDecl plan : p.plans()) {
                    plans.add(new Plan(plan.id().text(), plan.title() == null ? plan.id().text() : plan.title().value(),
                            plan.span().start()));
                }
                payers.add(new Payer(p.id().text(), p.title() == null ? p.id().text() : p.title().value(), plans,
                        p.span().start()));
            }
            List<Policy> policies = new ArrayList<>(checked.policies().size());
            if (sameInstances(checked.policies(), added)) {
                // Every policy was added, in the check's order: no lookup by id (and no read of
                // each checked policy, long out of the cache) needed.
                policies.addAll(addedPolicies);
                return new PolicySet(payers, policies);
            }
            for (CheckedPolicy c : checked.policies()) {
                Policy p = done.get(c.id());
                if (p == null) {
                    add(c);
                    p = done.get(c.id());
                }
                policies.add(p);
            }
            return new PolicySet(payers, policies);
        }
    }

    private static boolean sameInstances(List<CheckedPolicy> a, List<CheckedPolicy> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0, n = a.size(); i < n; i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    /**
     * Lowers only the policy's own facts: the runtime policy layers them over the policy below,
     * which already holds every fact of the layers under it (lowered once, shared by identity).
     */
    private static Policy policy(CheckedPolicy c, List<String> layers, Shared shared, Policy base,
                                 java.util.function.Function<String, String> payerOf) {
        // Collections are made on a layer's first fact of their kind: a payer layer sets four or
        // five kinds of the ten, a plan layer one or two.
        Map<String, Family> families = Map.of();
        Map<String, Code> codes = Map.of();
        Map<String, Drug> drugs = Map.of();
        List<Mue> mues = List.of();
        Map<String, Authorization> auths = Map.of();
        Map<String, AuditThreshold> audits = Map.of();
        List<ModifierRule> modifiers = List.of();
        Map<String, RuleText> rules = Map.of();
        Map<TimeRule.Kind, TimeRule> times = Map.of();
        Map<Setting, InitialCodeRule> initial = Map.of();

        Map<Definition, TableQuarter> quarters = quarters(c);
        List<Fact> own = c.own();
        int n = own.size();
        for (int i = 0; i < n; i++) {
            Fact f = own.get(i);
            Object o = lower(f, c, shared, payerOf);
            if (o instanceof Mue x) {
                if (mues.isEmpty()) mues = new ArrayList<>(n);
                TableQuarter q = quarters.get(f.definition());
                mues.add(q == null ? x : new Mue(x.code(), x.setting(), x.cap(), x.indicator(), q, x.provenance()));
            } else if (o instanceof AuditThreshold x) {
                if (audits.isEmpty()) audits = new LinkedHashMap<>(capacity(n));
                audits.put(x.code(), x);
            } else if (o instanceof Authorization x) {
                if (auths.isEmpty()) auths = new LinkedHashMap<>(capacity(n));
                auths.put(x.code(), x);
            } else if (o instanceof ModifierRule x) {
                if (modifiers.isEmpty()) modifiers = new ArrayList<>(n);
                modifiers.add(x);
            } else if (o instanceof Drug x) {
                if (drugs.isEmpty()) drugs = new LinkedHashMap<>(capacity(n));
                drugs.put(x.hcpcs(), x);
            } else if (o instanceof Code x) {
                if (codes.isEmpty()) codes = new LinkedHashMap<>();
                codes.put(x.code(), x);
            } else if (o instanceof Family x) {
                if (families.isEmpty()) families = new LinkedHashMap<>();
                families.put(x.id(), x);
            } else if (o instanceof RuleText x) {
                if (rules.isEmpty()) rules = new LinkedHashMap<>();
                rules.put(x.rule(), x);
            } else if (o instanceof TimeRule x) {
                if (times.isEmpty()) times = new LinkedHashMap<>();
                times.put(x.kind(), x);
            } else if (o instanceof InitialCodeRule x) {
                if (initial.isEmpty()) initial = new LinkedHashMap<>();
                initial.put(x.setting(), x);
            }
        }
        if (base != null && c.payer() != null && !c.payer().equals(base.payer())) {
            // The first layer of a payer over another payer's (a commercial payer over Medicare):
            // the appeal texts of the payer below are its own process ("Redetermination request")
            // and stop here; every other fact and text carries on.
            for (RuleText below : base.rules().values()) {
                if (rules.containsKey(below.rule())) continue;
                RuleMerge.Merged m = RuleMerge.merge(c.scope().history(FactKey.of(FactKey.Kind.RULE, below.rule())),
                        appealOf(c, payerOf));
                String appeal = appealText(m);
                if (java.util.Objects.equals(appeal, below.appeal())) continue;
                if (rules.isEmpty()) rules = new LinkedHashMap<>();
                rules.put(below.rule(), new RuleText(below.rule(), below.action(), below.carc(), below.rarc(),
                        below.message(), below.fix(), appeal, below.title(), below.provenance()));
            }
        }
        PolicyMeta meta = new PolicyMeta(c.title(), c.summary(), c.sources(), c.reviewed(), c.updateTriggers());
        if (base == null) {
            return new Policy(c.id(), c.payer(), c.plan(), c.parent(), c.effectiveFrom(), c.effectiveThrough(), layers,
                    meta, c.decl().span().start(), families, codes, drugs, mues, auths, audits, modifiers, rules, times,
                    initial);
        }
        return Policy.over(base, c.id(), c.payer(), c.plan(), c.parent(), c.effectiveFrom(), c.effectiveThrough(),
                layers, meta, c.decl().span().start(), families, codes, drugs, mues, auths, audits, modifiers, rules,
                times, initial);
    }

    /** The MUE rows of the policy's {@code from ... quarter Q} groups, by definition, with the group's quarter. */
    private static Map<Definition, TableQuarter> quarters(CheckedPolicy c) {
        Map<Definition, TableQuarter> out = Map.of();
        for (PolicyItem item : c.decl().items()) {
            if (!(item instanceof FromBlock f) || f.quarter() == null) continue;
            TableQuarter q = TableQuarter.parse(f.quarter().text());
            if (q == null) continue; // the checker reported it
            if (out.isEmpty()) out = new java.util.IdentityHashMap<>();
            for (RuleItem r : f.rules()) if (r.definition() instanceof MueDef) out.put(r.definition(), q);
        }
        return out;
    }

    /** A hash map capacity that holds up to {@code n} entries without growing. */
    private static int capacity(int n) {
        return n * 4 / 3 + 1;
    }

    /**
     * One instance of each modifier and modifier list across the policy set (a million rules
     * repeat a handful of lists; codes are shared by the checker). Policies write the same
     * modifier list rule after rule, so the last one is compared first, which spares hashing the
     * list and each of its modifiers.
     */
    private static final class Shared {
        private final Map<Object, Object> instances = new HashMap<>();
        private List<String> lastList = List.of();
        private List<Name> lastNames;

        @SuppressWarnings("unchecked")
        <T> T of(T value) {
            Object was = instances.putIfAbsent(value, value);
            return was == null ? value : (T) was;
        }

        /** The shared list of the names' texts. */
        List<String> texts(List<Name> names) {
            if (names == lastNames) return lastList;
            int n = names.size();
            if (n == lastList.size()) {
                int i = 0;
                while (i < n && names.get(i).text().equals(lastList.get(i))) i++;
                if (i == n) {
                    lastNames = names;
                    return lastList;
                }
            }
            List<String> list = of(Lowering.texts(names, this));
            lastNames = names;
            lastList = list;
            return list;
        }
    }

    /** The names' texts, each shared when {@code shared} is given (a loop: streams cost more than the work here). */
    private static List<String> texts(List<Name> names, Shared shared) {
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            String t = names.get(i).text();
            out[i] = shared == null ? t : shared.of(t);
        }
        return List.of(out);
    }

    /**
     * The runtime object of one fact; only codes and rules merge over the layers below (their
     * history). Codes are taken from the fact's key, where the checker keeps one instance of each.
     */
    /**
     * An appeal is a payer's own wording: a policy takes it from layers for all payers and from
     * its own payer's layers, never from another payer's (Medicare's redetermination text does
     * not reach a commercial payer that builds on Medicare's edits).
     */
    private static java.util.function.Predicate<Fact> appealOf(CheckedPolicy c,
                                                              java.util.function.Function<String, String> payerOf) {
        return f -> {
            String payer = payerOf.apply(f.layer());
            return payer == null || payer.equals(c.payer());
        };
    }

    private static String appealText(RuleMerge.Merged m) {
        return m.appeal() == null || m.appeal().text() == null ? null : m.appeal().text().value();
    }

    private static Object lower(Fact f, CheckedPolicy c, Shared shared, java.util.function.Function<String, String> payerOf) {
        Provenance prov = new Provenance(f.layer(), f.node().span().start(), f.citation());
        if (f.definition() instanceof FamilyDef d) {
            return new Family(d.id().text(),
                d.title() == null ? d.id().text() : d.title().value(), d.rank().intValue(), prov);
        } else if (f.definition() instanceof CodeDef d) {
            CodeMerge.Merged m = CodeMerge.merge(c.scope().history(f.key()));
            List<String> primaries = m.addOn() == null ? List.of() : texts(m.addOn().primaries(), null);
            return new Code(d.code().text(), m.title() == null ? d.code().text() : m.title().value(),
                    m.addOn() != null, m.family().text(), Method.fromId(m.method().text()),
                    Role.fromId(m.role().text()), UnitBasis.fromId(m.unit().text()), primaries,
                    m.only() == null ? null : Setting.fromId(m.only().text()),
                    m.description() == null ? null : m.description().value(), prov);
        } else if (f.definition() instanceof DrugDef d) {
            return new Drug(f.key().name(), d.name().value(),
                d.category().text(), d.amount().value(), d.unitOfMeasure().text(), d.singleDose(), prov);
        } else if (f.definition() instanceof MueDef d) {
            MueCap cap = (MueCap) f.node();
            Mai mai = Vocabulary.mai(cap.indicator());
            return new Mue(f.key().name(), MueSetting.fromId(cap.setting().text()), cap.cap().intValue(), mai, prov);
        } else if (f.definition() instanceof AuthDef d) {
            return new Authorization(f.key().name(), d.required(), prov);
        } else if (f.definition() instanceof AuditDef d) {
            return new AuditThreshold(f.key().name(), d.units().intValue(), prov);
        } else if (f.definition() instanceof ModifierDef d) {
            List<String> mods = shared.texts(d.modifiers());
            return switch (d.kind()) {
                case DRUG_LINE -> new ModifierRule.DrugLine(mods, prov);
                case SECOND_INITIAL -> new ModifierRule.SecondInitial(mods, prov);
                case ALLOWED -> new ModifierRule.Allowed(f.key().name(), mods, prov);
            };
        } else if (f.definition() instanceof RuleDef d) {
            RuleMerge.Merged m = RuleMerge.merge(c.scope().history(f.key()), appealOf(c, payerOf));
            return new RuleText(d.id().text(), Action.fromId(m.action().text()), m.carc().text(),
                    m.rarc() == null ? List.of() : texts(m.rarc().rarcs(), null),
                    m.message().value(), m.fix().value(), appealText(m),
                    m.title() == null ? null : m.title().value(), prov);
        } else if (f.definition() instanceof TimingDef d) {
            TimingItem t = (TimingItem) f.node();
            TimeRule.Kind kind = Vocabulary.TIMING.get(t.phrase() + (t.upTo() ? " up to" : " after"));
            return new TimeRule(kind, t.minutes().intValue(), prov);
        } else if (f.definition() instanceof InitialCodeDef d) {
            Setting s = Setting.fromId(d.setting().text());
            return new InitialCodeRule(s, Vocabulary.ORDERS.get(d.orderWords()), prov);
        }
        throw new IllegalStateException("no runtime object for " + f.key());
    }
}
