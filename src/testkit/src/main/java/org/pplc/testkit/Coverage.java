package org.pplc.testkit;

import org.pplc.runtime.engine.Explanation;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.LineExplanation;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which policy facts the tests made fire. A fact is something a policy file sets that can make
 * a finding fire: an MUE cap (code and setting), a prior authorization (per code), an audit
 * threshold, a modifier rule, a rule text, an add-on code's primaries, a code billed in one
 * setting only. Only facts a claim can reach count: those in force in some policy that governs
 * a payer (a core fact every payer overrides cannot fire and is not listed).
 */
public final class Coverage {
    /** The kinds of fact, as the report names them. */
    public enum Category {MUE, AUTHORIZATION, AUDIT, MODIFIER, RULE, ADD_ON, SETTING_ONLY}

    /** One fact, at the position of its text. */
    public record Fact(Category category, String source, String file, int line, String description) {
        String key() {
            return category + "@" + source;
        }
    }

    /** One policy file's facts: how many, how many fired, which did not. */
    public record FileCoverage(String file, int total, int fired, List<Fact> notFired) {
        public FileCoverage {
            notFired = List.copyOf(notFired);
        }

        public double percent() {
            return total == 0 ? 100.0 : 100.0 * fired / total;
        }
    }

    private final Map<String, Fact> facts = new LinkedHashMap<>();
    private final Set<String> fired = new HashSet<>();
    private final PolicySet policies;

    Coverage(PolicySet policies) {
        this.policies = policies;
        for (Policy p : policies.policies().values()) {
            if (p.payer() == null) continue;
            for (Mue m : p.mues()) add(Category.MUE, m.provenance(), "mue " + m.code() + " " + m.setting().id());
            for (Authorization a : p.authorizations().values()) {
                add(Category.AUTHORIZATION, a.provenance(), "prior authorization " + (a.required() ? "required for " : "limits units of ") + a.code());
            }
            for (AuditThreshold a : p.audits().values()) add(Category.AUDIT, a.provenance(), "audit " + a.code() + " above " + a.units() + " units");
            for (ModifierRule r : p.modifierRules()) {
                String mods = String.join(", ", r.modifiers());
                String what;
                if (r instanceof ModifierRule.DrugLine) what = "modifier " + mods + " required on single-dose drug lines";
                else if (r instanceof ModifierRule.SecondInitial) what = "modifier " + mods + " allows second initial code";
                else what = "modifier " + mods + " allowed on " + ((ModifierRule.Allowed) r).code();
                add(Category.MODIFIER, r.provenance(), what);
            }
            for (RuleText t : p.rules().values()) {
                if (reachable(p, t.rule())) add(Category.RULE, t.provenance(), "rule " + t.rule());
            }
            for (Code c : p.codes().values()) {
                if (c.addOn()) add(Category.ADD_ON, c.provenance(), "add-on " + c.code() + " of " + String.join(", ", c.primaries()));
                if (c.onlyIn() != null) add(Category.SETTING_ONLY, c.provenance(), "code " + c.code() + " " + c.onlyIn().id() + " only");
            }
        }
    }

    /** A rule text counts only where its check has something to look at (no allowed-modifier list: no modifier-not-allowed). */
    private static boolean reachable(Policy p, String rule) {
        RuleKind kind = null;
        for (RuleKind k : RuleKind.values()) if (k.id().equals(rule)) kind = k;
        if (kind == null) return false;
        return switch (kind) {
            case MUE_EXCEEDED -> !p.mues().isEmpty();
            case AUTHORIZATION_MISSING, AUTHORIZATION_NOT_COVERING -> p.authorizations().values().stream().anyMatch(Authorization::required);
            case AUTHORIZATION_EXCEEDED -> !p.authorizations().isEmpty();
            case AUDIT_THRESHOLD -> !p.audits().isEmpty();
            case DRUG_MODIFIER_REQUIRED -> p.modifierRules().stream().anyMatch(r -> r instanceof ModifierRule.DrugLine)
                    && p.drugs().values().stream().anyMatch(d -> d.singleDose());
            case MODIFIER_NOT_ALLOWED -> p.modifierRules().stream().anyMatch(r -> r instanceof ModifierRule.Allowed);
            case ADDON_REQUIRES_PRIMARY -> p.codes().values().stream().anyMatch(Code::addOn);
            case SETTING_NOT_ALLOWED -> p.codes().values().stream().anyMatch(c -> c.onlyIn() != null);
            case SINGLE_INITIAL_CODE, SEQUENTIAL_SAME_DRUG, CHEMO_ADDON_FOR_PREMEDICATION -> true;
            // the JW/JZ checks run where the policy has the drug-line (JW or JZ) rule
            case DRUG_MODIFIERS_CONFLICT -> drugLineRule(p);
            case DRUG_MODIFIER_ON_ADMINISTRATION -> drugLineRule(p) && !p.codes().isEmpty();
            case DRUG_MODIFIER_MULTI_DOSE -> drugLineRule(p) && p.drugs().values().stream().anyMatch(d -> !d.singleDose());
            case DRUG_MODIFIER_CONTRADICTION -> drugLineRule(p) && p.drugs().values().stream().anyMatch(d -> d.singleDose());
            case MUE_TABLE_OUT_OF_DATE -> p.mues().stream().anyMatch(m -> m.tableQuarter() != null);
        };
    }

    private static boolean drugLineRule(Policy p) {
        return p.modifierRules().stream().anyMatch(r -> r instanceof ModifierRule.DrugLine);
    }

    private void add(Category category, Provenance p, String description) {
        if (p == null || p.source() == null) return;
        Fact f = new Fact(category, p.source().toString(), p.source().file(), p.source().line(), description);
        facts.putIfAbsent(f.key(), f);
    }

    /** Records what one adjudication made fire (evaluated with explanation, for excusing modifiers). */
    synchronized void record(Result result) {
        if (result.isError()) return;
        Policy governing = policies.policy(result.policy());
        for (Finding f : result.findings()) {
            fired.add(category(f.rule()) + "@" + f.source());
            RuleText text = governing == null ? null : governing.rule(f.rule());
            if (text != null && text.provenance() != null && text.provenance().source() != null) {
                fired.add(Category.RULE + "@" + text.provenance().source());
            }
        }
        // 59/XU/XS let a second initial code through: the rule took effect though nothing fired.
        if (result.explanation() != null) {
            for (LineExplanation line : result.explanation()) {
                for (Explanation e : line.checks()) {
                    if (e.rule() == RuleKind.SINGLE_INITIAL_CODE && !e.fired() && e.source() != null) {
                        fired.add(Category.MODIFIER + "@" + e.source());
                    }
                }
            }
        }
    }

    private static Category category(RuleKind kind) {
        return switch (kind) {
            case MUE_EXCEEDED -> Category.MUE;
            case AUTHORIZATION_MISSING, AUTHORIZATION_NOT_COVERING, AUTHORIZATION_EXCEEDED -> Category.AUTHORIZATION;
            case AUDIT_THRESHOLD -> Category.AUDIT;
            case DRUG_MODIFIER_REQUIRED, MODIFIER_NOT_ALLOWED -> Category.MODIFIER;
            case ADDON_REQUIRES_PRIMARY -> Category.ADD_ON;
            case SETTING_NOT_ALLOWED -> Category.SETTING_ONLY;
            case SINGLE_INITIAL_CODE, SEQUENTIAL_SAME_DRUG, CHEMO_ADDON_FOR_PREMEDICATION, DRUG_MODIFIERS_CONFLICT,
                    DRUG_MODIFIER_ON_ADMINISTRATION, DRUG_MODIFIER_MULTI_DOSE, DRUG_MODIFIER_CONTRADICTION,
                    MUE_TABLE_OUT_OF_DATE -> Category.RULE;
        };
    }

    public List<Fact> facts() {
        return List.copyOf(facts.values());
    }

    public synchronized boolean fired(Fact f) {
        return fired.contains(f.key());
    }

    /** Per policy file, in path order. */
    public synchronized List<FileCoverage> byFile() {
        Map<String, List<Fact>> files = new TreeMap<>();
        for (Fact f : facts.values()) files.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        List<FileCoverage> out = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> e : files.entrySet()) {
            List<Fact> missed = e.getValue().stream().filter(f -> !fired.contains(f.key()))
                    .sorted(Comparator.comparingInt(Fact::line).thenComparing(Fact::source)).toList();
            out.add(new FileCoverage(e.getKey(), e.getValue().size(), e.getValue().size() - missed.size(), missed));
        }
        return out;
    }

    public synchronized int total() {
        return facts.size();
    }

    public synchronized int firedCount() {
        return (int) facts.keySet().stream().filter(fired::contains).count();
    }

    public double percent() {
        int total = total();
        return total == 0 ? 100.0 : 100.0 * firedCount() / total;
    }

    /** The report {@code pplc test --coverage} prints. */
    public String report() {
        StringBuilder b = new StringBuilder();
        for (FileCoverage f : byFile()) {
            b.append(f.file()).append(": ").append(f.fired()).append(" of ").append(f.total()).append(" rules fired (")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", f.percent())).append("%)\n");
            for (Fact x : f.notFired()) b.append("    not fired: ").append(x.source()).append(' ').append(x.description()).append('\n');
        }
        b.append("coverage: ").append(firedCount()).append(" of ").append(total()).append(" rules fired (")
                .append(String.format(java.util.Locale.ROOT, "%.1f", percent())).append("%)\n");
        return b.toString();
    }
}
