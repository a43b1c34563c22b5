package org.pplc.runtime.engine;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
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
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, hand-built policy set standing in for the compiled policies: the core hierarchy of
 * DOMAIN.md, the Medicare MUE table and rule texts, and a UnitedHealthcare payer layer with a
 * commercial plan layer. Layers are flattened here the way the compiler flattens them; every fact
 * carries the layer and a made-up source line of its own, so tests can check provenance.
 */
final class Fixture {
    static final String CORE = "policies/core/cpt-admin.ppl";
    static final String MEDICARE = "policies/medicare/medicare.ppl";
    static final String UHC = "policies/payers/uhc.ppl";

    private Fixture() {
    }

    static Provenance at(String layer, String file, int line) {
        return new Provenance(layer, new SourceRef(file, line, 3), null);
    }

    /** A policy under construction; copy() starts a layer on top of another. */
    static final class Builder {
        final Map<String, Family> families = new LinkedHashMap<>();
        final Map<String, Code> codes = new LinkedHashMap<>();
        final Map<String, Drug> drugs = new LinkedHashMap<>();
        final Map<String, Mue> mues = new LinkedHashMap<>();
        final Map<String, Authorization> auths = new LinkedHashMap<>();
        final Map<String, AuditThreshold> audits = new LinkedHashMap<>();
        final List<ModifierRule> modifiers = new ArrayList<>();
        final Map<String, RuleText> rules = new LinkedHashMap<>();
        final List<String> layers = new ArrayList<>();
        final Map<Setting, InitialCodeRule> initialRules = new LinkedHashMap<>();
        int nextLine = 10;

        Builder copy() {
            Builder b = new Builder();
            b.families.putAll(families);
            b.codes.putAll(codes);
            b.drugs.putAll(drugs);
            b.mues.putAll(mues);
            b.auths.putAll(auths);
            b.audits.putAll(audits);
            b.modifiers.addAll(modifiers);
            b.rules.putAll(rules);
            b.layers.addAll(layers);
            b.initialRules.putAll(initialRules);
            return b;
        }

        Builder code(String code, boolean addOn, String family, Method method, Role role, String... primaries) {
            codes.put(code, new Code(code, "code " + code, addOn, family, method, role, UnitBasis.ENCOUNTER,
                    List.of(primaries), null, null, at("core", CORE, nextLine++)));
            return this;
        }

        Builder onlyIn(String code, Setting setting) {
            Code c = codes.get(code);
            codes.put(code, new Code(c.code(), c.title(), c.addOn(), c.family(), c.method(), c.role(), c.unit(),
                    c.primaries(), setting, c.description(), c.provenance()));
            return this;
        }

        Builder drug(String hcpcs, String name, String category, boolean singleDose) {
            drugs.put(hcpcs, new Drug(hcpcs, name, category, BigDecimal.TEN, "mg", singleDose,
                    at("core", "policies/core/drugs.ppl", nextLine++)));
            return this;
        }

        Builder mue(String layer, String file, String code, int practitioner, Mai pMai, int outpatient, Mai oMai) {
            Provenance p = new Provenance(layer, new SourceRef(file, nextLine++, 3), "CMS MUE table, 2024-07-01");
            mues.put(code + "/p", new Mue(code, MueSetting.PRACTITIONER, practitioner, pMai, p));
            mues.put(code + "/o", new Mue(code, MueSetting.OUTPATIENT, outpatient, oMai, p));
            return this;
        }

        Builder rule(String layer, String file, RuleKind kind, Action action, String carc, List<String> rarc,
                     String message, String fix, String appeal) {
            rules.put(kind.id(), new RuleText(kind.id(), action, carc, rarc, message, fix, appeal, kind.id(),
                    at(layer, file, nextLine++)));
            return this;
        }

        Builder authorization(String layer, String file, boolean required, String... codes) {
            for (String c : codes) auths.put(c, new Authorization(c, required, at(layer, file, nextLine)));
            nextLine++;
            return this;
        }

        Builder audit(String layer, String file, String code, int units) {
            audits.put(code, new AuditThreshold(code, units, at(layer, file, nextLine++)));
            return this;
        }

        Builder modifier(ModifierRule rule) {
            modifiers.removeIf(m -> m.getClass() == rule.getClass() && !(m instanceof ModifierRule.Allowed a
                    && rule instanceof ModifierRule.Allowed b && !a.code().equals(b.code())));
            modifiers.add(rule);
            return this;
        }

        Policy build(String id, String payer, String plan, String parent, LocalDate from, LocalDate through) {
            List<String> ls = new ArrayList<>(layers);
            ls.add(id);
            return new Policy(id, payer, plan, parent, from, through, ls, null, new SourceRef("policies/" + id + ".ppl", 1, 1),
                    families, codes, drugs, new ArrayList<>(mues.values()), auths, audits, modifiers, rules,
                    Map.of(), initialRules);
        }
    }

    static Builder core() {
        Builder b = new Builder();
        b.layers.add("core");
        b.families.put("chemo", new Family("chemo", "Chemotherapy", 1, at("core", CORE, 1)));
        b.families.put("therapeutic", new Family("therapeutic", "Therapeutic", 2, at("core", CORE, 2)));
        b.families.put("hydration", new Family("hydration", "Hydration", 3, at("core", CORE, 3)));
        b.initialRules.put(Setting.FACILITY, new InitialCodeRule(Setting.FACILITY, InitialCodeRule.Order.HIERARCHY, at("core", CORE, 4)));
        b.initialRules.put(Setting.PROFESSIONAL, new InitialCodeRule(Setting.PROFESSIONAL, InitialCodeRule.Order.PRIMARY_REASON, at("core", CORE, 5)));
        b.code("96401", false, "chemo", Method.INJECTION, Role.INITIAL)
                .code("96402", false, "chemo", Method.INJECTION, Role.INITIAL)
                .code("96522", false, "chemo", Method.PUMP, Role.REFILL)
                .code("96523", false, "chemo", Method.INFUSION, Role.REFILL)
                .code("96369", false, "therapeutic", Method.PUMP, Role.PUMP_START)
                .code("96409", false, "chemo", Method.PUSH, Role.INITIAL)
                .code("96411", true, "chemo", Method.PUSH, Role.SEQUENTIAL, "96409", "96413")
                .code("96413", false, "chemo", Method.INFUSION, Role.INITIAL)
                .code("96415", true, "chemo", Method.INFUSION, Role.ADDITIONAL_HOUR, "96413")
                .code("96416", false, "chemo", Method.PUMP, Role.PUMP_START)
                .code("96417", true, "chemo", Method.INFUSION, Role.SEQUENTIAL, "96413")
                .code("96521", false, "chemo", Method.PUMP, Role.REFILL)
                .code("96360", false, "hydration", Method.INFUSION, Role.INITIAL)
                .code("96361", true, "hydration", Method.INFUSION, Role.ADDITIONAL_HOUR, "96360", "96365", "96374", "96409", "96413")
                .code("96365", false, "therapeutic", Method.INFUSION, Role.INITIAL)
                .code("96366", true, "therapeutic", Method.INFUSION, Role.ADDITIONAL_HOUR, "96360", "96365", "96367", "96413")
                .code("96367", true, "therapeutic", Method.INFUSION, Role.SEQUENTIAL, "96360", "96365", "96374", "96409", "96413")
                .code("96368", true, "therapeutic", Method.INFUSION, Role.CONCURRENT, "96360", "96365", "96366", "96413", "96415", "96416")
                .code("96372", false, "therapeutic", Method.INJECTION, Role.INITIAL)
                .code("96374", false, "therapeutic", Method.PUSH, Role.INITIAL)
                .code("96375", true, "therapeutic", Method.PUSH, Role.SEQUENTIAL, "96360", "96365", "96374", "96409", "96413")
                .code("96376", true, "therapeutic", Method.PUSH, Role.REPEAT, "96365", "96374", "96409", "96413")
                .onlyIn("96376", Setting.FACILITY);
        b.drug("J9312", "rituximab", "chemo", true)
                .drug("J9070", "cyclophosphamide", "chemo", false)
                .drug("J9000", "doxorubicin", "chemo", true)
                .drug("J9370", "vincristine", "chemo", true)
                .drug("J9263", "oxaliplatin", "chemo", true)
                .drug("J9190", "fluorouracil", "chemo", false)
                .drug("J9206", "irinotecan", "chemo", true)
                .drug("J0640", "leucovorin", "therapeutic", false)
                .drug("J1200", "diphenhydramine", "therapeutic", false)
                .drug("J2405", "ondansetron", "therapeutic", false);
        b.rule("core", CORE, RuleKind.ADDON_REQUIRES_PRIMARY, Action.DENY, "107", List.of("N122"),
                "{code} is an add-on of {primaries}, which is not on this claim",
                "Add the {primary} line for the first service of the visit", "Send the record showing {primary}");
        b.rule("core", CORE, RuleKind.SINGLE_INITIAL_CODE, Action.DENY, "4", List.of(),
                "{code} is a second initial code ({initials}) without {modifiers}",
                "Report {code} as its add-on, or add {modifiers} for a separate IV site", null);
        b.rule("core", CORE, RuleKind.SETTING_NOT_ALLOWED, Action.DENY, "96", List.of("N95"),
                "{code} may be billed in {allowed} only, not {setting}", "Remove {code}", null);
        b.rule("core", CORE, RuleKind.SEQUENTIAL_SAME_DRUG, Action.DENY, "151", List.of(),
                "{code} x{units} but only {drugs} on the claim", "Bill extra time with {hourCode}", null);
        b.rule("core", CORE, RuleKind.CHEMO_ADDON_FOR_PREMEDICATION, Action.DENY, "11", List.of(),
                "{code} billed for {drugs}", "Bill {drugs} with {therapeuticCodes}", null);
        return b;
    }

    static Builder medicare() {
        Builder b = core();
        b.layers.add("medicare");
        String f = MEDICARE;
        Mai c = Mai.PER_DAY_CLINICAL;
        b.mue("medicare", f, "96360", 1, c, 2, c).mue("medicare", f, "96361", 8, c, 24, c)
                .mue("medicare", f, "96365", 1, c, 2, c).mue("medicare", f, "96366", 8, c, 24, c)
                .mue("medicare", f, "96367", 4, c, 4, c).mue("medicare", f, "96368", 1, Mai.PER_DAY_POLICY, 1, Mai.PER_DAY_POLICY)
                .mue("medicare", f, "96374", 1, c, 1, c).mue("medicare", f, "96375", 6, c, 6, c)
                .mue("medicare", f, "96376", 0, c, 10, c).mue("medicare", f, "96401", 3, c, 4, c)
                .mue("medicare", f, "96409", 1, c, 1, c).mue("medicare", f, "96411", 3, c, 3, c)
                .mue("medicare", f, "96413", 1, c, 1, c).mue("medicare", f, "96415", 8, c, 8, c)
                .mue("medicare", f, "96416", 1, c, 1, c).mue("medicare", f, "96417", 3, c, 3, c)
                .mue("medicare", f, "96521", 2, c, 2, c)
                .mue("medicare", f, "J9312", 100, Mai.PER_LINE, 100, Mai.PER_LINE);
        b.modifier(new ModifierRule.DrugLine(List.of("JW", "JZ"), at("medicare", f, b.nextLine++)));
        b.modifier(new ModifierRule.SecondInitial(List.of("59", "XU", "XS"), at("medicare", f, b.nextLine++)));
        b.rule("medicare", f, RuleKind.MUE_EXCEEDED, Action.DENY, "96", List.of("N362"),
                "{code}: {units} units exceed the {setting} MUE of {cap} {indicator}", "Bill at most {cap} units", null);
        b.rule("medicare", f, RuleKind.DRUG_MODIFIER_REQUIRED, Action.DENY, "4", List.of(),
                "{drug} ({code}) is single-dose: add {modifiers}", "Add {modifiers}", null);
        return b;
    }

    static final LocalDate MEDICARE_FROM = LocalDate.of(2024, 7, 1);
    static final LocalDate UHC_COMMERCIAL_FROM = LocalDate.of(2026, 1, 1);

    /** medicare; uhc (payer layer) over it; uhc-commercial (plan layer) over uhc from 2026-01-01. */
    static PolicySet set() {
        Builder medicare = medicare();
        Policy medicarePolicy = medicare.build("medicare", "medicare", null, "core", MEDICARE_FROM, null);

        Builder uhc = medicare.copy();
        uhc.layers.add("medicare");
        uhc.rule("uhc", UHC, RuleKind.MUE_EXCEEDED, Action.DENY, "151", List.of(),
                "{code}: {units} units over {cap}", "Bill at most {cap} units", "Send the notes");
        uhc.authorization("uhc", UHC, true, "96413", "96415");
        uhc.authorization("uhc", UHC, false, "96417");
        uhc.rule("uhc", UHC, RuleKind.AUTHORIZATION_MISSING, Action.DENY, "197", List.of(),
                "{code} needs a prior authorization", "Get one", null);
        uhc.rule("uhc", UHC, RuleKind.AUTHORIZATION_NOT_COVERING, Action.DENY, "197", List.of("N54"),
                "{code} is not covered by {authorization}", "Add {code} to {authorization}", null);
        uhc.rule("uhc", UHC, RuleKind.AUTHORIZATION_EXCEEDED, Action.DENY, "198", List.of("N54"),
                "{code}: {units} billed, {approved} approved by {authorization}", "Bill {approved}", null);
        Policy uhcPolicy = uhc.build("uhc", "uhc", null, "medicare", MEDICARE_FROM, null);

        Builder commercial = uhc.copy();
        commercial.layers.add("uhc");
        commercial.rule("uhc-commercial", UHC, RuleKind.MUE_EXCEEDED, Action.DENY, "151", List.of("N640"),
                "{code}: {units} units over the plan's {cap}", "Bill at most {cap} units", null);
        commercial.audit("uhc-commercial", UHC, "96417", 2);
        commercial.rule("uhc-commercial", UHC, RuleKind.AUDIT_THRESHOLD, Action.REVIEW, "151", List.of(),
                "{code} above {threshold} units goes to review", "Send notes", null);
        commercial.modifier(new ModifierRule.Allowed("96413", List.of("59", "XU", "JW"), at("uhc-commercial", UHC, commercial.nextLine++)));
        commercial.rule("uhc-commercial", UHC, RuleKind.MODIFIER_NOT_ALLOWED, Action.WARN, "4", List.of(),
                "{modifier} is not allowed on {code} ({allowed})", "Remove {modifier}", null);
        Policy commercialPolicy = commercial.build("uhc-commercial", "uhc", "commercial", "uhc", UHC_COMMERCIAL_FROM, null);

        List<Payer> payers = List.of(
                new Payer("medicare", "Medicare Part B", List.of(), new SourceRef(MEDICARE, 1, 1)),
                new Payer("uhc", "UnitedHealthcare", List.of(new Plan("commercial", "Commercial", new SourceRef(UHC, 2, 3))),
                        new SourceRef(UHC, 1, 1)));
        return new PolicySet(payers, List.of(medicarePolicy, uhcPolicy, commercialPolicy));
    }

    // ---- claims ----

    static ClaimLine line(int n, String code, int units, String... modifiers) {
        return new ClaimLine(n, code, units, Arrays.asList(modifiers));
    }

    static Claim claim(String payer, String plan, Setting setting, ClaimLine... lines) {
        return claim(payer, plan, setting, List.of(), lines);
    }

    static Claim claim(String payer, String plan, Setting setting, List<PriorAuthorization> auths, ClaimLine... lines) {
        return new Claim("T-1", payer, plan, setting, null, LocalDate.of(2026, 3, 2), List.of(lines), auths, List.of());
    }

    /** Numbers the lines 1..n in the order given: "96413", "96415x3", "J9312x68:JZ". */
    static ClaimLine[] lines(String... specs) {
        ClaimLine[] out = new ClaimLine[specs.length];
        for (int i = 0; i < specs.length; i++) {
            String[] mod = specs[i].split(":");
            String[] cu = mod[0].split("x");
            String[] modifiers = mod.length > 1 ? mod[1].split(",") : new String[0];
            out[i] = line(i + 1, cu[0], cu.length > 1 ? Integer.parseInt(cu[1]) : 1, modifiers);
        }
        return out;
    }
}
