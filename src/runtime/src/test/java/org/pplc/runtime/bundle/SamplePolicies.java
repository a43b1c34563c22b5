package org.pplc.runtime.bundle;

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
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small policy set built by hand that uses every field of the runtime model, including the
 * nullable ones left null, every modifier rule kind and a decimal drug unit.
 */
final class SamplePolicies {
    private SamplePolicies() {
    }

    static Provenance at(String layer, String file, int line, int column, String citation) {
        return new Provenance(layer, new SourceRef(file, line, column), citation);
    }

    static PolicySet build() {
        String core = "policies/core/hierarchy.ppl";
        String uhcFile = "policies/payers/uhc.ppl";
        Map<String, Family> families = new LinkedHashMap<>();
        families.put("chemo", new Family("chemo", "Chemotherapy and complex drugs", 1, at("core", core, 3, 1, null)));
        families.put("hydration", new Family("hydration", "Hydration", 3, at("core", core, 40, 1, null)));

        Map<String, Code> codes = new LinkedHashMap<>();
        codes.put("96413", new Code("96413", "Chemo infusion, first hour", false, "chemo", Method.INFUSION, Role.INITIAL,
                UnitBasis.ENCOUNTER, List.of(), null, "The first hour of a chemotherapy infusion.",
                at("core", core, 5, 3, "AMA CPT 2026")));
        codes.put("96415", new Code("96415", "Chemo infusion, each added hour", true, "chemo", Method.INFUSION,
                Role.ADDITIONAL_HOUR, UnitBasis.HOUR, List.of("96413"), null, "Each further hour, added to the first.",
                at("core", core, 9, 3, null)));
        codes.put("96521", new Code("96521", "Pump refill", false, "chemo", Method.PUMP, Role.REFILL, UnitBasis.REFILL,
                List.of(), Setting.FACILITY, null, at("core", core, 14, 3, null)));

        Map<String, Drug> drugs = new LinkedHashMap<>();
        drugs.put("J9312", new Drug("J9312", "rituximab", "chemo", new BigDecimal("10"), "mg", true,
                at("core", "policies/core/drugs.ppl", 2, 1, "CMS ASP file")));
        drugs.put("J1100", new Drug("J1100", "dexamethasone", "therapeutic", new BigDecimal("0.25"), "mg", false,
                at("core", "policies/core/drugs.ppl", 3, 1, null)));

        List<Mue> coreMues = List.of(
                new Mue("96413", MueSetting.PRACTITIONER, 1, Mai.PER_DAY_CLINICAL, new org.pplc.runtime.model.TableQuarter(2024, 3), at("medicare", "policies/medicare/mue.ppl", 4, 5, "CMS MUE practitioner")),
                new Mue("96415", MueSetting.OUTPATIENT, 8, Mai.PER_LINE, at("medicare", "policies/medicare/mue.ppl", 9, 5, null)));

        Map<String, RuleText> rules = new LinkedHashMap<>();
        rules.put("addon-requires-primary", new RuleText("addon-requires-primary", Action.DENY, "CO-107", List.of("N122"),
                "{code} needs one of {primaries} on the claim", "Bill {code} with its primary", null,
                "Add-on without primary", at("core", core, 60, 1, null)));
        rules.put("mue-exceeded", new RuleText("mue-exceeded", Action.DENY, "CO-151", List.of(),
                "{units} units of {code} exceed the cap of {cap}", "Bill at most {cap}", "Send records showing need",
                null, at("medicare", "policies/medicare/rules.ppl", 7, 1, "NCCI manual ch. 11")));

        Map<TimeRule.Kind, TimeRule> time = new LinkedHashMap<>();
        time.put(TimeRule.Kind.PUSH_UP_TO_MINUTES, new TimeRule(TimeRule.Kind.PUSH_UP_TO_MINUTES, 15, at("core", core, 80, 1, null)));
        time.put(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, new TimeRule(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, 30, at("core", core, 81, 1, null)));

        Map<Setting, InitialCodeRule> initial = new LinkedHashMap<>();
        initial.put(Setting.FACILITY, new InitialCodeRule(Setting.FACILITY, InitialCodeRule.Order.HIERARCHY, at("core", core, 90, 1, null)));
        initial.put(Setting.PROFESSIONAL, new InitialCodeRule(Setting.PROFESSIONAL, InitialCodeRule.Order.PRIMARY_REASON, at("core", core, 91, 1, null)));

        Policy corePolicy = new Policy("core", null, null, null, LocalDate.of(2026, 1, 1), null, List.of("core"),
                null, new SourceRef(core, 1, 1), families, codes, drugs, List.of(), Map.of(), Map.of(), List.of(),
                Map.of("addon-requires-primary", rules.get("addon-requires-primary")), time, initial);

        Map<String, Authorization> auths = new LinkedHashMap<>();
        auths.put("J9312", new Authorization("J9312", true, at("uhc-2026", uhcFile, 20, 3, "UHC bulletin 2026-04")));
        Map<String, AuditThreshold> audits = new LinkedHashMap<>();
        audits.put("96415", new AuditThreshold("96415", 6, at("uhc-2026", uhcFile, 25, 3, null)));
        List<ModifierRule> modifiers = List.of(
                new ModifierRule.DrugLine(List.of("JW", "JZ"), at("medicare", "policies/medicare/rules.ppl", 30, 1, null)),
                new ModifierRule.SecondInitial(List.of("59", "XU", "XS"), at("core", core, 100, 1, null)),
                new ModifierRule.Allowed("96413", List.of("25", "59"), at("uhc-2026", uhcFile, 30, 3, null)));
        PolicyMeta meta = new PolicyMeta("UHC infusion policy 2026", "What UHC pays for infusions.",
                List.of("UHC commercial policy 2026R0047"), LocalDate.of(2026, 3, 2), List.of("new MUE quarter", "UHC bulletin"));
        Policy uhc2026 = new Policy("uhc-2026", "uhc", null, "medicare-2026", LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), List.of("core", "medicare-2026", "uhc-2026"), meta, new SourceRef(uhcFile, 1, 1),
                families, codes, drugs, coreMues, auths, audits, modifiers, rules, time, initial);
        Policy uhcAdvantage = new Policy("uhc-ma-2026", "uhc", "medicare-advantage", "uhc-2026", LocalDate.of(2026, 7, 1),
                null, List.of("core", "medicare-2026", "uhc-2026", "uhc-ma-2026"),
                new PolicyMeta(null, null, List.of(), null, List.of()), new SourceRef("policies/payers/uhc-ma.ppl", 2, 1),
                families, codes, drugs, coreMues, Map.of(), audits, modifiers.subList(0, 2), rules, Map.of(), initial);

        Payer uhc = new Payer("uhc", "UnitedHealthcare", List.of(
                new Plan("commercial", "Commercial", new SourceRef(uhcFile, 2, 3)),
                new Plan("medicare-advantage", "Medicare Advantage", new SourceRef(uhcFile, 3, 3))),
                new SourceRef(uhcFile, 1, 1));
        return new PolicySet(List.of(uhc), List.of(corePolicy, uhc2026, uhcAdvantage));
    }
}
