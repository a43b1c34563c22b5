package org.pplc.runtime.bundle;

import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.PolicyMeta;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.SourceRef;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a policy set into the bundle body. Every field of the runtime model is written, in the
 * order of its record components, and every map in its own (source) order, so the same policies
 * always give the same tree (plain maps and lists, see {@link Json}). Null stays an explicit null: a missing field then means damage.
 *
 * <p>A policy holds every fact of the layers below it, so most facts recur in every policy of a
 * payer. Each distinct fact is written once, in {@code facts}, and a policy lists its facts by
 * index there, in its own order: the bundle stays small and loading builds each fact once.
 */
final class BundleWriter {
    private BundleWriter() {
    }

    /** Distinct facts of one kind in first-seen order, by value (records compare by value). */
    private static final class Pool<T> {
        private final Map<T, Integer> index = new LinkedHashMap<>();

        int add(T fact) {
            return index.computeIfAbsent(fact, k -> index.size());
        }

        List<Object> write(Function<T, Map<String, Object>> write) {
            return list(index.keySet(), write);
        }
    }

    private static final class Pools {
        final Pool<Family> families = new Pool<>();
        final Pool<Code> codes = new Pool<>();
        final Pool<Drug> drugs = new Pool<>();
        final Pool<Mue> mues = new Pool<>();
        final Pool<Authorization> authorizations = new Pool<>();
        final Pool<AuditThreshold> audits = new Pool<>();
        final Pool<ModifierRule> modifierRules = new Pool<>();
        final Pool<RuleText> rules = new Pool<>();
        final Pool<TimeRule> timeRules = new Pool<>();
        final Pool<InitialCodeRule> initialCodeRules = new Pool<>();

        Map<String, Object> write() {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("families", families.write(BundleWriter::family));
            o.put("codes", codes.write(BundleWriter::code));
            o.put("drugs", drugs.write(BundleWriter::drug));
            o.put("mues", mues.write(BundleWriter::mue));
            o.put("authorizations", authorizations.write(BundleWriter::authorization));
            o.put("audits", audits.write(BundleWriter::audit));
            o.put("modifierRules", modifierRules.write(BundleWriter::modifierRule));
            o.put("rules", rules.write(BundleWriter::rule));
            o.put("timeRules", timeRules.write(BundleWriter::timeRule));
            o.put("initialCodeRules", initialCodeRules.write(BundleWriter::initialCodeRule));
            return o;
        }
    }

    static Map<String, Object> body(PolicySet set) {
        Pools pools = new Pools();
        List<Object> policies = new ArrayList<>();
        for (Policy p : set.policies().values()) policies.add(policy(p, pools));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payers", list(set.payers().values(), BundleWriter::payer));
        body.put("facts", pools.write());
        body.put("policies", policies);
        return body;
    }

    private static Map<String, Object> payer(Payer p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", p.id());
        o.put("name", p.name());
        o.put("plans", list(p.plans(), BundleWriter::plan));
        o.put("source", source(p.source()));
        return o;
    }

    private static Map<String, Object> plan(Plan p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", p.id());
        o.put("name", p.name());
        o.put("source", source(p.source()));
        return o;
    }

    private static Map<String, Object> policy(Policy p, Pools pools) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", p.id());
        o.put("payer", p.payer());
        o.put("plan", p.plan());
        o.put("parent", p.parent());
        o.put("effectiveFrom", date(p.effectiveFrom()));
        o.put("effectiveThrough", date(p.effectiveThrough()));
        o.put("layers", strings(p.layers()));
        o.put("meta", meta(p.meta()));
        o.put("source", source(p.source()));
        o.put("families", refs(p, "families", p.families(), Family::id, pools.families));
        o.put("codes", refs(p, "codes", p.codes(), Code::code, pools.codes));
        o.put("drugs", refs(p, "drugs", p.drugs(), Drug::hcpcs, pools.drugs));
        o.put("mues", refs(p.mues(), pools.mues));
        o.put("authorizations", refs(p, "authorizations", p.authorizations(), Authorization::code, pools.authorizations));
        o.put("audits", refs(p, "audits", p.audits(), AuditThreshold::code, pools.audits));
        o.put("modifierRules", refs(p.modifierRules(), pools.modifierRules));
        o.put("rules", refs(p, "rules", p.rules(), RuleText::rule, pools.rules));
        o.put("timeRules", refs(p, "timeRules", p.timeRules(), TimeRule::kind, pools.timeRules));
        o.put("initialCodeRules", refs(p, "initialCodeRules", p.initialCodeRules(), InitialCodeRule::setting,
                pools.initialCodeRules));
        return o;
    }

    /**
     * A map of facts as indexes into their pool, in the map's order. The reader keys each fact by
     * its own id, so a map whose key differs from its fact's id cannot be written faithfully.
     */
    private static <K, V> List<Object> refs(Policy p, String field, Map<K, V> facts, Function<V, K> key, Pool<V> pool) {
        List<Object> a = new ArrayList<>(facts.size());
        for (Map.Entry<K, V> e : facts.entrySet()) {
            if (!e.getKey().equals(key.apply(e.getValue()))) {
                throw new IllegalArgumentException("policy " + p.id() + ": " + field + " holds " + e.getValue()
                        + " under the key " + e.getKey());
            }
            a.add(pool.add(e.getValue()));
        }
        return a;
    }

    private static <V> List<Object> refs(List<V> facts, Pool<V> pool) {
        List<Object> a = new ArrayList<>(facts.size());
        for (V v : facts) a.add(pool.add(v));
        return a;
    }

    private static Map<String, Object> meta(PolicyMeta m) {
        if (m == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("title", m.title());
        o.put("summary", m.summary());
        o.put("sources", strings(m.sources()));
        o.put("reviewed", date(m.reviewed()));
        o.put("updateTriggers", strings(m.updateTriggers()));
        return o;
    }

    private static Map<String, Object> family(Family f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", f.id());
        o.put("title", f.title());
        o.put("rank", f.rank());
        o.put("provenance", provenance(f.provenance()));
        return o;
    }

    private static Map<String, Object> code(Code c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", c.code());
        o.put("title", c.title());
        o.put("addOn", c.addOn());
        o.put("family", c.family());
        o.put("method", Enums.id(c.method()));
        o.put("role", Enums.id(c.role()));
        o.put("unit", Enums.id(c.unit()));
        o.put("primaries", strings(c.primaries()));
        o.put("onlyIn", Enums.id(c.onlyIn()));
        o.put("description", c.description());
        o.put("provenance", provenance(c.provenance()));
        return o;
    }

    private static Map<String, Object> drug(Drug d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("hcpcs", d.hcpcs());
        o.put("name", d.name());
        o.put("category", d.category());
        // a plain decimal string: no exponent, no float rounding, no locale
        o.put("unitAmount", d.unitAmount() == null ? null : d.unitAmount().toPlainString());
        o.put("unitOfMeasure", d.unitOfMeasure());
        o.put("singleDose", d.singleDose());
        o.put("provenance", provenance(d.provenance()));
        return o;
    }

    private static Map<String, Object> mue(Mue m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", m.code());
        o.put("setting", Enums.id(m.setting()));
        o.put("cap", m.cap());
        if (m.indicator() == null) o.put("indicator", null);
        else o.put("indicator", m.indicator().digit());
        o.put("tableQuarter", m.tableQuarter() == null ? null : m.tableQuarter().toString());
        o.put("provenance", provenance(m.provenance()));
        return o;
    }

    private static Map<String, Object> authorization(Authorization a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", a.code());
        o.put("required", a.required());
        o.put("provenance", provenance(a.provenance()));
        return o;
    }

    private static Map<String, Object> audit(AuditThreshold a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", a.code());
        o.put("units", a.units());
        o.put("provenance", provenance(a.provenance()));
        return o;
    }

    private static Map<String, Object> modifierRule(ModifierRule r) {
        Map<String, Object> o = new LinkedHashMap<>();
        // the interface is sealed: the kind says which record to build on the way back
        if (r instanceof ModifierRule.DrugLine) {
            o.put("kind", Enums.DRUG_LINE);
        } else if (r instanceof ModifierRule.SecondInitial) {
            o.put("kind", Enums.SECOND_INITIAL);
        } else if (r instanceof ModifierRule.Allowed a) {
            o.put("kind", Enums.ALLOWED);
            o.put("code", a.code());
        } else {
            throw new IllegalStateException("unknown modifier rule " + r.getClass().getName());
        }
        o.put("modifiers", strings(r.modifiers()));
        o.put("provenance", provenance(r.provenance()));
        return o;
    }

    private static Map<String, Object> rule(RuleText r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rule", r.rule());
        o.put("action", Enums.id(r.action()));
        o.put("carc", r.carc());
        o.put("rarc", strings(r.rarc()));
        o.put("message", r.message());
        o.put("fix", r.fix());
        o.put("appeal", r.appeal());
        o.put("title", r.title());
        o.put("provenance", provenance(r.provenance()));
        return o;
    }

    private static Map<String, Object> timeRule(TimeRule t) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", Enums.id(t.kind()));
        o.put("amount", t.amount());
        o.put("provenance", provenance(t.provenance()));
        return o;
    }

    private static Map<String, Object> initialCodeRule(InitialCodeRule r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("setting", Enums.id(r.setting()));
        o.put("order", Enums.id(r.order()));
        o.put("provenance", provenance(r.provenance()));
        return o;
    }

    private static Map<String, Object> provenance(Provenance p) {
        if (p == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("layer", p.layer());
        o.put("source", source(p.source()));
        o.put("citation", p.citation());
        return o;
    }

    private static Map<String, Object> source(SourceRef s) {
        if (s == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", s.file());
        o.put("line", s.line());
        o.put("column", s.column());
        return o;
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static List<Object> strings(List<String> values) {
        List<Object> a = new ArrayList<>(values.size());
        for (String v : values) a.add(v);
        return a;
    }

    private static <T> List<Object> list(Collection<T> values, Function<T, Map<String, Object>> write) {
        List<Object> a = new ArrayList<>(values.size());
        for (T v : values) a.add(write.apply(v));
        return a;
    }
}
