package org.pplc.runtime.derive;

import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.engine.Texts;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Family;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.model.TimeRule;
import org.pplc.runtime.model.UnitBasis;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Suggest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The coding of one visit under one policy. Working state lives only for one {@link #derive()} call:
 * the administrations are resolved (family, method, minutes), the initial service is chosen, every
 * other administration is coded against what came before it on the same line, and the drug lines
 * are counted from the doses.
 */
final class VisitCoding {
    /** The family whose services must run longer than the hydration time rule to be reported. */
    static final String HYDRATION = "hydration";
    /** HCPCS modifiers for single-dose containers: amount discarded, nothing discarded. */
    static final String DISCARDED = "JW";
    static final String NONE_DISCARDED = "JZ";

    private static final int PUSH_UP_TO = 15;
    private static final int ADDITIONAL_HOUR_AFTER = 30;
    private static final int HYDRATION_AFTER = 30;
    /** A pump start (96416) is a prolonged infusion: more than 8 hours. Fallback when a policy sets no 'pump after'. */
    private static final int PUMP_AFTER = 8 * 60;

    /** An administration as derive understands it: family, method and minutes resolved. */
    private record Given(int index, Administration record, String name, Family family, Method method, Long minutes,
                         String site, String resolved) {
        LocalDateTime start() {
            return record.start();
        }

        LocalDateTime end() {
            return record.end();
        }

        /** Same drug: same HCPCS when both have one, else the same name. */
        boolean sameDrug(Given other) {
            if (record.hcpcs() != null && other.record.hcpcs() != null) {
                return record.hcpcs().equalsIgnoreCase(other.record.hcpcs());
            }
            return name.equalsIgnoreCase(other.name);
        }

        boolean overlaps(Given other) {
            return start() != null && end() != null && other.start() != null && other.end() != null
                    && start().isBefore(other.end()) && other.start().isBefore(end());
        }
    }

    /** A line being built; contributions of the same code and modifiers merge into one. */
    private static final class Draft {
        final Code code;
        final String hcpcs;
        final List<String> modifiers;
        final long order;
        /** Why, per contribution: the administration's name and the sentence about it. */
        final List<String[]> because = new ArrayList<>();
        int units;

        Draft(Code code, String hcpcs, List<String> modifiers, long order) {
            this.code = code;
            this.hcpcs = hcpcs;
            this.modifiers = List.copyOf(modifiers);
            this.order = order;
        }
    }

    private record LineKey(String code, List<String> modifiers) {
    }

    private final PolicySet policies;
    private final Policy policy;
    private final Claim visit;
    private final Setting setting;
    private final Hierarchy hierarchy;
    private final int pushUpTo;
    private final int hourAfter;
    private final int hydrationAfter;
    private final int pumpAfter;

    private final List<String> notes = new ArrayList<>();
    private final Map<LineKey, Draft> drafts = new LinkedHashMap<>();
    private final List<Given> coded = new ArrayList<>();
    private Given initial;
    private int contribution;

    VisitCoding(PolicySet policies, Policy policy, Claim visit) {
        this.policies = policies;
        this.policy = policy;
        this.visit = visit;
        this.setting = visit.setting();
        this.hierarchy = new Hierarchy(policy);
        this.pushUpTo = policy.time(TimeRule.Kind.PUSH_UP_TO_MINUTES, PUSH_UP_TO);
        this.hourAfter = policy.time(TimeRule.Kind.ADDITIONAL_HOUR_AFTER_MINUTES, ADDITIONAL_HOUR_AFTER);
        this.hydrationAfter = policy.time(TimeRule.Kind.HYDRATION_AFTER_MINUTES, HYDRATION_AFTER);
        this.pumpAfter = policy.time(TimeRule.Kind.PUMP_AFTER_MINUTES, PUMP_AFTER);
    }

    Derivation derive() {
        List<Given> given = new ArrayList<>();
        List<Administration> records = visit.administrations();
        for (int i = 0; i < records.size(); i++) {
            Given g = resolve(i, records.get(i));
            if (g != null) given.add(g);
        }

        List<Given> ivCandidates = given.stream().filter(this::canBeInitial).toList();
        initial = chooseVisitInitial(ivCandidates);
        if (initial != null) {
            codeInitial(initial, initialReason(initial), List.of());
            secondSites(ivCandidates);
        }

        // by position, not by value: two identical records are two administrations
        Set<Integer> done = coded.stream().map(Given::index).collect(Collectors.toSet());
        List<Given> rest = given.stream().filter(g -> !done.contains(g.index()))
                .sorted(Comparator.comparing(Given::start, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingInt(Given::index))
                .toList();
        for (Given g : rest) {
            switch (g.method()) {
                case INJECTION -> codeInjection(g);
                case PUMP -> codePump(g);
                case REFILL -> codeRefill(g);
                case INFUSION -> codeLaterInfusion(g);
                case PUSH -> codeLaterPush(g);
            }
            coded.add(g);
        }

        drugLines();
        checkAddOnPrimaries();

        List<Draft> ordered = new ArrayList<>(drafts.values());
        ordered.sort(Comparator.comparingLong(d -> d.order));
        List<ClaimLine> lines = new ArrayList<>();
        for (Draft d : ordered) {
            lines.add(new ClaimLine(lines.size() + 1, d.hcpcs, d.units, d.modifiers, null, because(d)));
        }
        Claim claim = new Claim(visit.id(), visit.payer(), visit.plan(), setting, visit.placeOfService(),
                visit.dateOfService(), lines, visit.authorizations(), visit.administrations(), visit.patient(), visit.provider());
        return new Derivation.Derived(claim, policy.id(), notes);
    }

    // ---- resolving one administration ------------------------------------------------------------

    private Given resolve(int index, Administration a) {
        String name = a.drug() != null ? a.drug() : a.hcpcs() != null ? a.hcpcs() : "administration " + (index + 1);
        String what = "administration " + (index + 1) + " (" + name + ")";
        List<String> resolved = new ArrayList<>();

        Drug drug = a.hcpcs() == null ? null : policy.drugs().get(a.hcpcs());
        String category = a.category();
        if (drug != null && drug.category() != null && payerLayer(drug) != null
                && category != null && !category.equals(drug.category())) {
            resolved.add("policy " + drug.provenance().layer() + " classifies " + a.hcpcs() + " as " + drug.category()
                    + " (the record said " + category + ")");
            category = drug.category();
        } else if (category == null && drug != null && drug.category() != null) {
            category = drug.category();
            resolved.add("the drug table lists " + a.hcpcs() + " as " + category);
        } else if (category != null && drug != null && drug.category() != null && !category.equals(drug.category())) {
            notes.add(what + ": the record says " + category + " while the drug table lists " + a.hcpcs() + " as "
                    + drug.category() + "; coded as " + category + " as recorded");
        }
        if (category == null) {
            notes.add(what + ": no category recorded and " + (a.hcpcs() == null ? "no HCPCS code"
                    : a.hcpcs() + " is not in the drug table") + ": no administration code derived");
            return null;
        }
        Family family = policy.families().get(category);
        if (family == null) {
            notes.add(what + ": category '" + category + "' is not a family of the hierarchy"
                    + Suggest.didYouMean(category, policy.families().keySet()) + ": no administration code derived");
            return null;
        }
        // an Administration always has its method (ClaimSchema): the record reader and the constructor refuse one without

        Long minutes = null;
        if (a.start() != null && a.end() != null) {
            minutes = Duration.between(a.start(), a.end()).toMinutes();
            if (minutes < 0) {
                notes.add(what + ": ends (" + a.end() + ") before it starts (" + a.start()
                        + "): no administration code derived");
                return null;
            }
        }
        Method method = a.method();
        if ((method == Method.PUSH || method == Method.INFUSION) && minutes != null) {
            Method byTime = minutes <= pushUpTo ? Method.PUSH : Method.INFUSION;
            if (byTime != method) {
                resolved.add("recorded as " + method.id() + ", but " + minutes + " minutes is "
                        + (byTime == Method.PUSH ? "a push (" + pushUpTo + " minutes or less)"
                        : "an infusion (more than " + pushUpTo + " minutes)"));
                method = byTime;
            }
        }
        if (method == Method.PUMP && TimeRule.PUMP_AFTER_FAMILY.equals(family.id())) {
            if (minutes == null) {
                notes.add(what + ": " + (a.start() == null ? "no start and end times" : "no end time")
                        + ": coded as a pump start (a prolonged infusion of more than " + span(pumpAfter)
                        + "), but its length could not be checked");
            } else if (minutes <= pumpAfter) {
                // not a prolonged infusion: coded by its time like any other, additional hours and all
                Method byTime = minutes <= pushUpTo ? Method.PUSH : Method.INFUSION;
                resolved.add("recorded as pump, but " + minutes + " minutes is not more than " + span(pumpAfter)
                        + ": coded as " + (byTime == Method.PUSH ? "a push" : "an infusion"));
                method = byTime;
            }
        }

        if (HYDRATION.equals(family.id())) {
            if (minutes == null) {
                notes.add(what + ": hydration without start and end times cannot be shown to run more than "
                        + hydrationAfter + " minutes: not billed");
                return null;
            }
            if (minutes <= hydrationAfter) {
                notes.add(what + ": hydration of " + minutes + " minutes is not reported (it must run more than "
                        + hydrationAfter + " minutes): not billed");
                return null;
            }
        }
        if ((method == Method.INFUSION) && minutes == null) {
            notes.add(what + ": no start and end times: coded as an infusion, but its additional hours cannot be counted");
        }
        return new Given(index, a, name, family, method, minutes, a.site(),
                resolved.isEmpty() ? null : String.join(", ", resolved));
    }

    /** The payer policy that set a drug-table entry, or null when the core (no payer) set it. */
    private Policy payerLayer(Drug drug) {
        if (drug.provenance() == null || drug.provenance().layer() == null) return null;
        Policy layer = policies.policy(drug.provenance().layer());
        return layer != null && layer.payer() != null ? layer : null;
    }

    // ---- the initial service ----------------------------------------------------------------------

    /** IV services (push, infusion) whose family and method have an initial code billable in the setting. */
    private boolean canBeInitial(Given g) {
        if (g.method() != Method.PUSH && g.method() != Method.INFUSION) return false;
        Code c = hierarchy.find(g.family().id(), g.method(), Role.INITIAL, setting);
        return c != null && allowedHere(c);
    }

    private Comparator<Given> hierarchyOrder() {
        return Comparator.comparingInt((Given g) -> g.family().rank())
                .thenComparingInt(g -> methodRank(g.method()))
                .thenComparing(Given::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(Given::index);
    }

    private static int methodRank(Method m) {
        return switch (m) {
            case INFUSION -> 0;
            case PUSH -> 1;
            case INJECTION -> 2;
            case PUMP -> 3;
            case REFILL -> 4;
        };
    }

    private InitialCodeRule.Order initialOrder() {
        InitialCodeRule rule = policy.initialCodeRules().get(setting);
        return rule == null ? InitialCodeRule.Order.HIERARCHY : rule.order();
    }

    private Given chooseVisitInitial(List<Given> candidates) {
        if (candidates.isEmpty()) return null;
        if (initialOrder() == InitialCodeRule.Order.PRIMARY_REASON) {
            List<Given> marked = candidates.stream().filter(g -> g.record().primary()).toList();
            if (marked.size() > 1) {
                notes.add("more than one administration is marked primary ("
                        + marked.stream().map(Given::name).collect(Collectors.joining(", "))
                        + "): the first one, " + marked.get(0).name() + ", is the initial service");
            }
            if (!marked.isEmpty()) return marked.get(0);
            boolean markedElsewhere = visit.administrations().stream().anyMatch(Administration::primary);
            notes.add(markedElsewhere
                    ? "the administration marked primary cannot take an initial code (only an IV push or infusion"
                    + " can): the hierarchy order chose the initial service"
                    : "no administration is marked primary (the main reason for the visit): the hierarchy order chose the initial service");
        }
        return candidates.stream().min(hierarchyOrder()).orElseThrow();
    }

    private String initialReason(Given g) {
        String service = g.family().id() + " " + g.method().id();
        if (initialOrder() == InitialCodeRule.Order.PRIMARY_REASON && g.record().primary()) {
            return g.name() + " is the main reason for the visit (marked primary; the " + setting.id()
                    + " setting reports that service as the initial one): initial " + service;
        }
        return g.name() + " is the initial service: " + service + " comes first in the hierarchy ("
                + familyOrder() + "; infusion > push > injection), whatever the order given";
    }

    private String familyOrder() {
        return policy.families().values().stream().sorted(Comparator.comparingInt(Family::rank))
                .map(Family::id).collect(Collectors.joining(" > "));
    }

    /** Each IV site other than the initial's gets its own initial service, with the second-initial modifier. */
    private void secondSites(List<Given> candidates) {
        Map<String, List<Given>> bySite = new LinkedHashMap<>();
        for (Given g : candidates) {
            if (g.site() != null && initial.site() != null && !g.site().equals(initial.site())) {
                bySite.computeIfAbsent(g.site(), s -> new ArrayList<>()).add(g);
            }
        }
        ModifierRule.SecondInitial rule = policy.secondInitialModifiers();
        for (Map.Entry<String, List<Given>> site : bySite.entrySet()) {
            Given first = site.getValue().stream().min(hierarchyOrder()).orElseThrow();
            List<String> modifiers;
            String modifierWords;
            if (rule == null || rule.modifiers().isEmpty()) {
                modifiers = List.of();
                modifierWords = "the policy names no modifier for a second initial code, so none is added";
                notes.add(first.name() + " opened a second IV site, but policy " + policy.id()
                        + " names no modifier for a second initial code: a payer may deny the second initial code");
            } else {
                modifiers = List.of(rule.modifiers().get(0));
                modifierWords = "modifier " + rule.modifiers().get(0) + " marks the separate site";
            }
            codeInitial(first, first.name() + " went in through a separate IV site (" + site.getKey()
                    + "; the initial service used " + initial.site() + "): a second initial "
                    + first.family().id() + " " + first.method().id() + ", " + modifierWords, modifiers);
        }
    }

    private void codeInitial(Given g, String why, List<String> modifiers) {
        Code c = hierarchy.find(g.family().id(), g.method(), Role.INITIAL, setting);
        add(c, 1, modifiers, g, why);
        coded.add(g);
        if (g.method() == Method.INFUSION) addHours(g, Method.INFUSION);
    }

    // ---- everything after the initial service ---------------------------------------------------

    private void codeInjection(Given g) {
        Code c = hierarchy.find(g.family().id(), Method.INJECTION, Role.INITIAL, setting);
        if (c == null) {
            notes.add(g.name() + ": the " + g.family().id() + " family has no injection code: not billed");
            return;
        }
        add(c, 1, List.of(), g, g.name() + ": " + g.family().id() + " injection (SC/IM), one unit per injection");
    }

    private void codePump(Given g) {
        String family = g.family().id();
        Code c = hierarchy.find(family, Method.PUMP, Role.PUMP_START, setting);
        if (c == null) {
            notes.add(g.name() + ": the " + family + " family has no code for starting a pump infusion: not billed");
            return;
        }
        if (TimeRule.PUMP_AFTER_FAMILY.equals(family)) {
            // 96416: one start a visit, whatever the pump runs after the patient leaves
            add(c, 1, List.of(), g, g.name() + ": prolonged infusion started on a portable or implantable pump"
                    + (g.minutes() == null ? "" : " (" + hours(g.minutes()) + ")"));
            return;
        }
        // Any other family's pump start (96369, a subcutaneous infusion) covers the set-up and the first
        // hour; a second set-up at the visit is its own code (96371), and each takes its further hours (96370).
        Given earlier = coded.stream().filter(o -> o.method() == Method.PUMP && o.family().id().equals(family))
                .findFirst().orElse(null);
        Code again = earlier == null ? null : hierarchy.findExact(family, Method.PUMP, Role.REPEAT, setting);
        if (again != null) {
            add(again, 1, List.of(), g, g.name() + ": a further pump set-up at the visit (the first was "
                    + earlier.name() + "), with its first hour");
        } else {
            add(c, 1, List.of(), g, g.name() + ": pump set up and infusion started"
                    + (g.minutes() == null ? "" : " (" + hours(g.minutes()) + ")") + ", with its first hour");
        }
        addHours(g, Method.PUMP);
    }

    /** A pump already in place refilled or maintained: the pump's refill code, one unit per refill. */
    private void codeRefill(Given g) {
        Code c = hierarchy.find(g.family().id(), Method.PUMP, Role.REFILL, setting);
        if (c == null) {
            notes.add(g.name() + ": the " + g.family().id() + " family has no code for refilling a pump: not billed");
            return;
        }
        add(c, 1, List.of(), g, g.name() + ": pump already in place refilled and maintained (one unit per "
                + (c.unit() == null ? "refill" : c.unit().id()) + ")");
    }

    private void codeLaterInfusion(Given g) {
        String family = g.family().id();
        Given alongside = coded.stream()
                .filter(o -> o.method() == Method.INFUSION && sameLine(o, g) && o.overlaps(g))
                .findFirst().orElse(null);
        if (alongside != null) {
            Code c = hierarchy.find(family, Method.INFUSION, Role.CONCURRENT, setting);
            if (c == null) {
                notes.add(g.name() + " ran alongside " + alongside.name() + ", and the " + family
                        + " family has no code for a concurrent infusion: not billed");
                return;
            }
            add(c, 1, List.of(), g, g.name() + " ran alongside " + alongside.name() + ": concurrent infusion");
            return;
        }
        Given sameDrug = coded.stream().filter(o -> o.method() == Method.INFUSION && sameLine(o, g) && o.sameDrug(g))
                .findFirst().orElse(null);
        if (sameDrug != null) {
            notes.add(g.name() + " was infused again on the same line: not a new drug, so no sequential infusion code;"
                    + " its time is not billed separately");
            return;
        }
        String previous = previousOnLine(g);
        Code seq = hierarchy.find(family, Method.INFUSION, Role.SEQUENTIAL, setting);
        if (seq != null) {
            add(seq, 1, List.of(), g, g.name() + " followed " + previous
                    + " on the same line: sequential infusion of a new drug (up to an hour)");
            addHours(g, Method.INFUSION);
            return;
        }
        // A family without a sequential code (hydration) bills a later infusion by its hours.
        Code hour = hierarchy.find(family, Method.INFUSION, Role.ADDITIONAL_HOUR, setting);
        if (hour != null && g.minutes() != null) {
            int units = (int) (g.minutes() / 60 + (g.minutes() % 60 > hourAfter ? 1 : 0));
            if (units == 0) {
                notes.add(g.name() + " ran " + g.minutes() + " minutes after " + previous
                        + ": too short for an hour of " + family + " (more than " + hourAfter + " minutes): not billed");
                return;
            }
            add(hour, units, List.of(), g, g.name() + " ran " + g.minutes() + " minutes after " + previous + ": "
                    + family + " after another service is billed by the hour, " + units + " hour" + plural(units)
                    + " (an hour counts when more than " + hourAfter + " minutes of it were used)");
            return;
        }
        notes.add(g.name() + ": the " + family + " family has no code for an infusion after another service: not billed");
    }

    private void codeLaterPush(Given g) {
        String family = g.family().id();
        Given earlier = coded.stream().filter(o -> o.method() == Method.PUSH && o.sameDrug(g)).findFirst().orElse(null);
        if (earlier != null) {
            Code c = hierarchy.find(family, Method.PUSH, Role.REPEAT, setting);
            if (c == null) {
                notes.add(g.name() + " was pushed again, and the " + family
                        + " family has no code for a repeat push of the same drug: not billed");
                return;
            }
            add(c, 1, List.of(), g, g.name() + " was pushed again" + (earlier.start() == null ? ""
                    : " (first push at " + earlier.start().toLocalTime() + ")") + ": repeat push of the same drug");
            return;
        }
        Code c = hierarchy.find(family, Method.PUSH, Role.SEQUENTIAL, setting);
        if (c == null) {
            notes.add(g.name() + ": the " + family + " family has no code for a push after another service: not billed");
            return;
        }
        add(c, 1, List.of(), g, g.name() + ": " + family + " push of a new drug, added to the initial service"
                + (initial == null ? "" : " (" + initial.name() + ")"));
    }

    /** Both on the same IV line: the same site, an unrecorded site counting as the initial's. */
    private boolean sameLine(Given a, Given b) {
        String home = initial == null ? null : initial.site();
        return Objects.equals(a.site() != null ? a.site() : home, b.site() != null ? b.site() : home);
    }

    private String previousOnLine(Given g) {
        return coded.stream()
                .filter(o -> sameLine(o, g) && o.end() != null && g.start() != null && !o.end().isAfter(g.start()))
                .max(Comparator.comparing(Given::end)).map(Given::name)
                .orElse(initial != null && sameLine(initial, g) ? initial.name() : "an earlier service");
    }

    /**
     * Additional hours of an infusion (IV, or on a pump): each hour past the first that used more than
     * the time rule's minutes. A pump's hours take only a code written for pumps (96370): an IV hour
     * code (96415) never stands in for them.
     */
    private void addHours(Given g, Method method) {
        if (g.minutes() == null) return;
        long beyond = g.minutes() - 60;
        if (beyond <= 0) return;
        int units = (int) (beyond / 60 + (beyond % 60 > hourAfter ? 1 : 0));
        if (units == 0) return;
        boolean pump = method == Method.PUMP;
        Code c = pump ? hierarchy.findExact(g.family().id(), Method.PUMP, Role.ADDITIONAL_HOUR, setting)
                : hierarchy.find(g.family().id(), Method.INFUSION, Role.ADDITIONAL_HOUR, setting);
        String ran = g.name() + " ran " + g.minutes() + " minutes" + (pump ? " on the pump" : "");
        if (c == null) {
            notes.add(ran + ", but the " + g.family().id() + " family has no additional-hour code"
                    + (pump ? " for pump infusions" : "") + ": the time past the first hour is not billed");
            return;
        }
        add(c, units, List.of(), g, ran + ": " + units + " additional hour" + plural(units)
                + " past the first (an hour counts when more than " + hourAfter + " minutes of it were used)");
    }

    // ---- drug lines ---------------------------------------------------------------------------------

    private void drugLines() {
        Map<String, List<Administration>> byHcpcs = new LinkedHashMap<>();
        List<Administration> records = visit.administrations();
        for (int i = 0; i < records.size(); i++) {
            Administration a = records.get(i);
            if (a.dose() == null) continue;
            if (a.hcpcs() == null) {
                notes.add("administration " + (i + 1) + " (" + a.drug() + ") has a dose but no HCPCS code: no drug line");
                continue;
            }
            byHcpcs.computeIfAbsent(a.hcpcs(), h -> new ArrayList<>()).add(a);
        }
        int ordinal = 0;
        for (Map.Entry<String, List<Administration>> e : byHcpcs.entrySet()) {
            drugLine(e.getKey(), e.getValue(), ordinal++);
        }
    }

    private void drugLine(String hcpcs, List<Administration> given, int ordinal) {
        String name = given.get(0).drug() != null ? given.get(0).drug() : hcpcs;
        Drug drug = policy.drugs().get(hcpcs);
        if (drug == null) {
            notes.add(hcpcs + " (" + name + ") is not in the drug table of policy " + policy.id()
                    + Suggest.didYouMean(hcpcs, policy.drugs().keySet()) + ": no drug line");
            return;
        }
        if (drug.unitAmount() == null || drug.unitOfMeasure() == null || drug.unitAmount().signum() <= 0) {
            notes.add(hcpcs + " (" + name + ") has no billing unit in the drug table: no drug line");
            return;
        }
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal discarded = BigDecimal.ZERO;
        List<String> parts = new ArrayList<>();
        for (Administration a : given) {
            Dose d = a.dose();
            if (d.unit() == null || !d.unit().equalsIgnoreCase(drug.unitOfMeasure())) {
                notes.add(name + " dose is in " + d.unit() + ", but " + hcpcs + " is billed per "
                        + plain(drug.unitAmount()) + " " + drug.unitOfMeasure() + ": no drug line (give the dose in "
                        + drug.unitOfMeasure() + ")");
                return;
            }
            amount = amount.add(d.amount());
            parts.add(plain(d.amount()) + " " + drug.unitOfMeasure());
            if (d.discarded() != null) discarded = discarded.add(d.discarded());
        }
        int units = amount.divide(drug.unitAmount(), 0, RoundingMode.CEILING).intValueExact();
        if (units < 1) {
            notes.add(name + ": a dose of " + plain(amount) + " " + drug.unitOfMeasure() + " gives no billing unit: no drug line");
            return;
        }
        String counted = name + " " + String.join(" + ", parts)
                + (parts.size() > 1 ? " = " + plain(amount) + " " + drug.unitOfMeasure() : "")
                + " at " + plain(drug.unitAmount()) + " " + drug.unitOfMeasure() + " a unit: " + units + " unit" + plural(units)
                + (amount.remainder(drug.unitAmount()).signum() == 0 ? "" : " (rounded up)");
        long order = 1_000_000L + ordinal * 10L;
        ModifierRule.DrugLine rule = policy.drugLineModifiers();
        if (!drug.singleDose() || rule == null || rule.modifiers().isEmpty()) {
            addDrugLine(hcpcs, units, List.of(), order, counted + (drug.singleDose()
                    ? "; policy " + policy.id() + " asks for no discarded-drug modifier" : ""));
            return;
        }
        List<String> allowed = rule.modifiers();
        if (discarded.signum() > 0) {
            if (!allowed.contains(DISCARDED)) {
                notes.add(name + ": " + plain(discarded) + " " + drug.unitOfMeasure() + " discarded, but policy "
                        + policy.id() + " lists no " + DISCARDED + " modifier (it takes " + String.join(", ", allowed)
                        + "): the discarded amount is not billed");
                addDrugLine(hcpcs, units, List.of(), order, counted);
                return;
            }
            int total = amount.add(discarded).divide(drug.unitAmount(), 0, RoundingMode.CEILING).intValueExact();
            addDrugLine(hcpcs, units, List.of(), order, counted + "; the amount given, without a modifier");
            if (total > units) {
                addDrugLine(hcpcs, total - units, List.of(DISCARDED), order + 1, name + ": " + plain(discarded) + " "
                        + drug.unitOfMeasure() + " of the single-dose container discarded: " + (total - units) + " unit"
                        + plural(total - units) + " with " + DISCARDED + " (drug discarded)");
            }
            return;
        }
        String modifier = allowed.contains(NONE_DISCARDED) ? NONE_DISCARDED : allowed.get(0);
        String why = given.stream().anyMatch(a -> a.dose().discarded() != null)
                ? "the record says none was discarded"
                : "the record states no discarded amount, so none is assumed";
        addDrugLine(hcpcs, units, List.of(modifier), order, counted + "; single-dose container and " + why + ": "
                + modifier + (modifier.equals(NONE_DISCARDED) ? " (nothing discarded)" : ""));
    }

    private void addDrugLine(String hcpcs, int units, List<String> modifiers, long order, String because) {
        Draft d = drafts.computeIfAbsent(new LineKey(hcpcs, modifiers), k -> new Draft(null, hcpcs, modifiers, order));
        d.units += units;
        d.because.add(new String[] {"", because});
    }

    // ---- lines ------------------------------------------------------------------------------------

    private boolean allowedHere(Code c) {
        return c.onlyIn() == null || c.onlyIn() == setting;
    }

    /**
     * Adds units of a code for an administration. Lines of the same code and modifiers merge; a code
     * counted per encounter stays at one unit. The initial's lines come first, then the others in the
     * order the administrations were recorded, so the claim reads like the chart.
     */
    private void add(Code c, int units, List<String> modifiers, Given g, String because) {
        if (!allowedHere(c)) {
            notes.add(because + ", but " + c.code() + " is billed in the " + c.onlyIn().id()
                    + " setting only: not billed in the " + setting.id() + " setting");
            return;
        }
        String text = g.resolved() == null ? because : because + " [" + g.name() + ": " + g.resolved() + "]";
        long order = (g == initial ? 0L : (g.index() + 1L) * 1000L) + contribution++;
        Draft d = drafts.computeIfAbsent(new LineKey(c.code(), modifiers),
                k -> new Draft(c, c.code(), modifiers, order));
        d.units = c.unit() == UnitBasis.ENCOUNTER ? 1 : d.units + units;
        d.because.add(new String[] {g.name(), text});
    }

    /**
     * The reasons of a line, with drugs that got it for the same reason named together:
     * "doxorubicin and vincristine: chemo push of a new drug, ...".
     */
    private static String because(Draft d) {
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (String[] c : d.because) {
            String prefix = c[0] + ": ";
            if (c[1].startsWith(prefix)) {
                byReason.computeIfAbsent(c[1].substring(prefix.length()), r -> new ArrayList<>()).add(c[0]);
            } else {
                byReason.computeIfAbsent(c[1], r -> new ArrayList<>());
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
            List<String> names = e.getValue().stream().distinct().toList();
            if (names.isEmpty()) {
                parts.add(e.getKey());
            } else {
                String who = names.size() == 1 ? names.get(0)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
                parts.add(who + ": " + e.getKey());
            }
        }
        return String.join("; ", parts);
    }

    /** An add-on derived without any of its primaries would be denied as billed alone: say so now. */
    private void checkAddOnPrimaries() {
        Set<String> standalone = new LinkedHashSet<>();
        for (Draft d : drafts.values()) if (d.code != null && !d.code.addOn()) standalone.add(d.code.code());
        for (Draft d : drafts.values()) {
            if (d.code == null || !d.code.addOn() || d.code.primaries().isEmpty()) continue;
            if (d.code.primaries().stream().noneMatch(standalone::contains)) {
                notes.add(d.code.code() + " is an add-on of " + String.join(", ", d.code.primaries())
                        + ", none of which this visit's initial service gives"
                        + (standalone.isEmpty() ? "" : " (" + String.join(", ", standalone) + ")")
                        + ": a payer will deny it as billed alone");
            }
        }
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }

    /** A threshold in the words a coder uses: "8 hours", "450 minutes". */
    private static String span(int minutes) {
        return minutes % 60 == 0 && minutes > 0 ? minutes / 60 + " hour" + plural(minutes / 60) : minutes + " minutes";
    }

    private static String hours(long minutes) {
        long h = minutes / 60;
        long m = minutes % 60;
        return h == 0 ? m + " minutes" : h + " h" + (m == 0 ? "" : " " + m + " min");
    }
}
