package org.pplc.docs;

import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flattened policy as a list of reviewable items, each a subject with named values in words
 * and the provenance of its text. Comparing two such lists is how the documents tell what a layer
 * changes against the one below, and what a new version changes against the old.
 */
final class PolicyItems {
    /** Sections in the order a reviewer reads them. */
    static final List<String> SECTIONS = List.of("Families", "Timing", "Initial code", "Codes", "Drugs", "MUE",
            "Prior authorization", "Audit", "Modifiers", "Rules");

    record Item(String key, String section, String subject, Map<String, String> fields, Provenance provenance) {
    }

    private PolicyItems() {
    }

    /** Every item of the policy, keyed and ordered by section then subject. */
    static Map<String, Item> of(Policy p) {
        List<Item> items = new ArrayList<>();
        for (Family f : p.families().values()) {
            items.add(item("family " + f.id(), "Families", f.id(), f.provenance(),
                    "title", f.title(), "rank", Integer.toString(f.rank())));
        }
        for (TimeRule t : p.timeRules().values()) {
            String subject = switch (t.kind()) {
                case PUSH_UP_TO_MINUTES -> "push";
                case ADDITIONAL_HOUR_AFTER_MINUTES -> "additional hour";
                case HYDRATION_AFTER_MINUTES -> "hydration";
                case PUMP_AFTER_MINUTES -> "pump";
            };
            String value = switch (t.kind()) {
                case PUSH_UP_TO_MINUTES -> "up to " + t.amount() + " minutes";
                case ADDITIONAL_HOUR_AFTER_MINUTES, HYDRATION_AFTER_MINUTES, PUMP_AFTER_MINUTES -> "after more than " + t.amount() + " minutes";
            };
            items.add(item("timing " + subject, "Timing", subject, t.provenance(), "threshold", value));
        }
        for (InitialCodeRule r : p.initialCodeRules().values()) {
            items.add(item("initial " + r.setting().id(), "Initial code", r.setting().id(), r.provenance(), "chosen by",
                    r.order() == InitialCodeRule.Order.HIERARCHY ? "the hierarchy (chemo > therapeutic > hydration; infusion > push > injection)"
                            : "the main reason for the visit"));
        }
        for (Code c : p.codes().values()) {
            items.add(item("code " + c.code(), "Codes", c.code(), c.provenance(),
                    "title", c.title(),
                    "kind", c.addOn() ? "add-on of " + Words.or(c.primaries()) : "initial",
                    "family", c.family(),
                    "method", c.method() == null ? null : c.method().id(),
                    "role", c.role() == null ? null : c.role().id(),
                    "unit", c.unit() == null ? null : "per " + c.unit().id(),
                    "setting", c.onlyIn() == null ? "both" : c.onlyIn().id() + " only",
                    "description", c.description()));
        }
        for (Drug d : p.drugs().values()) {
            items.add(item("drug " + d.hcpcs(), "Drugs", d.hcpcs(), d.provenance(),
                    "name", d.name(), "category", d.category(),
                    "billing unit", d.unitAmount() == null ? null : d.unitAmount().stripTrailingZeros().toPlainString() + " " + d.unitOfMeasure(),
                    "container", d.singleDose() ? "single-dose" : "multi-dose"));
        }
        for (Mue m : p.mues()) {
            items.add(item("mue " + m.code() + " " + m.setting().id(), "MUE", m.code() + " " + m.setting().id(), m.provenance(),
                    "cap", m.cap() + " " + m.indicator().words() + " (MAI " + m.indicator().digit() + ")"));
        }
        for (Authorization a : p.authorizations().values()) {
            items.add(item("authorization " + a.code(), "Prior authorization", a.code(), a.provenance(), "rule",
                    a.required() ? "required; units within the approval" : "when authorized, units within the approval"));
        }
        for (AuditThreshold a : p.audits().values()) {
            items.add(item("audit " + a.code(), "Audit", a.code(), a.provenance(), "review", "above " + a.units() + " units"));
        }
        for (ModifierRule r : p.modifierRules()) {
            if (r instanceof ModifierRule.DrugLine d) {
                items.add(item("modifier drug-line", "Modifiers", "single-dose drug lines", d.provenance(), "required",
                        Words.or(d.modifiers())));
            } else if (r instanceof ModifierRule.SecondInitial s) {
                items.add(item("modifier second-initial", "Modifiers", "second initial code", s.provenance(), "allowed by",
                        Words.or(s.modifiers())));
            } else if (r instanceof ModifierRule.Allowed a) {
                items.add(item("modifier allowed " + a.code(), "Modifiers", "allowed on " + a.code(), a.provenance(), "only",
                        Words.or(a.modifiers())));
            }
        }
        for (RuleText r : p.rules().values()) {
            items.add(item("rule " + r.rule(), "Rules", r.rule(), r.provenance(),
                    "title", r.title(),
                    "action", r.action() == null ? null : r.action().id(),
                    "CARC", r.carc(),
                    "RARC", r.rarc().isEmpty() ? "none" : String.join(", ", r.rarc()),
                    "message", shown(r.message()), "fix", shown(r.fix()), "appeal", r.appeal() == null ? "none" : shown(r.appeal())));
        }
        items.sort(Comparator.comparingInt((Item i) -> SECTIONS.indexOf(i.section())).thenComparing(Item::key));
        Map<String, Item> out = new LinkedHashMap<>();
        for (Item i : items) out.putIfAbsent(i.key(), i);
        return out;
    }

    /** A rule text as reviewers read it: the claim's values appear as [name], never as raw {name}. */
    private static String shown(String template) {
        return Words.fill(template, name -> null);
    }

    private static Item item(String key, String section, String subject, Provenance provenance, String... fieldPairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldPairs.length; i += 2) {
            if (fieldPairs[i + 1] != null) fields.put(fieldPairs[i], fieldPairs[i + 1]);
        }
        return new Item(key, section, subject, fields, provenance);
    }
}
