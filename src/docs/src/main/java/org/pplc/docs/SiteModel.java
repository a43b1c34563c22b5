package org.pplc.docs;

import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.Authorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the view model of every page from the compiled policies. Everything a page says comes
 * from here, as plain strings, booleans, lists and maps in a fixed order; templates only lay it
 * out. The "Medicare" baseline a payer is compared with is the newest policy of payer
 * {@code medicare} without a plan; the codes documented are those of the policy set's reference
 * (that baseline, or the first layer that applies to all payers).
 */
final class SiteModel {
    /** One page: its path below the format folder without extension ("codes/96417"), kind and model. */
    record Page(String path, String kind, Map<String, Object> model) {
    }

    private static final String BASELINE_PAYER = "medicare";

    private final PolicySet set;
    private final List<WorkedExamples.Example> examples;
    private final Policy reference;
    private final Policy baseline;
    private final List<Policy> payerPolicies;
    private final Set<String> pageCodes;

    private SiteModel(PolicySet set, List<WorkedExamples.Example> examples) {
        this.set = set;
        this.examples = examples;
        this.baseline = set.policies().values().stream()
                .filter(p -> BASELINE_PAYER.equals(p.payer()) && p.plan() == null)
                .max(Comparator.comparing(Policy::effectiveFrom)).orElse(null);
        this.reference = baseline != null ? baseline : set.policies().values().stream()
                .filter(p -> p.payer() == null).reduce((a, b) -> b).orElse(null);
        this.payerPolicies = orderedPayerPolicies(set);
        this.pageCodes = reference == null ? Set.of() : new TreeSet<>(reference.codes().keySet());
    }

    /** Every page of the site. */
    static List<Page> pages(PolicySet set, List<WorkedExamples.Example> examples) {
        SiteModel m = new SiteModel(set, examples);
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("index", "index", m.index()));
        for (String code : m.pageCodes) pages.add(new Page("codes/" + Model.file(code), "code", m.codePage(code)));
        for (Policy p : set.policies().values()) pages.add(new Page("policies/" + Model.file(p.id()), "policy", m.policyPage(p)));
        return pages;
    }

    private static List<Policy> orderedPayerPolicies(PolicySet set) {
        List<String> payerOrder = new ArrayList<>(set.payers().keySet());
        List<Policy> out = new ArrayList<>(set.policies().values().stream().filter(p -> p.payer() != null).toList());
        out.sort(Comparator.comparingInt((Policy p) -> p.payer().equals(BASELINE_PAYER) ? -1 : payerOrder.indexOf(p.payer()))
                .thenComparingInt(p -> planIndex(set, p))
                .thenComparing(Policy::effectiveFrom).thenComparing(Policy::id));
        return out;
    }

    private static int planIndex(PolicySet set, Policy p) {
        if (p.plan() == null) return -1;
        Payer payer = set.payers().get(p.payer());
        if (payer == null) return Integer.MAX_VALUE;
        for (int i = 0; i < payer.plans().size(); i++) if (payer.plans().get(i).id().equals(p.plan())) return i;
        return Integer.MAX_VALUE;
    }

    // ------------------------------------------------------------------ shared pieces

    private Map<String, Object> policyRef(Policy p) {
        return Model.map("id", p.id(), "file", Model.file(p.id()), "title", title(p),
                "payer", payerName(p.payer()), "plan", planName(p.payer(), p.plan()),
                "effective", effective(p), "reviewed", p.meta() == null || p.meta().reviewed() == null ? "" : p.meta().reviewed().toString(),
                "isBaseline", p == baseline);
    }

    private static String title(Policy p) {
        return p.meta() != null && p.meta().title() != null ? p.meta().title() : p.id();
    }

    private static String effective(Policy p) {
        return p.effectiveFrom() + (p.effectiveThrough() == null ? " onwards" : " through " + p.effectiveThrough());
    }

    private String payerName(String id) {
        if (id == null) return "all payers";
        Payer payer = set.payers().get(id);
        return payer == null ? id : payer.name();
    }

    private String planName(String payerId, String planId) {
        if (planId == null) return "";
        Payer payer = set.payers().get(payerId);
        Plan plan = payer == null ? null : payer.plan(planId);
        return plan == null ? planId : plan.name();
    }

    private Map<String, Object> codeRef(String code) {
        Code c = reference == null ? null : reference.codes().get(code);
        return Model.map("code", code, "file", Model.file(code), "title", c == null ? "" : c.title(),
                "linked", pageCodes.contains(code));
    }

    private List<Object> codeRefs(List<String> codes) {
        List<Object> out = new ArrayList<>();
        for (String c : codes) out.add(codeRef(c));
        return out;
    }

    private Family family(String id) {
        return reference.families().get(id);
    }

    private String familyTitle(String id) {
        Family f = id == null ? null : family(id);
        return f == null ? Objects.toString(id, "") : f.title();
    }

    // ------------------------------------------------------------------ index

    private Map<String, Object> index() {
        List<Object> payers = new ArrayList<>();
        for (Payer payer : set.payers().values()) {
            List<Object> plans = new ArrayList<>();
            for (Plan plan : payer.plans()) {
                plans.add(Model.map("id", plan.id(), "name", plan.name(), "policies", policiesOf(payer.id(), plan.id())));
            }
            payers.add(Model.map("id", payer.id(), "name", payer.name(), "declaredAt", Model.where(payer.source()),
                    "policies", policiesOf(payer.id(), null), "plans", plans));
        }
        List<Object> policies = new ArrayList<>();
        for (Policy p : set.policies().values()) {
            Map<String, Object> r = policyRef(p);
            r.put("extends", p.parent() == null ? "" : p.parent());
            r.put("extendsFile", p.parent() == null ? "" : Model.file(p.parent()));
            policies.add(r);
        }
        List<Object> families = new ArrayList<>();
        if (reference != null) {
            List<Family> fams = new ArrayList<>(reference.families().values());
            fams.sort(Comparator.comparingInt(Family::rank).thenComparing(Family::id));
            for (Family f : fams) {
                List<Object> codes = new ArrayList<>();
                for (String code : pageCodes) {
                    Code c = reference.codes().get(code);
                    if (!f.id().equals(c.family())) continue;
                    codes.add(Model.map("code", code, "file", Model.file(code), "title", c.title(),
                            "kind", kind(c), "method", c.method() == null ? "" : Words.method(c.method()),
                            "role", c.role() == null ? "" : c.role().id(),
                            "primaries", c.primaries().isEmpty() ? "" : String.join(", ", c.primaries())));
                }
                families.add(Model.map("id", f.id(), "title", f.title(), "rank", Integer.toString(f.rank()), "codes", codes));
            }
        }
        List<Object> exampleViews = new ArrayList<>();
        for (WorkedExamples.Example e : examples) exampleViews.add(WorkedExamples.view(e, null, pageCodes));
        return Model.map("root", "", "title", "Drug administration policies", "payers", payers, "policies", policies,
                "families", families, "examples", exampleViews,
                "baseline", baseline == null ? "" : baseline.id(), "baselineFile", baseline == null ? "" : Model.file(baseline.id()));
    }

    private List<Object> policiesOf(String payer, String plan) {
        List<Object> out = new ArrayList<>();
        for (Policy p : payerPolicies) if (payer.equals(p.payer()) && Objects.equals(plan, p.plan())) out.add(policyRef(p));
        return out;
    }

    // ------------------------------------------------------------------ code page

    private Map<String, Object> codePage(String code) {
        Code c = reference.codes().get(code);
        List<String> addOns = new ArrayList<>();
        for (Code other : reference.codes().values()) if (other.primaries().contains(code)) addOns.add(other.code());
        addOns.sort(null);
        Tree tree = tree(c);
        Map<String, Object> m = Model.map("root", "../", "title", code + ": " + c.title(), "code", code,
                "codeTitle", c.title(), "kind", kind(c), "factsFrom", factsFrom(c),
                "standalone", c.code() + (c.initialIvService() ? " is an initial code: it needs no other code on the claim."
                        : Words.lineUpkeep(c.role(), c.method()) ? " needs no other code on the claim; it is the day's only service."
                        : " needs no other code on the claim; it is billed beside the visit's initial code, never instead of it."),
                "family", familyTitle(c.family()), "familyId", Objects.toString(c.family(), ""),
                "method", c.method() == null ? "" : Words.method(c.method()),
                "role", c.role() == null ? "" : c.role().id(),
                "unit", c.unit() == null ? "" : Words.unit(c.unit()),
                "settings", c.onlyIn() == null ? "facility and professional" : c.onlyIn().id() + " only",
                "description", Objects.toString(c.description(), ""),
                "definedAt", Model.where(c.provenance()), "definedIn", c.provenance() == null ? "" : c.provenance().layer(),
                "citation", Model.citation(c.provenance()),
                "quick", quickAnswer(c),
                "primaries", codeRefs(c.primaries()), "addOns", codeRefs(addOns),
                "timeRules", timeRules(c), "unitTable", unitTable(c), "unitCode", unitCode(c) == null ? "" : unitCode(c).code(),
                "unitMinutes", sequentialInfusion(c) ? "Minutes of the sequential drug in all" : "Minutes of infusion in all",
                "tree", tree.steps, "treeFinal", tree.finalText,
                "useWhen", tree.useWhen, "doNotUse", tree.doNotUse,
                "baseline", baseline == null ? "" : payerName(baseline.payer()),
                "payerRows", payerRows(c), "secondSite", secondSite(c), "denials", denials(c), "faq", faq(c, tree),
                "examples", codeExamples(code), "review", review(c));
        return m;
    }

    /**
     * A code that needs no primary but is not the visit's initial service (an injection, a pump start,
     * a refill, a port flush): the single-initial-code check leaves it alone, and the page must say so
     * (Code.initialIvService). An injection code counts each injection (CPT; NCCI Policy Manual, Chapter XI).
     */
    private static String standsBeside(Code c) {
        if (Words.lineUpkeep(c.role(), c.method())) {
            return c.code() + " needs no other code on the claim, and it does not count as the visit's one initial service;"
                    + " it is reported only as the day's only service: when an infusion or injection used the device at the"
                    + " visit, the upkeep is part of that service and is not billed.";
        }
        return c.code() + " needs no other code on the claim, and it does not count as the visit's one initial service:"
                + " the initial code of the visit, when there is one, is reported beside it."
                + (c.unit() == UnitBasis.INJECTION ? " Every injection is reported, one unit each, beside the visit's other"
                + " injection codes and its IV codes." : "");
    }

    /** The kind a page and the index show: an add-on, the visit's initial service, or a code billed beside it. */
    private static String kind(Code c) {
        if (c.addOn()) return "add-on";
        if (c.initialIvService()) return "initial";
        return c.unit() == UnitBasis.INJECTION ? "per injection" : c.unit() == UnitBasis.REFILL ? "per refill" : "stand-alone";
    }

    /** What the code reports, from its role and method: "the first (initial) service of its kind at the visit, given by IV infusion". */
    private static String reports(Code c) {
        if (c.role() == null) return c.method() == null ? "a service" : "a service given by " + Words.method(c.method());
        return Words.role(c.role(), c.method())
                + (c.method() == null || Words.roleSaysMethod(c.role(), c.method()) ? "" : ", given by " + Words.method(c.method()));
    }

    /**
     * The primary an add-on's page names for the visit's first service, as the engine's
     * {@code {primary}} names it (Code.suggestedPrimary): one definition for both.
     */
    private String suggestedPrimary(Code c) {
        return c.suggestedPrimary(reference.codes()::get);
    }

    /** As the engine names it under policy p: from that policy's codes. */
    private static String suggestedPrimary(Code c, Policy p) {
        return c.suggestedPrimary(p.codes()::get);
    }

    private List<String> quickAnswer(Code c) {
        List<String> q = new ArrayList<>();
        StringBuilder first = new StringBuilder();
        first.append(c.code()).append(" is ").append(c.addOn() ? "an add-on code" : c.initialIvService() ? "an initial code" : "a stand-alone code")
                .append(" of the ").append(familyTitle(c.family()).toLowerCase(java.util.Locale.ROOT)).append(" family")
                .append(": it reports ").append(reports(c)).append('.');
        q.add(first.toString());
        if (c.addOn()) {
            q.add("It is billed only together with " + Words.or(c.primaries()) + " on the same claim and date of service.");
        } else if (c.initialIvService()) {
            q.add("A visit has one initial code; the other services of the visit are reported with add-on codes.");
        } else {
            q.add(standsBeside(c));
        }
        if (c.unit() != null) q.add("One unit is one " + Words.unit(c.unit()) + ".");
        if (c.onlyIn() != null) q.add("Only the " + c.onlyIn().id() + " setting may bill it.");
        Mue p = mue(reference, c.code(), MueSetting.PRACTITIONER), o = mue(reference, c.code(), MueSetting.OUTPATIENT);
        if (p != null || o != null) {
            q.add("Medicare allows at most " + mueWords(p) + " in the practitioner setting and " + mueWords(o)
                    + " in the outpatient hospital setting.");
        }
        return q;
    }

    // ---- which code set and which CMS quarter the page's facts come from

    private static final Pattern CPT_YEAR = Pattern.compile("\\bCPT\\b[^0-9]{0,40}((?:19|20)\\d\\d)");
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    /** "Codes: AMA CPT 2024. MUE: CMS table 2024 Q3 (effective 2024-07-01)." */
    private String factsFrom(Code c) {
        String codes = cptYear(c);
        Mue p = mue(reference, c.code(), MueSetting.PRACTITIONER), o = mue(reference, c.code(), MueSetting.OUTPATIENT);
        String mues;
        if (p == null && o == null) {
            mues = "none in " + payerName(reference.payer()) + " for this code";
        } else {
            String qp = p == null ? null : quarter(mueTableStart(p)), qo = o == null ? null : quarter(mueTableStart(o));
            mues = Objects.equals(qp, qo) || qo == null ? "CMS table " + qp + (qo == null ? " (practitioner only)" : "")
                    : qp == null ? "CMS table " + qo + " (outpatient hospital only)"
                    : "CMS practitioner table " + qp + ", outpatient hospital table " + qo;
        }
        return "Codes: " + (codes == null ? "the code set year is not recorded" : "AMA CPT " + codes) + ". MUE: " + mues + ".";
    }

    /**
     * The CPT year of a code's definition: the year its own citation gives after "CPT", else the one
     * its layer's sources give, else the year that layer takes effect; null when none is known.
     */
    private String cptYear(Code c) {
        Provenance pr = c.provenance();
        Matcher m = CPT_YEAR.matcher(pr == null || pr.citation() == null ? "" : pr.citation());
        if (m.find()) return m.group(1);
        Policy layer = pr == null ? null : set.policy(pr.layer());
        if (layer == null) return null;
        if (layer.meta() != null) {
            for (String source : layer.meta().sources()) {
                m = CPT_YEAR.matcher(source);
                if (m.find()) return m.group(1);
            }
        }
        return Integer.toString(layer.effectiveFrom().getYear());
    }

    /**
     * The first day of the CMS MUE table an MUE comes from: the date its citation gives (the
     * {@code from "CMS MUE tables ..., effective 2024-07-01"} group), else the day the policy that
     * set it takes effect, when the MUE rows carry no table quarter ({@code from "..." quarter 2024Q3}).
     * The one accessor the pages read a table's quarter through.
     */
    LocalDate mueTableStart(Mue mue) {
        if (mue.tableQuarter() != null) return mue.tableQuarter().firstDay();
        Provenance pr = mue.provenance();
        if (pr != null && pr.citation() != null) {
            Matcher m = DATE.matcher(pr.citation());
            while (m.find()) {
                try {
                    return LocalDate.parse(m.group(1));
                } catch (DateTimeParseException notADate) {
                    // a number shaped like a date that is none (2024-13-40): look on
                }
            }
        }
        Policy layer = pr == null ? null : set.policy(pr.layer());
        return layer == null ? null : layer.effectiveFrom();
    }

    /** "2024 Q3 (effective 2024-07-01)", or "of an unknown quarter". */
    private static String quarter(LocalDate start) {
        if (start == null) return "of an unknown quarter";
        return start.getYear() + " Q" + ((start.getMonthValue() - 1) / 3 + 1) + " (effective " + start + ")";
    }

    private static Mue mue(Policy p, String code, MueSetting s) {
        if (p == null) return null;
        var r = p.rulesFor(code);
        if (r == null) return null;
        return s == MueSetting.PRACTITIONER ? r.practitionerMue() : r.outpatientMue();
    }

    private static String mueWords(Mue m) {
        return m == null ? "no MUE" : m.cap() + (m.cap() == 1 ? " unit " : " units ") + m.indicator().words();
    }

    private List<String> timeRules(Code c) {
        List<String> out = new ArrayList<>();
        int push = reference.time(TimeRule.Kind.PUSH_UP_TO_MINUTES, -1);
        int hour = reference.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, -1);
        int hydration = reference.time(TimeRule.Kind.HYDRATION_AFTER_MINUTES, -1);
        int pump = reference.time(TimeRule.Kind.PUMP_AFTER_MINUTES, -1);
        if (push >= 0 && (c.method() == Method.PUSH || c.method() == Method.INFUSION)) {
            out.add("A drug given in " + push + " minutes or less (or pushed while the professional stays present) is a push; "
                    + (push + 1) + " minutes or more is an infusion.");
        }
        if (hour >= 0 && (c.role() == Role.ADDITIONAL_HOUR || (c.method() == Method.INFUSION && c.role() == Role.INITIAL))) {
            out.add("An infusion's first hour is reported by the initial or sequential code; each further hour is a unit of the "
                    + "additional-hour code only when more than " + hour + " minutes of it were used.");
        }
        if (hydration >= 0 && "hydration".equals(c.family())) {
            out.add("Hydration is reported only when it runs more than " + hydration + " minutes.");
        }
        Code hourCode = sequentialInfusion(c) ? hourCode(c.family()) : null;
        if (hour >= 0 && hourCode != null) {
            out.add("When the sequential drug runs past its first hour, each further hour is a unit of " + hourCode.code()
                    + " beside " + c.code() + ", under the same rule: a further hour counts only when more than " + hour
                    + " minutes of it were used (" + (61 + hour) + " to " + (120 + hour) + " minutes of the drug in all add one unit).");
        }
        if (hour >= 0 && sequentialInfusion(c)) {
            for (Family f : familiesByRank()) {
                Code byHour = f.id().equals(c.family()) ? null : byTheHour(f.id());
                if (byHour == null) continue;
                out.add("A drug of the " + f.title().toLowerCase(java.util.Locale.ROOT) + " family has no sequential code:"
                        + " given after another service it is billed by the hour with " + byHour.code() + ", one unit for each hour,"
                        + " the last counting when more than " + hour + " minutes of it were used"
                        + ("hydration".equals(f.id()) && hydration >= 0 ? " (hydration of " + hydration + " minutes or less is not reported)." : "."));
            }
        }
        if (pump >= 0 && c.method() == Method.PUMP && c.role() == Role.PUMP_START && TimeRule.PUMP_AFTER_FAMILY.equals(c.family())) {
            out.add("A chemotherapy pump infusion is a pump start only when it runs more than " + pump + " minutes"
                    + (pump % 60 == 0 ? " (" + pump / 60 + " hours)" : "") + "; a shorter one is coded by its time,"
                    + " as a push or an infusion with its additional hours.");
        }
        return out;
    }

    /** An infusion of a further, different drug (96417, 96367): its time past the first hour takes the family's hour code. */
    private static boolean sequentialInfusion(Code c) {
        return c.role() == Role.SEQUENTIAL && c.method() == Method.INFUSION;
    }

    /**
     * The family's additional-hour code of IV infusions, the first declared (96415, 96366, 96361):
     * the code derive adds for an infusion's further hours (VisitCoding.addHours through Hierarchy.find).
     */
    private Code hourCode(String family) {
        return family == null ? null : first(o -> family.equals(o.family()) && o.method() == Method.INFUSION && o.role() == Role.ADDITIONAL_HOUR);
    }

    /**
     * The code a family without a sequential infusion code bills a later infusion with: its hour code
     * (hydration after another service is 96361; derive's VisitCoding.codeLaterInfusion), or null.
     */
    private Code byTheHour(String family) {
        boolean sequential = first(o -> family.equals(o.family()) && o.method() == Method.INFUSION && o.role() == Role.SEQUENTIAL) != null;
        return sequential ? null : hourCode(family);
    }

    private List<Family> familiesByRank() {
        List<Family> fams = new ArrayList<>(reference.families().values());
        fams.sort(Comparator.comparingInt(Family::rank).thenComparing(Family::id));
        return fams;
    }

    /** The code whose units the page's minutes table counts: the code itself when it is an hour code, else a sequential infusion's hour code. */
    private Code unitCode(Code c) {
        if (c.role() == Role.ADDITIONAL_HOUR) return c;
        return sequentialInfusion(c) ? hourCode(c.family()) : null;
    }

    /** Minutes of one infusion and the units of the additional-hour code they give, from the policy's threshold. */
    private List<Object> unitTable(Code c) {
        List<Object> rows = new ArrayList<>();
        if (unitCode(c) == null) return rows;
        int hour = reference.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, -1);
        int push = reference.time(TimeRule.Kind.PUSH_UP_TO_MINUTES, 15);
        if (hour < 0) return rows;
        int from = push + 1;
        for (int units = 0; units <= 3; units++) {
            int to = 60 * (units + 1) + hour;
            rows.add(Model.map("minutes", from + " to " + to, "units", Integer.toString(units)));
            from = to + 1;
        }
        return rows;
    }

    // ---- the decision tree: generated from the hierarchy's families, methods and roles

    private record Tree(List<Object> steps, String finalText, List<String> useWhen, List<Object> doNotUse) {
    }

    private Code first(Function<Code, Boolean> test) {
        for (Code c : reference.codes().values()) if (test.apply(c)) return c;
        return null;
    }

    private Tree tree(Code c) {
        List<Object> steps = new ArrayList<>();
        List<String> useWhen = new ArrayList<>();
        List<Object> doNotUse = new ArrayList<>();
        if (c.addOn()) {
            List<Object> alts = new ArrayList<>();
            alts.add(alt("the visit has no initial service yet; report it first", suggestedPrimary(c), null));
            steps.add(step("Is " + Words.or(c.primaries()) + " on the claim for the same date of service?",
                    c.code() + " cannot be billed on its own.", alts));
            useWhen.add("The claim has " + Words.or(c.primaries()) + " for the same date of service.");
            doNotUse.add(alt((c.primaries().size() == 1 ? c.primaries().get(0) + " is not on the claim"
                    : "none of " + Words.and(c.primaries()) + " is on the claim"), null, "an add-on code cannot stand alone"));
        } else if (c.initialIvService()) {
            List<Object> alts = new ArrayList<>();
            for (Code other : reference.codes().values()) {
                if (other.addOn() && Objects.equals(other.family(), c.family()) && other.method() == c.method()
                        && other.primaries().contains(c.code()) && !alts.stream().anyMatch(a -> ((Map<?, ?>) a).get("role").equals(other.role().id()))) {
                    alts.add(alt(Words.role(other.role(), other.method()), other.code(), null));
                }
            }
            ModifierRule.SecondInitial second = reference.secondInitialModifiers();
            String mods = second == null ? null : Words.or(second.modifiers());
            steps.add(step("Is it the first initial service of the visit"
                            + (mods == null ? "?" : " (or given at a separate IV site, with " + mods + ")?"),
                    "A visit has one initial code; report the service with its add-on code.", alts));
            useWhen.add("It is the one initial service of the visit" + (mods == null ? "." : ", or a second one given at a separate IV site with " + mods + "."));
            doNotUse.add(alt("another initial code is already on the claim and no separate IV site is documented", null,
                    "use the add-on code for the service"));
        }
        // the family: another family's code with the same method and role
        if (c.family() != null) {
            List<Object> alts = new ArrayList<>();
            int hour = reference.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, -1);
            for (Family f : familiesByRank()) {
                if (f.id().equals(c.family())) continue;
                Code other = first(o -> f.id().equals(o.family()) && o.method() == c.method() && o.role() == c.role());
                // a later infusion of a family without a sequential code is billed by its hours (hydration: 96361)
                Code byHour = other == null && sequentialInfusion(c) ? byTheHour(f.id()) : null;
                String family = f.title().toLowerCase(java.util.Locale.ROOT);
                if (byHour != null) {
                    String note = "billed by the hour after another service, since that family has no sequential code"
                            + (hour < 0 ? "" : "; the last hour counts when more than " + hour + " minutes of it were used");
                    alts.add(alt("a drug of the " + family + " family", byHour.code(), note));
                    doNotUse.add(alt("the drug belongs to the " + family + " family", byHour.code(), "billed by the hour"));
                    continue;
                }
                alts.add(alt("a drug of the " + family + " family",
                        other == null ? null : other.code(), other == null ? "that family has no code with this method and role" : null));
                if (other != null) doNotUse.add(alt("the drug belongs to the " + family + " family", other.code(), null));
            }
            steps.add(step("Is the drug of the " + familyTitle(c.family()).toLowerCase(java.util.Locale.ROOT) + " family?",
                    "Use the code of the drug's own family:", alts));
            useWhen.add("The drug belongs to the " + familyTitle(c.family()).toLowerCase(java.util.Locale.ROOT) + " family.");
        }
        // the method: same family and role, another method
        if (c.method() != null) {
            List<Object> alts = new ArrayList<>();
            for (Method m : Method.values()) {
                if (m == c.method()) continue;
                Code other = first(o -> Objects.equals(o.family(), c.family()) && o.method() == m && o.role() == c.role());
                if (other != null) {
                    alts.add(alt("given by " + Words.method(m), other.code(), null));
                    doNotUse.add(alt("the drug was given by " + Words.method(m), other.code(), null));
                }
            }
            String timing = "";
            int push = reference.time(TimeRule.Kind.PUSH_UP_TO_MINUTES, -1);
            if (push >= 0 && c.method() == Method.PUSH) timing = " (" + push + " minutes or less, or pushed with the professional present)";
            if (push >= 0 && c.method() == Method.INFUSION) timing = " (" + (push + 1) + " minutes or more)";
            steps.add(step("Was it given by " + Words.method(c.method()) + timing + "?",
                    alts.isEmpty() ? "The family has no other code with this role." : "Use the code for the method used:", alts));
            useWhen.add("It was given by " + Words.method(c.method()) + timing + ".");
        }
        // the role: same family and method, another role
        if (c.role() != null) {
            List<Object> alts = new ArrayList<>();
            Set<Role> seen = new LinkedHashSet<>();
            for (Role r : Role.values()) {
                // pump and refill services are never confused with a drug's own administration
                if (r == c.role() || (r == Role.PUMP_START || r == Role.REFILL) && c.method() != Method.PUMP) continue;
                Code other = first(o -> Objects.equals(o.family(), c.family()) && o.method() == c.method() && o.role() == r);
                if (other != null) {
                    seen.add(r);
                    alts.add(alt(Words.role(r, other.method()), other.code(), null));
                    doNotUse.add(alt("it is " + Words.role(r, other.method()), other.code(), null));
                }
            }
            if (c.role() != Role.CONCURRENT && !seen.contains(Role.CONCURRENT)
                    && first(o -> Objects.equals(o.family(), c.family()) && o.role() == Role.CONCURRENT) == null
                    && (c.role() == Role.SEQUENTIAL || c.role() == Role.INITIAL) && c.method() != Method.INJECTION) {
                alts.add(alt(Words.role(Role.CONCURRENT), null,
                        "the " + familyTitle(c.family()).toLowerCase(java.util.Locale.ROOT) + " family has no concurrent code"));
            }
            steps.add(step(Words.roleQuestion(c.role(), c.method()),
                    alts.isEmpty() ? "The family has no other code given this way." : "Use the code for what the service is:", alts));
            useWhen.add("It is " + Words.role(c.role(), c.method()) + ".");
        }
        if (c.role() == Role.ADDITIONAL_HOUR) {
            int hour = reference.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, -1);
            if (hour >= 0) {
                steps.add(step("Did the further hour run more than " + hour + " minutes past the last full hour?",
                        "That part is not reported.", List.of()));
                useWhen.add("Each unit's hour ran more than " + hour + " minutes past the last full hour.");
                doNotUse.add(alt("the last part of the infusion ran " + hour + " minutes or less past the full hour", null,
                        "that part is not reported"));
            }
        }
        if (c.onlyIn() != null) {
            Setting other = c.onlyIn() == Setting.FACILITY ? Setting.PROFESSIONAL : Setting.FACILITY;
            steps.add(step("Is the claim billed in the " + c.onlyIn().id() + " setting?",
                    c.code() + " is not billed in the " + other.id() + " setting.", List.of()));
            useWhen.add("The claim is billed in the " + c.onlyIn().id() + " setting.");
            doNotUse.add(alt("the claim is billed in the " + other.id() + " setting", null, c.code() + " is not payable there"));
        }
        String fin = "Report " + c.code() + (c.unit() == null ? "." : ", one unit per " + Words.unit(c.unit()) + ".");
        return new Tree(steps, fin, useWhen, doNotUse);
    }

    private Map<String, Object> step(String question, String ifNot, List<Object> alternatives) {
        return Model.map("question", question, "ifNot", ifNot, "alternatives", alternatives);
    }

    private Map<String, Object> alt(String when, String code, String note) {
        Map<String, Object> m = Model.map("when", when, "note", note == null ? "" : note, "role", "");
        if (code != null) {
            m.putAll(codeRef(code));
            Code c = reference.codes().get(code);
            if (c != null && c.role() != null) m.put("role", c.role().id());
        } else {
            m.put("code", "");
            m.put("linked", false);
        }
        return m;
    }

    // ---- the per-payer table

    private List<String> relevantRules(Code c) {
        List<String> rules = new ArrayList<>();
        if (c.addOn()) rules.add(RuleKind.ADDON_REQUIRES_PRIMARY.id());
        // what the engine checks: a pump start or refill is never a second initial code
        else if (c.initialIvService()) rules.add(RuleKind.SINGLE_INITIAL_CODE.id());
        rules.add(RuleKind.MUE_EXCEEDED.id());
        if (c.onlyIn() != null) rules.add(RuleKind.SETTING_NOT_ALLOWED.id());
        boolean pa = false, audit = false, allowed = false;
        for (Policy p : payerPolicies) {
            var r = p.rulesFor(c.code());
            if (r == null) continue;
            pa |= r.authorization() != null;
            audit |= r.audit() != null;
            allowed |= r.allowedModifiers() != null;
        }
        if (pa) {
            rules.add(RuleKind.AUTHORIZATION_MISSING.id());
            rules.add(RuleKind.AUTHORIZATION_NOT_COVERING.id());
            rules.add(RuleKind.AUTHORIZATION_EXCEEDED.id());
        }
        if (audit) rules.add(RuleKind.AUDIT_THRESHOLD.id());
        if (allowed) rules.add(RuleKind.MODIFIER_NOT_ALLOWED.id());
        if (c.role() == Role.SEQUENTIAL) {
            rules.add(RuleKind.SEQUENTIAL_SAME_DRUG.id());
            Family f = c.family() == null ? null : family(c.family());
            int top = reference.families().values().stream().mapToInt(Family::rank).min().orElse(Integer.MAX_VALUE);
            if (f != null && f.rank() == top) rules.add(RuleKind.CHEMO_ADDON_FOR_PREMEDICATION.id());
        }
        return rules;
    }

    private List<Object> payerRows(Code c) {
        List<Object> rows = new ArrayList<>();
        List<String> rules = relevantRules(c);
        Map<String, PolicyItems.Item> baseItems = baseline == null ? Map.of() : PolicyItems.of(baseline);
        Cells base = baseline == null ? null : cells(baseline, c, rules);
        for (Policy p : payerPolicies) {
            Cells cells = cells(p, c, rules);
            boolean isBase = p == baseline;
            List<String> notes = new ArrayList<>();
            if (baseline != null && !isBase) {
                Map<String, PolicyItems.Item> items = PolicyItems.of(p);
                PolicyItems.Item mine = items.get("code " + c.code()), theirs = baseItems.get("code " + c.code());
                if (mine != null && theirs != null) {
                    for (PolicyDiff.FieldChange f : PolicyDiff.fieldChanges(theirs.fields(), mine.fields())) {
                        notes.add(f.field() + ": " + f.after() + " (Medicare: " + f.before() + ")");
                    }
                } else if (mine == null) {
                    notes.add("does not define " + c.code());
                }
            }
            List<Object> cellList = new ArrayList<>();
            for (int i = 0; i < cells.values.size(); i++) {
                boolean differs = base != null && !isBase && !cells.values.get(i).equals(base.values.get(i));
                cellList.add(Model.map("text", cells.values.get(i), "differs", differs));
            }
            boolean anyDiffers = !notes.isEmpty() || cellList.stream().anyMatch(x -> (Boolean) ((Map<?, ?>) x).get("differs"));
            Map<String, Object> row = policyRef(p);
            row.put("cells", cellList);
            row.put("notes", notes);
            row.put("differs", anyDiffers);
            rows.add(row);
        }
        return rows;
    }

    /**
     * What a second line of an initial IV code at a separate IV site draws, per setting, with the
     * policies that say the same thing grouped: the modifier excuses single-initial-code only, and
     * the per-day MUE still counts the units of both lines.
     */
    private List<Object> secondSite(Code c) {
        List<Object> out = new ArrayList<>();
        if (!c.initialIvService()) return out;
        for (MueSetting s : MueSetting.values()) {
            Map<String, List<Object>> groups = new java.util.LinkedHashMap<>();
            for (Policy p : payerPolicies) groups.computeIfAbsent(secondSiteWords(p, c, s), k -> new ArrayList<>()).add(policyRef(p));
            for (var g : groups.entrySet()) {
                out.add(Model.map("setting", mueSettingWords(s), "policies", g.getValue(), "text", g.getKey()));
            }
        }
        return out;
    }

    static String mueSettingWords(MueSetting s) {
        return s == MueSetting.OUTPATIENT ? "outpatient hospital" : "practitioner";
    }

    /** Whether two one-unit lines of the code exceed the MUE: a per-day MUE adds them up, a per-line one does not. */
    static boolean secondLineOverMue(Mue m) {
        return m.cap() < (m.indicator().perDateOfService() ? 2 : 1);
    }

    /** The sentence for one policy and setting; the engine's decision on the claim "code + code with the first modifier". */
    static String secondSiteWords(Policy p, Code c, MueSetting s) {
        String code = c.code(), setting = mueSettingWords(s);
        ModifierRule.SecondInitial second = p.secondInitialModifiers();
        boolean single = p.rules().get(RuleKind.SINGLE_INITIAL_CODE.id()) != null;
        if (single && second == null) {
            return "A second " + code + " is denied by single-initial-code: this policy names no distinct-site modifier.";
        }
        String with = single ? " with " + Words.or(second.modifiers()) : "";
        Mue m = mue(p, code, s);
        if (m == null || p.rules().get(RuleKind.MUE_EXCEEDED.id()) == null) {
            return "A second " + code + " at a separate IV site is accepted" + with + "; no " + setting + " MUE limits its units.";
        }
        String limit = "the " + setting + " MUE of " + m.cap() + " " + m.indicator().words();
        if (secondLineOverMue(m)) {
            return "A second line of " + code + " is denied by mue-exceeded even" + with + ": " + limit
                    + " leaves no room for it. A second initial of a different code is still accepted" + with + ".";
        }
        return "A second " + code + " at a separate IV site is accepted" + with + " within " + limit
                + "; above it, mue-exceeded denies it.";
    }

    private record Cells(List<String> values) {
    }

    /** MUE practitioner, MUE outpatient, prior authorization, audit, denial codes. */
    private Cells cells(Policy p, Code c, List<String> rules) {
        var r = p.rulesFor(c.code());
        Mue mp = r == null ? null : r.practitionerMue();
        Mue mo = r == null ? null : r.outpatientMue();
        Authorization a = r == null ? null : r.authorization();
        AuditThreshold au = r == null ? null : r.audit();
        List<String> denials = new ArrayList<>();
        for (String id : rules) {
            if (!appliesTo(p, c, id)) continue;
            RuleText t = p.rules().get(id);
            denials.add(id + " " + (t == null ? "not checked" : shortCodes(t)));
        }
        return new Cells(List.of(
                mp == null ? "none" : mp.cap() + " " + mp.indicator().words(),
                mo == null ? "none" : mo.cap() + " " + mo.indicator().words(),
                a == null ? "not required" : a.required() ? "required; units within approval" : "units within approval when authorized",
                au == null ? "none" : "review above " + au.units() + " units",
                String.join("; ", denials)));
    }

    /**
     * Whether the policy's facts for the code call for the rule: the authorization rules where the
     * code has an authorization (missing and not covering only where it is required), the audit
     * where it has a threshold, the modifier check where it lists its modifiers. The other rules
     * depend on the claim only.
     */
    static boolean appliesTo(Policy p, Code c, String rule) {
        var r = p.rulesFor(c.code());
        Authorization a = r == null ? null : r.authorization();
        if (rule.equals(RuleKind.AUTHORIZATION_MISSING.id()) || rule.equals(RuleKind.AUTHORIZATION_NOT_COVERING.id())) {
            return a != null && a.required();
        }
        if (rule.equals(RuleKind.AUTHORIZATION_EXCEEDED.id())) return a != null;
        if (rule.equals(RuleKind.AUDIT_THRESHOLD.id())) return r != null && r.audit() != null;
        if (rule.equals(RuleKind.MODIFIER_NOT_ALLOWED.id())) return r != null && r.allowedModifiers() != null;
        return true;
    }

    /** "deny 107/N122": the action and adjustment codes of a rule in a table cell. */
    private static String shortCodes(RuleText t) {
        return (t.action() == null ? "" : t.action().id() + " ") + Objects.toString(t.carc(), "none")
                + (t.rarc().isEmpty() ? "" : "/" + String.join(",", t.rarc()));
    }

    private static String denialCodes(RuleText t) {
        return (t.action() == null ? "" : t.action().id() + " ") + "CARC " + Objects.toString(t.carc(), "none")
                + (t.rarc().isEmpty() ? "" : " / RARC " + String.join(", ", t.rarc()));
    }

    // ---- denials, with texts filled for this code

    private List<Object> denials(Code c) {
        List<Object> out = new ArrayList<>();
        Policy base = baseline != null ? baseline : reference;
        for (String id : relevantRules(c)) {
            RuleText t = base.rules().get(id);
            if (t == null) continue;
            List<Object> variants = new ArrayList<>();
            for (Policy p : payerPolicies) {
                if (!appliesTo(p, c, id)) {
                    variants.add(Model.map("policy", policyRef(p), "text", "does not apply this check to " + c.code()));
                    continue;
                }
                if (p == base) continue;
                RuleText v = p.rules().get(id);
                if (v == null) {
                    variants.add(Model.map("policy", policyRef(p), "text", "does not apply this check"));
                    continue;
                }
                List<String> diffs = new ArrayList<>();
                if (!denialCodes(v).equals(denialCodes(t))) diffs.add(denialCodes(v));
                if (!Objects.equals(v.message(), t.message())) diffs.add("message: " + fillFor(c, p, v.message()));
                if (!Objects.equals(v.fix(), t.fix())) diffs.add("fix: " + fillFor(c, p, v.fix()));
                if (!Objects.equals(v.appeal(), t.appeal())) diffs.add("appeal: " + (v.appeal() == null ? "none" : fillFor(c, p, v.appeal())));
                if (!diffs.isEmpty()) variants.add(Model.map("policy", policyRef(p), "text", String.join("; ", diffs)));
            }
            out.add(Model.map("rule", id, "title", Objects.toString(t.title(), id),
                    "action", t.action() == null ? "" : t.action().id(), "carc", Objects.toString(t.carc(), "none"),
                    "rarc", t.rarc().isEmpty() ? "none" : String.join(", ", t.rarc()),
                    "message", fillFor(c, base, t.message()), "fix", fillFor(c, base, t.fix()),
                    "appeal", t.appeal() == null ? "" : fillFor(c, base, t.appeal()),
                    "source", Model.where(t.provenance()), "layer", t.provenance() == null ? "" : t.provenance().layer(),
                    "variants", variants));
        }
        return out;
    }

    /** A rule text with the values this code and policy fix filled in; the claim's own values stay as [name]. */
    private String fillFor(Code c, Policy p, String text) {
        var r = p.rulesFor(c.code());
        Mue mp = r == null ? null : r.practitionerMue();
        Mue mo = r == null ? null : r.outpatientMue();
        boolean sameMue = mp != null && mo != null && mp.cap() == mo.cap() && mp.indicator() == mo.indicator();
        return Words.fill(text, name -> switch (name) {
            case "code" -> c.code();
            case "primaries" -> Words.or(c.primaries());
            case "primary" -> suggestedPrimary(c, p);
            case "cap" -> sameMue ? Integer.toString(mp.cap()) : null;
            case "indicator" -> sameMue ? mp.indicator().words() : null;
            case "threshold" -> r == null || r.audit() == null ? null : Integer.toString(r.audit().units());
            case "allowed" -> c.onlyIn() != null ? c.onlyIn().id()
                    : r != null && r.allowedModifiers() != null ? Words.or(r.allowedModifiers().modifiers()) : null;
            case "modifiers" -> p.secondInitialModifiers() == null ? null : Words.or(p.secondInitialModifiers().modifiers());
            case "hourCode" -> {
                Code h = first(o -> Objects.equals(o.family(), c.family()) && o.role() == Role.ADDITIONAL_HOUR);
                yield h == null ? null : h.code();
            }
            case "therapeuticCodes" -> {
                List<String> codes = new ArrayList<>();
                for (Code o : p.codes().values()) {
                    if (!Objects.equals(o.family(), c.family()) && o.role() == Role.SEQUENTIAL && !codes.contains(o.code())) codes.add(o.code());
                }
                yield codes.isEmpty() ? null : Words.or(codes);
            }
            default -> null;
        });
    }

    // ---- common questions, from the hierarchy and the policies

    private List<Object> faq(Code c, Tree tree) {
        List<Object> out = new ArrayList<>();
        Policy base = baseline != null ? baseline : reference;
        if (c.addOn()) {
            RuleText t = base.rules().get(RuleKind.ADDON_REQUIRES_PRIMARY.id());
            out.add(qa("Can " + c.code() + " be billed without " + Words.or(c.primaries()) + "?",
                    "No. " + c.code() + " is an add-on code; its primar" + (c.primaries().size() == 1 ? "y is " : "ies are ")
                            + Words.and(c.primaries()) + ", and one of them must be on the same claim for the same date."
                            + (t == null ? "" : " Without it the line draws " + denialCodes(t) + " (" + base.id() + ").")));
        } else if (c.initialIvService()) {
            ModifierRule.SecondInitial second = base.secondInitialModifiers();
            out.add(qa("Can a visit carry " + c.code() + " next to another initial code?",
                    "Only one initial code is reported a visit. A second one is accepted only for a separate IV site"
                            + (second == null ? "." : ", marked with " + Words.or(second.modifiers()) + ".")
                            + " Otherwise the service takes its add-on code. The modifier does not lift the MUE: both lines count"
                            + " toward it, and the list under Payers and plans says, per payer and setting, where a second line of "
                            + c.code() + " still fits."));
        } else if (Words.lineUpkeep(c.role(), c.method())) {
            out.add(qa("Can a visit carry " + c.code() + " next to an initial code?", "No. " + standsBeside(c)));
        } else {
            out.add(qa("Can a visit carry " + c.code() + " next to an initial code?",
                    "Yes. " + standsBeside(c) + " No distinct-site modifier is needed for it."));
        }
        Set<String> asked = new LinkedHashSet<>();
        for (Object o : tree.steps()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> step = (Map<String, Object>) o;
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> alts = (List<Map<String, Object>>) (List<?>) step.get("alternatives");
            for (Map<String, Object> a : alts) {
                String other = (String) a.get("code");
                if (other.isEmpty() || other.equals(c.code()) || !asked.add(other)) continue;
                Code oc = reference.codes().get(other);
                if (oc == null || !Objects.equals(oc.family(), c.family())) continue;
                out.add(qa(c.code() + " or " + other + "?",
                        c.code() + " reports " + reports(c) + "; " + other + " reports " + reports(oc) + "."));
            }
        }
        Mue p = mue(base, c.code(), MueSetting.PRACTITIONER), o = mue(base, c.code(), MueSetting.OUTPATIENT);
        List<String> differ = new ArrayList<>();
        for (Policy pol : payerPolicies) {
            if (pol == base) continue;
            Mue pp = mue(pol, c.code(), MueSetting.PRACTITIONER), po = mue(pol, c.code(), MueSetting.OUTPATIENT);
            if (!mueWords(pp).equals(mueWords(p)) || !mueWords(po).equals(mueWords(o))) {
                differ.add(pol.id() + " (" + mueWords(pp) + " practitioner, " + mueWords(po) + " outpatient)");
            }
            var r = pol.rulesFor(c.code());
            if (r != null && r.audit() != null) differ.add(pol.id() + " reviews claims above " + r.audit().units() + " units");
            if (r != null && r.authorization() != null) differ.add(pol.id() + " holds the units to the prior authorization");
        }
        out.add(qa("How many units of " + c.code() + " can one claim carry?",
                (c.unit() == null ? "" : "One unit per " + Words.unit(c.unit()) + ". ")
                        + "The Medicare baseline allows " + mueWords(p) + " (practitioner) and " + mueWords(o) + " (outpatient hospital)."
                        + (differ.isEmpty() ? " No payer here changes that." : " Payers that differ: " + String.join("; ", differ) + ".")));
        Family f = c.family() == null ? null : family(c.family());
        int top = reference.families().values().stream().mapToInt(Family::rank).min().orElse(Integer.MAX_VALUE);
        if (f != null && f.rank() == top && c.addOn()) {
            List<String> others = new ArrayList<>();
            for (Family g : reference.families().values()) {
                if (g == f) continue;
                Code alt = first(x -> g.id().equals(x.family()) && x.method() == c.method() && x.role() == c.role());
                if (alt != null) others.add(alt.code() + " (" + g.title().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            out.add(qa("Do pre-medications or hydration count toward " + c.code() + "?",
                    "No. Only drugs of the " + f.title().toLowerCase(java.util.Locale.ROOT) + " family do. "
                            + (others.isEmpty() ? "Other drugs take the codes of their own family."
                            : "Given the same way, other drugs take " + Words.or(others) + ".")));
        }
        if (c.onlyIn() != null) {
            Setting other = c.onlyIn() == Setting.FACILITY ? Setting.PROFESSIONAL : Setting.FACILITY;
            out.add(qa("Can " + c.code() + " be billed in the " + other.id() + " setting?",
                    "No. The hierarchy allows it only in the " + c.onlyIn().id() + " setting."));
        }
        return out;
    }

    private static Map<String, Object> qa(String q, String a) {
        return Model.map("question", q, "answer", a);
    }

    private List<Object> codeExamples(String code) {
        List<Object> out = new ArrayList<>();
        for (WorkedExamples.Example e : examples) if (e.bills(code)) out.add(WorkedExamples.view(e, code, pageCodes));
        return out;
    }

    private Map<String, Object> review(Code c) {
        List<Object> layers = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        if (c.provenance() != null && c.provenance().citation() != null) sources.add(c.provenance().citation());
        Set<String> triggers = new LinkedHashSet<>();
        for (String id : reference.layers()) {
            Policy p = set.policy(id);
            if (p == null) continue;
            layers.add(policyRef(p));
            if (p.meta() != null) {
                sources.addAll(p.meta().sources());
                triggers.addAll(p.meta().updateTriggers());
            }
        }
        for (Policy p : payerPolicies) {
            var r = p.rulesFor(c.code());
            if (r == null) continue;
            for (Provenance pr : new Provenance[]{r.authorization() == null ? null : r.authorization().provenance(),
                    r.audit() == null ? null : r.audit().provenance()}) {
                if (pr != null && pr.citation() != null) sources.add(pr.citation());
            }
        }
        return Model.map("layers", layers, "sources", List.copyOf(sources), "triggers", List.copyOf(triggers));
    }

    // ------------------------------------------------------------------ policy page (a payer or a plan)

    private Map<String, Object> policyPage(Policy p) {
        Policy parent = p.parent() == null ? null : set.policy(p.parent());
        Map<String, PolicyItems.Item> before = parent == null ? Map.of() : PolicyItems.of(parent);
        List<PolicyDiff.Change> changes = PolicyDiff.between(before, PolicyItems.of(p), layer -> layer.equals(p.id()));
        List<Object> rows = changeRows(changes);
        List<Object> layers = new ArrayList<>();
        for (String id : p.layers()) {
            Policy l = set.policy(id);
            layers.add(l == null ? Model.map("id", id, "file", Model.file(id), "title", id) : policyRef(l));
        }
        List<Object> children = new ArrayList<>();
        for (Policy o : set.policies().values()) if (p.id().equals(o.parent())) children.add(policyRef(o));
        Set<String> codes = new TreeSet<>();
        for (PolicyDiff.Change ch : changes) {
            String subject = ch.subject().split(" ")[0];
            if (pageCodes.contains(subject) || ch.subject().startsWith("allowed on ")
                    && pageCodes.contains(ch.subject().substring("allowed on ".length()))) {
                codes.add(pageCodes.contains(subject) ? subject : ch.subject().substring("allowed on ".length()));
            }
        }
        var meta = p.meta();
        Map<String, Object> m = policyRef(p);
        m.putAll(Model.map("root", "../", "pageTitle", title(p),
                "summary", meta == null || meta.summary() == null ? "" : meta.summary(),
                "extends", p.parent() == null ? "" : p.parent(), "extendsFile", p.parent() == null ? "" : Model.file(p.parent()),
                "from", p.effectiveFrom().toString(), "through", p.effectiveThrough() == null ? "" : p.effectiveThrough().toString(),
                "declaredAt", Model.where(p.source()),
                "sources", meta == null ? List.of() : meta.sources(),
                "triggers", meta == null ? List.of() : meta.updateTriggers(),
                "layers", layers, "children", children, "changes", rows, "codes", codeRefs(List.copyOf(codes)),
                "isRoot", parent == null));
        return m;
    }

    /** Rows of a change table; shared with the change report. */
    static List<Object> changeRows(List<PolicyDiff.Change> changes) {
        List<Object> rows = new ArrayList<>();
        for (PolicyDiff.Change ch : changes) {
            List<Object> fields = new ArrayList<>();
            for (PolicyDiff.FieldChange f : ch.fields()) {
                fields.add(Model.map("field", f.field(), "before", f.before() == null ? "" : f.before(),
                        "after", f.after() == null ? "" : f.after(), "hasBefore", f.before() != null, "hasAfter", f.after() != null));
            }
            String kind = switch (ch.kind()) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                case CHANGED -> "changed";
            };
            Provenance below = ch.before();
            rows.add(Model.map("kind", kind, "section", ch.section(), "subject", ch.subject(), "fields", fields,
                    "source", Model.where(ch.where()), "citation", Model.citation(ch.where()),
                    "before", below == null ? "" : below.layer() + " at " + Model.where(below)));
        }
        return rows;
    }
}
