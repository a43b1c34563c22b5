package org.pplc.runtime.derive;

import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.PolicyMeta;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
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
 * A hierarchy built in test code, as DOMAIN.md describes it: the core (no payer), a Medicare
 * baseline, and payers that vary it (UHC reclassifies infliximab as a complex biologic, Aetna
 * reports the professional initial code by the hierarchy too).
 */
final class TestPolicies {
    private TestPolicies() {
    }

    private static final Provenance CORE = new Provenance("core", null, null);
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);

    static PolicySet standard() {
        return standard(8 * 60);
    }

    /** The same policies with another 'pump after' time rule: the minutes a pump start must run beyond. */
    static PolicySet standard(int pumpAfterMinutes) {
        Map<String, Family> families = new LinkedHashMap<>();
        families.put("chemo", new Family("chemo", "Chemotherapy and complex drugs", 1, CORE));
        families.put("therapeutic", new Family("therapeutic", "Therapeutic, prophylactic, diagnostic", 2, CORE));
        families.put("hydration", new Family("hydration", "Hydration", 3, CORE));

        Map<String, Code> codes = new LinkedHashMap<>();
        code(codes, "96401", "chemo", Method.INJECTION, Role.INITIAL, UnitBasis.INJECTION, null);
        code(codes, "96409", "chemo", Method.PUSH, Role.INITIAL, UnitBasis.ENCOUNTER, null);
        code(codes, "96411", "chemo", Method.PUSH, Role.SEQUENTIAL, UnitBasis.DRUG, null, "96409", "96413");
        code(codes, "96413", "chemo", Method.INFUSION, Role.INITIAL, UnitBasis.ENCOUNTER, null);
        code(codes, "96415", "chemo", Method.INFUSION, Role.ADDITIONAL_HOUR, UnitBasis.HOUR, null, "96413");
        code(codes, "96416", "chemo", Method.PUMP, Role.PUMP_START, UnitBasis.ENCOUNTER, null);
        code(codes, "96417", "chemo", Method.INFUSION, Role.SEQUENTIAL, UnitBasis.DRUG, null, "96413");
        code(codes, "96521", "chemo", Method.PUMP, Role.REFILL, UnitBasis.REFILL, null);
        code(codes, "96360", "hydration", Method.INFUSION, Role.INITIAL, UnitBasis.ENCOUNTER, null);
        code(codes, "96361", "hydration", Method.INFUSION, Role.ADDITIONAL_HOUR, UnitBasis.HOUR, null,
                "96360", "96365", "96374", "96409", "96413");
        code(codes, "96365", "therapeutic", Method.INFUSION, Role.INITIAL, UnitBasis.ENCOUNTER, null);
        code(codes, "96366", "therapeutic", Method.INFUSION, Role.ADDITIONAL_HOUR, UnitBasis.HOUR, null,
                "96360", "96365", "96367", "96413");
        code(codes, "96367", "therapeutic", Method.INFUSION, Role.SEQUENTIAL, UnitBasis.DRUG, null,
                "96360", "96365", "96374", "96409", "96413");
        code(codes, "96368", "therapeutic", Method.INFUSION, Role.CONCURRENT, UnitBasis.ENCOUNTER, null,
                "96360", "96365", "96366", "96413", "96415", "96416");
        // subcutaneous infusion with its pump set up: the therapeutic family's pump start, of any length
        code(codes, "96369", "therapeutic", Method.PUMP, Role.PUMP_START, UnitBasis.ENCOUNTER, null);
        code(codes, "96370", "therapeutic", Method.PUMP, Role.ADDITIONAL_HOUR, UnitBasis.HOUR, null, "96369");
        code(codes, "96371", "therapeutic", Method.PUMP, Role.REPEAT, UnitBasis.ENCOUNTER, null, "96369");
        code(codes, "96372", "therapeutic", Method.INJECTION, Role.INITIAL, UnitBasis.INJECTION, null);
        code(codes, "96374", "therapeutic", Method.PUSH, Role.INITIAL, UnitBasis.ENCOUNTER, null);
        code(codes, "96375", "therapeutic", Method.PUSH, Role.SEQUENTIAL, UnitBasis.DRUG, null,
                "96360", "96365", "96374", "96409", "96413");
        code(codes, "96376", "therapeutic", Method.PUSH, Role.REPEAT, UnitBasis.DRUG, Setting.FACILITY,
                "96365", "96374", "96409", "96413");

        Map<String, Drug> drugs = new LinkedHashMap<>();
        drug(drugs, "J9312", "rituximab", "chemo", "10", "mg", true, CORE);
        drug(drugs, "J9070", "cyclophosphamide", "chemo", "100", "mg", true, CORE);
        drug(drugs, "J9000", "doxorubicin", "chemo", "10", "mg", false, CORE);
        drug(drugs, "J9370", "vincristine", "chemo", "1", "mg", false, CORE);
        drug(drugs, "J1200", "diphenhydramine", "therapeutic", "50", "mg", false, CORE);
        drug(drugs, "J2405", "ondansetron", "therapeutic", "1", "mg", false, CORE);
        drug(drugs, "J1100", "dexamethasone", "therapeutic", "1", "mg", false, CORE);
        drug(drugs, "J9263", "oxaliplatin", "chemo", "0.5", "mg", true, CORE);
        drug(drugs, "J0640", "leucovorin", "therapeutic", "50", "mg", true, CORE);
        drug(drugs, "J9190", "fluorouracil", "chemo", "500", "mg", false, CORE);
        drug(drugs, "J9206", "irinotecan", "chemo", "20", "mg", true, CORE);
        drug(drugs, "J7050", "normal saline", "hydration", "250", "mL", false, CORE);
        drug(drugs, "J1745", "infliximab", "therapeutic", "10", "mg", true, CORE);

        Map<TimeRule.Kind, TimeRule> time = new LinkedHashMap<>();
        time.put(TimeRule.Kind.PUSH_UP_TO_MINUTES, new TimeRule(TimeRule.Kind.PUSH_UP_TO_MINUTES, 15, CORE));
        time.put(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES,
                new TimeRule(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, 30, CORE));
        time.put(TimeRule.Kind.HYDRATION_AFTER_MINUTES, new TimeRule(TimeRule.Kind.HYDRATION_AFTER_MINUTES, 30, CORE));
        time.put(TimeRule.Kind.PUMP_AFTER_MINUTES, new TimeRule(TimeRule.Kind.PUMP_AFTER_MINUTES, pumpAfterMinutes, CORE));

        Map<Setting, InitialCodeRule> initial = new LinkedHashMap<>();
        initial.put(Setting.FACILITY, new InitialCodeRule(Setting.FACILITY, InitialCodeRule.Order.HIERARCHY, CORE));
        initial.put(Setting.PROFESSIONAL,
                new InitialCodeRule(Setting.PROFESSIONAL, InitialCodeRule.Order.PRIMARY_REASON, CORE));

        List<ModifierRule> modifiers = List.of(
                new ModifierRule.SecondInitial(List.of("59", "XU", "XS"), CORE));

        Policy core = policy("core", null, null, List.of("core"), families, codes, drugs, modifiers, time, initial);

        Provenance medicareLayer = new Provenance("medicare", null, null);
        List<ModifierRule> medicareModifiers = List.of(
                new ModifierRule.SecondInitial(List.of("59", "XU", "XS"), CORE),
                new ModifierRule.DrugLine(List.of("JW", "JZ"), medicareLayer));
        Policy medicare = policy("medicare", "medicare", "core", List.of("core", "medicare"),
                families, codes, drugs, medicareModifiers, time, initial);

        // UHC: infliximab administered under the chemo/complex biologic codes.
        Map<String, Drug> uhcDrugs = new LinkedHashMap<>(drugs);
        drug(uhcDrugs, "J1745", "infliximab", "chemo", "10", "mg", true, new Provenance("uhc", null, null));
        Policy uhc = policy("uhc", "uhc", "medicare", List.of("core", "medicare", "uhc"),
                families, codes, uhcDrugs, medicareModifiers, time, initial);

        // Aetna: the professional setting follows the hierarchy too.
        Map<Setting, InitialCodeRule> aetnaInitial = new LinkedHashMap<>(initial);
        aetnaInitial.put(Setting.PROFESSIONAL, new InitialCodeRule(Setting.PROFESSIONAL,
                InitialCodeRule.Order.HIERARCHY, new Provenance("aetna", null, null)));
        Policy aetna = policy("aetna", "aetna", "medicare", List.of("core", "medicare", "aetna"),
                families, codes, drugs, medicareModifiers, time, aetnaInitial);

        List<Payer> payers = List.of(
                new Payer("medicare", "Medicare Part B", List.of(), null),
                new Payer("uhc", "UnitedHealthcare", List.of(new Plan("commercial", "Commercial", null)), null),
                new Payer("aetna", "Aetna", List.of(), null));
        return new PolicySet(payers, List.of(core, medicare, uhc, aetna));
    }

    private static Policy policy(String id, String payer, String parent, List<String> layers,
                                 Map<String, Family> families, Map<String, Code> codes, Map<String, Drug> drugs,
                                 List<ModifierRule> modifiers, Map<TimeRule.Kind, TimeRule> time,
                                 Map<Setting, InitialCodeRule> initial) {
        return new Policy(id, payer, null, parent, FROM, null, layers,
                new PolicyMeta(id, null, List.of(), null, List.of()), null, families, codes, drugs, List.of(),
                Map.of(), Map.of(), modifiers, Map.of(), time, initial);
    }

    private static void code(Map<String, Code> codes, String code, String family, Method method, Role role,
                             UnitBasis unit, Setting onlyIn, String... primaries) {
        codes.put(code, new Code(code, code, primaries.length > 0, family, method, role, unit, List.of(primaries),
                onlyIn, "", CORE));
    }

    private static void drug(Map<String, Drug> drugs, String hcpcs, String name, String category, String amount,
                             String unit, boolean singleDose, Provenance provenance) {
        drugs.put(hcpcs, new Drug(hcpcs, name, category, new BigDecimal(amount), unit, singleDose, provenance));
    }
}
