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
import org.pplc.runtime.model.TableQuarter;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the rule objects back from a bundle body with the same constructors the compiler
 * calls, so a loaded policy set is equal, record for record, to a compiled one. Mirrors
 * {@link BundleWriter} field for field.
 */
final class BundleReader {
    /** A code's methods: a refill is a record's word, never a code's (see {@link Method#REFILL}). */
    private static final List<String> METHODS = Method.codeIds();
    private static final List<String> ROLES = ids(Role.values(), Role::id);
    private static final List<String> UNITS = ids(UnitBasis.values(), UnitBasis::id);
    private static final List<String> SETTINGS = ids(Setting.values(), Setting::id);
    private static final List<String> MUE_SETTINGS = ids(MueSetting.values(), MueSetting::id);
    private static final List<String> ACTIONS = ids(Action.values(), Action::id);
    private static final List<String> TIME_RULES = ids(TimeRule.Kind.values(), Enums::id);
    private static final List<String> ORDERS = ids(InitialCodeRule.Order.values(), Enums::id);
    private static final List<String> MODIFIER_KINDS = List.of(Enums.DRUG_LINE, Enums.SECOND_INITIAL, Enums.ALLOWED);

    private BundleReader() {
    }

    /** Every distinct fact, built once and shared by the policies that hold it. */
    private record Facts(List<Family> families, List<Code> codes, List<Drug> drugs, List<Mue> mues,
                         List<Authorization> authorizations, List<AuditThreshold> audits,
                         List<ModifierRule> modifierRules, List<RuleText> rules, List<TimeRule> timeRules,
                         List<InitialCodeRule> initialCodeRules) {
        static Facts read(Fields f) {
            return new Facts(
                    f.list("families", BundleReader::family),
                    f.list("codes", BundleReader::code),
                    f.list("drugs", BundleReader::drug),
                    f.list("mues", BundleReader::mue),
                    f.list("authorizations", BundleReader::authorization),
                    f.list("audits", BundleReader::audit),
                    f.list("modifierRules", BundleReader::modifierRule),
                    f.list("rules", BundleReader::rule),
                    f.list("timeRules", BundleReader::timeRule),
                    f.list("initialCodeRules", BundleReader::initialCodeRule));
        }
    }

    static PolicySet policySet(Fields body) {
        List<Payer> payers = body.list("payers", BundleReader::payer);
        Fields factFields = body.object("facts");
        if (factFields == null) throw new Fields.Damage("field 'facts' should be an object but is null");
        Facts facts = Facts.read(factFields);
        List<Policy> policies = body.list("policies", f -> policy(f, facts));
        return new PolicySet(payers, policies);
    }

    private static Payer payer(Fields f) {
        return new Payer(f.requiredString("id"), f.string("name"), f.list("plans", BundleReader::plan),
                source(f.object("source")));
    }

    private static Plan plan(Fields f) {
        return new Plan(f.requiredString("id"), f.string("name"), source(f.object("source")));
    }

    private static Policy policy(Fields f, Facts facts) {
        return new Policy(
                f.requiredString("id"),
                f.string("payer"),
                f.string("plan"),
                f.string("parent"),
                required(f, "effectiveFrom", f.date("effectiveFrom")),
                f.date("effectiveThrough"),
                f.strings("layers"),
                meta(f.object("meta")),
                source(f.object("source")),
                keyed(f, "families", facts.families(), Family::id),
                keyed(f, "codes", facts.codes(), Code::code),
                keyed(f, "drugs", facts.drugs(), Drug::hcpcs),
                listed(f, "mues", facts.mues()),
                keyed(f, "authorizations", facts.authorizations(), Authorization::code),
                keyed(f, "audits", facts.audits(), AuditThreshold::code),
                listed(f, "modifierRules", facts.modifierRules()),
                keyed(f, "rules", facts.rules(), RuleText::rule),
                keyed(f, "timeRules", facts.timeRules(), TimeRule::kind),
                keyed(f, "initialCodeRules", facts.initialCodeRules(), InitialCodeRule::setting));
    }

    /** A policy's map of facts, in the order listed, each under its own id. */
    private static <K, V> Map<K, V> keyed(Fields f, String name, List<V> pool, Function<V, K> key) {
        Map<K, V> out = new LinkedHashMap<>();
        for (int i : f.indexes(name, pool.size())) {
            V fact = pool.get(i);
            if (out.put(key.apply(fact), fact) != null) {
                throw new Fields.Damage("field '" + f.path() + "." + name + "' lists " + key.apply(fact) + " twice");
            }
        }
        return out;
    }

    private static <V> List<V> listed(Fields f, String name, List<V> pool) {
        List<V> out = new ArrayList<>();
        for (int i : f.indexes(name, pool.size())) out.add(pool.get(i));
        return out;
    }

    private static PolicyMeta meta(Fields f) {
        if (f == null) return null;
        return new PolicyMeta(f.string("title"), f.string("summary"), f.strings("sources"), f.date("reviewed"),
                f.strings("updateTriggers"));
    }

    private static Family family(Fields f) {
        return new Family(f.requiredString("id"), f.string("title"), f.integer("rank"), provenance(f.object("provenance")));
    }

    private static Code code(Fields f) {
        return new Code(
                f.requiredString("code"),
                f.string("title"),
                f.bool("addOn"),
                f.string("family"),
                f.choice("method", BundleReader::codeMethod, METHODS),
                f.choice("role", Role::fromId, ROLES),
                f.choice("unit", UnitBasis::fromId, UNITS),
                f.strings("primaries"),
                f.choice("onlyIn", Setting::fromId, SETTINGS),
                f.string("description"),
                provenance(f.object("provenance")));
    }

    private static Drug drug(Fields f) {
        return new Drug(f.requiredString("hcpcs"), f.string("name"), f.string("category"), f.decimal("unitAmount"),
                f.string("unitOfMeasure"), f.bool("singleDose"), provenance(f.object("provenance")));
    }

    private static Mue mue(Fields f) {
        String code = f.requiredString("code");
        MueSetting setting = f.choice("setting", MueSetting::fromId, MUE_SETTINGS);
        int cap = f.integer("cap");
        Integer digit = f.optionalInteger("indicator");
        Mai indicator = digit == null ? null : Mai.fromDigit(digit);
        if (digit != null && indicator == null) {
            throw new Fields.Damage("field '" + f.path() + ".indicator' is " + digit + ", expected 1, 2 or 3");
        }
        // version 3 added the table's quarter; older bundles have none
        TableQuarter quarter = null;
        if (f.has("tableQuarter")) {
            String text = f.string("tableQuarter");
            quarter = TableQuarter.parse(text);
            if (text != null && quarter == null) {
                throw new Fields.Damage("field '" + f.path() + ".tableQuarter' is '" + text + "', expected a quarter like 2024Q3");
            }
        }
        return new Mue(code, setting, cap, indicator, quarter, provenance(f.object("provenance")));
    }

    private static Authorization authorization(Fields f) {
        return new Authorization(f.requiredString("code"), f.bool("required"), provenance(f.object("provenance")));
    }

    private static AuditThreshold audit(Fields f) {
        return new AuditThreshold(f.requiredString("code"), f.integer("units"), provenance(f.object("provenance")));
    }

    private static ModifierRule modifierRule(Fields f) {
        String kind = required(f, "kind", f.choice("kind", k -> MODIFIER_KINDS.contains(k) ? k : null, MODIFIER_KINDS));
        return switch (kind) {
            case Enums.DRUG_LINE -> new ModifierRule.DrugLine(f.strings("modifiers"), provenance(f.object("provenance")));
            case Enums.SECOND_INITIAL ->
                    new ModifierRule.SecondInitial(f.strings("modifiers"), provenance(f.object("provenance")));
            default -> new ModifierRule.Allowed(f.requiredString("code"), f.strings("modifiers"),
                    provenance(f.object("provenance")));
        };
    }

    private static RuleText rule(Fields f) {
        return new RuleText(
                f.requiredString("rule"),
                f.choice("action", Action::fromId, ACTIONS),
                f.string("carc"),
                f.strings("rarc"),
                f.string("message"),
                f.string("fix"),
                f.string("appeal"),
                f.string("title"),
                provenance(f.object("provenance")));
    }

    private static TimeRule timeRule(Fields f) {
        TimeRule.Kind kind = f.choice("kind", Enums::timeRuleKind, TIME_RULES);
        return new TimeRule(required(f, "kind", kind), f.integer("amount"), provenance(f.object("provenance")));
    }

    private static InitialCodeRule initialCodeRule(Fields f) {
        Setting setting = f.choice("setting", Setting::fromId, SETTINGS);
        return new InitialCodeRule(required(f, "setting", setting), f.choice("order", Enums::order, ORDERS),
                provenance(f.object("provenance")));
    }

    private static Provenance provenance(Fields f) {
        if (f == null) return null;
        return new Provenance(f.string("layer"), source(f.object("source")), f.string("citation"));
    }

    private static SourceRef source(Fields f) {
        if (f == null) return null;
        return new SourceRef(f.string("file"), f.integer("line"), f.integer("column"));
    }

    private static <T> T required(Fields f, String name, T value) {
        if (value == null) throw new Fields.Damage("field '" + f.path() + "." + name + "' may not be null");
        return value;
    }

    private static Method codeMethod(String id) {
        Method m = Method.fromId(id);
        return m != null && m.ofCodes() ? m : null;
    }

    private static <E> List<String> ids(E[] values, Function<E, String> id) {
        return Arrays.stream(values).map(id).toList();
    }
}
