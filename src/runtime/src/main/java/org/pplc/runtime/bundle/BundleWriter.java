package org.pplc.runtime.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a policy set into the bundle body. Every field of the runtime model is written, in the
 * order of its record components, and every map in its own (source) order, so the same policies
 * always give the same tree. Null stays an explicit null: a missing field then means damage.
 */
final class BundleWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private BundleWriter() {
    }

    static ObjectNode body(PolicySet set) {
        ObjectNode body = F.objectNode();
        body.set("payers", list(set.payers().values(), BundleWriter::payer));
        body.set("policies", list(set.policies().values(), BundleWriter::policy));
        return body;
    }

    private static ObjectNode payer(Payer p) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("name", p.name());
        o.set("plans", list(p.plans(), BundleWriter::plan));
        o.set("source", source(p.source()));
        return o;
    }

    private static ObjectNode plan(Plan p) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("name", p.name());
        o.set("source", source(p.source()));
        return o;
    }

    private static ObjectNode policy(Policy p) {
        ObjectNode o = F.objectNode();
        o.put("id", p.id());
        o.put("payer", p.payer());
        o.put("plan", p.plan());
        o.put("parent", p.parent());
        o.put("effectiveFrom", date(p.effectiveFrom()));
        o.put("effectiveThrough", date(p.effectiveThrough()));
        o.set("layers", strings(p.layers()));
        o.set("meta", meta(p.meta()));
        o.set("source", source(p.source()));
        o.set("families", map(p.families(), k -> k, BundleWriter::family));
        o.set("codes", map(p.codes(), k -> k, BundleWriter::code));
        o.set("drugs", map(p.drugs(), k -> k, BundleWriter::drug));
        o.set("mues", list(p.mues(), BundleWriter::mue));
        o.set("authorizations", map(p.authorizations(), k -> k, BundleWriter::authorization));
        o.set("audits", map(p.audits(), k -> k, BundleWriter::audit));
        o.set("modifierRules", list(p.modifierRules(), BundleWriter::modifierRule));
        o.set("rules", map(p.rules(), k -> k, BundleWriter::rule));
        o.set("timeRules", map(p.timeRules(), Enums::id, BundleWriter::timeRule));
        o.set("initialCodeRules", map(p.initialCodeRules(), Enums::id, BundleWriter::initialCodeRule));
        return o;
    }

    private static ObjectNode meta(PolicyMeta m) {
        if (m == null) return null;
        ObjectNode o = F.objectNode();
        o.put("title", m.title());
        o.put("summary", m.summary());
        o.set("sources", strings(m.sources()));
        o.put("reviewed", date(m.reviewed()));
        o.set("updateTriggers", strings(m.updateTriggers()));
        return o;
    }

    private static ObjectNode family(Family f) {
        ObjectNode o = F.objectNode();
        o.put("id", f.id());
        o.put("title", f.title());
        o.put("rank", f.rank());
        o.set("provenance", provenance(f.provenance()));
        return o;
    }

    private static ObjectNode code(Code c) {
        ObjectNode o = F.objectNode();
        o.put("code", c.code());
        o.put("title", c.title());
        o.put("addOn", c.addOn());
        o.put("family", c.family());
        o.put("method", Enums.id(c.method()));
        o.put("role", Enums.id(c.role()));
        o.put("unit", Enums.id(c.unit()));
        o.set("primaries", strings(c.primaries()));
        o.put("onlyIn", Enums.id(c.onlyIn()));
        o.put("description", c.description());
        o.set("provenance", provenance(c.provenance()));
        return o;
    }

    private static ObjectNode drug(Drug d) {
        ObjectNode o = F.objectNode();
        o.put("hcpcs", d.hcpcs());
        o.put("name", d.name());
        o.put("category", d.category());
        // a plain decimal string: no exponent, no float rounding, no locale
        o.put("unitAmount", d.unitAmount() == null ? null : d.unitAmount().toPlainString());
        o.put("unitOfMeasure", d.unitOfMeasure());
        o.put("singleDose", d.singleDose());
        o.set("provenance", provenance(d.provenance()));
        return o;
    }

    private static ObjectNode mue(Mue m) {
        ObjectNode o = F.objectNode();
        o.put("code", m.code());
        o.put("setting", Enums.id(m.setting()));
        o.put("cap", m.cap());
        if (m.indicator() == null) o.putNull("indicator");
        else o.put("indicator", m.indicator().digit());
        o.set("provenance", provenance(m.provenance()));
        return o;
    }

    private static ObjectNode authorization(Authorization a) {
        ObjectNode o = F.objectNode();
        o.put("code", a.code());
        o.put("required", a.required());
        o.set("provenance", provenance(a.provenance()));
        return o;
    }

    private static ObjectNode audit(AuditThreshold a) {
        ObjectNode o = F.objectNode();
        o.put("code", a.code());
        o.put("units", a.units());
        o.set("provenance", provenance(a.provenance()));
        return o;
    }

    private static ObjectNode modifierRule(ModifierRule r) {
        ObjectNode o = F.objectNode();
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
        o.set("modifiers", strings(r.modifiers()));
        o.set("provenance", provenance(r.provenance()));
        return o;
    }

    private static ObjectNode rule(RuleText r) {
        ObjectNode o = F.objectNode();
        o.put("rule", r.rule());
        o.put("action", Enums.id(r.action()));
        o.put("carc", r.carc());
        o.set("rarc", strings(r.rarc()));
        o.put("message", r.message());
        o.put("fix", r.fix());
        o.put("appeal", r.appeal());
        o.put("title", r.title());
        o.set("provenance", provenance(r.provenance()));
        return o;
    }

    private static ObjectNode timeRule(TimeRule t) {
        ObjectNode o = F.objectNode();
        o.put("kind", Enums.id(t.kind()));
        o.put("amount", t.amount());
        o.set("provenance", provenance(t.provenance()));
        return o;
    }

    private static ObjectNode initialCodeRule(InitialCodeRule r) {
        ObjectNode o = F.objectNode();
        o.put("setting", Enums.id(r.setting()));
        o.put("order", Enums.id(r.order()));
        o.set("provenance", provenance(r.provenance()));
        return o;
    }

    private static ObjectNode provenance(Provenance p) {
        if (p == null) return null;
        ObjectNode o = F.objectNode();
        o.put("layer", p.layer());
        o.set("source", source(p.source()));
        o.put("citation", p.citation());
        return o;
    }

    private static ObjectNode source(SourceRef s) {
        if (s == null) return null;
        ObjectNode o = F.objectNode();
        o.put("file", s.file());
        o.put("line", s.line());
        o.put("column", s.column());
        return o;
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = F.arrayNode(values.size());
        for (String v : values) a.add(v);
        return a;
    }

    private static <T> ArrayNode list(Collection<T> values, Function<T, ObjectNode> write) {
        ArrayNode a = F.arrayNode(values.size());
        for (T v : values) a.add(write.apply(v));
        return a;
    }

    private static <K, V> ObjectNode map(Map<K, V> values, Function<K, String> key, Function<V, ObjectNode> write) {
        ObjectNode o = F.objectNode();
        for (Map.Entry<K, V> e : values.entrySet()) o.set(key.apply(e.getKey()), write.apply(e.getValue()));
        return o;
    }
}
