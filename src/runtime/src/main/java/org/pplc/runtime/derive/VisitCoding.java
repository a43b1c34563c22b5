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
 * the administrations are resolved (family, method, minutes) and gathered into services (the pieces of
 * one drug's infusion are one service; all hydration is one service, timed by its minutes outside other
 * infusions), the initial service is chosen, every other service is coded against the others, and the
 * drug lines are counted from the doses.
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
    /**
     * A push of the same drug again (96376) is not reported within 30 minutes of a reported push of that
     * drug (AMA CPT 2024, guidelines of 96376; NCCI Policy Manual, Chapter XI): such a push is part of it.
     */
    static final int REPEAT_PUSH_AFTER = 30;

    /** One period of an administration, by its record's position (0-based). */
    private record Piece(int index, LocalDateTime start, LocalDateTime end) {
        long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    /**
     * A service as derive codes it: one administration, or the pieces of one drug's infusion timed as one,
     * or all of the visit's hydration; family, method and minutes resolved. {@code index} is the first
     * record's position; {@code minutes} is the time that counts (for hydration: outside other infusions).
     */
    private record Given(int index, Administration record, List<Piece> pieces, String name, Family family,
                         Method method, Long minutes, String site, boolean primary, String resolved) {
        LocalDateTime start() {
            return pieces.isEmpty() ? record.start() : pieces.get(0).start();
        }

        LocalDateTime end() {
            if (pieces.isEmpty()) return record.end();
            LocalDateTime last = null;
            for (Piece p : pieces) if (last == null || p.end().isAfter(last)) last = p.end();
            return last;
        }

        /** Same drug: same HCPCS when both have one, else the same name. */
        boolean sameDrug(Given other) {
            if (record.hcpcs() != null && other.record.hcpcs() != null) {
                return record.hcpcs().equalsIgnoreCase(other.record.hcpcs());
            }
            return name.equalsIgnoreCase(other.name);
        }

        /** Whether any period of this service runs while a period of the other does. */
        boolean overlaps(Given other) {
            for (Piece a : pieces) {
                for (Piece b : other.pieces) {
                    if (a.start().isBefore(b.end()) && b.start().isBefore(a.end())) return true;
                }
            }
            return false;
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

    /** Notes that do not depend on which service is the initial one (resolution, the choice itself). */
    private final List<String> visitNotes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    // one coding of the visit around one initial service; reset by codeAround
    private final List<String> notes = new ArrayList<>();
    private final Map<LineKey, Draft> drafts = new LinkedHashMap<>();
    private final List<Given> coded = new ArrayList<>();
    /** Pushes billed so far (the initial push, 96375/96411, 96376): the 30-minute window of 96376 counts from them. */
    private final List<Given> reportedPushes = new ArrayList<>();
    private List<Given> services = List.of();
    private Given initial;
    /** The service the primary mark chose (its drug's highest service), or null. */
    private Given markedReason;
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
        List<Resolved> resolved = new ArrayList<>();
        List<Administration> records = visit.administrations();
        for (int i = 0; i < records.size(); i++) {
            Resolved r = resolve(i, records.get(i));
            if (r != null) resolved.add(r);
        }
        // nothing dropped silently: an administration derive cannot code makes the visit an error record
        if (!errors.isEmpty()) return new Derivation.Failed(visit.id(), String.join("; ", errors));
        services = services(resolved);

        List<Given> candidates = services.stream().filter(this::canBeInitial).toList();
        Given chosen = chooseVisitInitial(candidates);
        codeAround(chosen, candidates, chosen == null ? null : initialReason(chosen));
        if (chosen != null && choseByMark(chosen)) {
            // Professional: the marked reason stands unless its initial code cannot carry the add-ons the other
            // drugs need (96417 only with 96413; 96411 with 96409 or 96413): then the initial code that can.
            List<Draft> unmet = unmetAddOns();
            if (!unmet.isEmpty()) {
                Code markedCode = initialCode(chosen);
                Given carrier = null;
                for (Given c : candidates.stream().sorted(hierarchyOrder()).toList()) {
                    if (c == chosen) continue;
                    codeAround(c, candidates, carriedReason(c, chosen, markedCode, unmet));
                    if (unmetAddOns().isEmpty()) {
                        carrier = c;
                        break;
                    }
                }
                if (carrier == null) codeAround(chosen, candidates, initialReason(chosen));
            }
        }
        checkAddOnPrimaries();

        List<Draft> ordered = new ArrayList<>(drafts.values());
        ordered.sort(Comparator.comparingLong(d -> d.order));
        List<ClaimLine> lines = new ArrayList<>();
        for (Draft d : ordered) {
            lines.add(new ClaimLine(lines.size() + 1, d.hcpcs, d.units, d.modifiers, null, because(d)));
        }
        Claim claim = new Claim(visit.id(), visit.payer(), visit.plan(), setting, visit.placeOfService(),
                visit.dateOfService(), lines, visit.authorizations(), visit.administrations(), visit.patient(), visit.provider());
        List<String> all = new ArrayList<>(visitNotes);
        all.addAll(notes);
        return new Derivation.Derived(claim, policy.id(), all, warnings);
    }

    /** Codes the visit with this initial service (null: none), from scratch. */
    private void codeAround(Given chosen, List<Given> candidates, String why) {
        notes.clear();
        drafts.clear();
        coded.clear();
        reportedPushes.clear();
        contribution = 0;
        initial = chosen;
        if (initial != null) {
            codeInitial(initial, why, List.of());
            secondSites(candidates);
        }
        List<Given> rest = services.stream().filter(g -> !coded.contains(g)).sorted(clockOrder()).toList();
        for (Given g : rest) {
            switch (g.method()) {
                case INJECTION -> codeInjection(g);
                case PUMP -> codePump(g);
                case REFILL -> codeRefill(g);
                case INFUSION -> {
                    if (HYDRATION.equals(g.family().id())) codeHydration(g);
                    else codeLaterInfusion(g);
                }
                case PUSH -> codeLaterPush(g);
            }
            coded.add(g);
        }
        drugLines();
    }

    // ---- resolving one administration ------------------------------------------------------------

    /** One administration record with its family and times checked; its method is settled with its service. */
    private record Resolved(int index, Administration record, String name, Family family, Long minutes,
                            List<String> resolved) {
    }

    private Resolved resolve(int index, Administration a) {
        String name = a.drug() != null ? a.drug() : a.hcpcs() != null ? a.hcpcs() : "administration " + (index + 1);
        String what = "administration " + (index + 1) + " (" + name + ")";
        String field = "administrations[" + index + "]";
        String drugWords = a.drug() != null && a.hcpcs() != null ? a.drug() + ", " + a.hcpcs() : name;
        List<String> resolved = new ArrayList<>();

        if (a.start() != null && visit.dateOfService() != null && !a.start().toLocalDate().equals(visit.dateOfService())) {
            warnings.add(field + " (" + drugWords + "): given on " + a.start().toLocalDate()
                    + ", not on the visit's date of service " + visit.dateOfService()
                    + "; coded with this visit as recorded");
        }
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
            // the record's category wins (CONTRACT.md), but a coder must see the contradiction
            warnings.add(field + " (" + drugWords + "): the record says " + category + " while the drug table lists "
                    + a.hcpcs() + " as " + drug.category() + "; coded as " + category + ", as recorded");
        }
        if (category == null) {
            errors.add(field + ".category: " + drugWords + ": no category recorded, and " + (a.hcpcs() == null
                    ? "no HCPCS code to look it up by" : a.hcpcs() + " is not in the drug table of policy " + policy.id()
                    + sameNamedDrug(a.drug(), a.hcpcs()))
                    + "; give the category (" + Texts.or(List.copyOf(policy.families().keySet())) + ")");
            return null;
        }
        Family family = policy.families().get(category);
        if (family == null) {
            errors.add(field + ".category: " + drugWords + ": '" + category + "' is not a family of policy " + policy.id()
                    + Suggest.didYouMean(category, policy.families().keySet()));
            return null;
        }
        // an Administration always has its method (ClaimSchema): the record reader and the constructor refuse one without

        Long minutes = null;
        if (a.start() != null && a.end() != null) {
            // never negative: the claim schema refuses an end before its start (ClaimSchema.endBeforeStart)
            minutes = Duration.between(a.start(), a.end()).toMinutes();
        }
        if (a.method() == Method.PUMP && TimeRule.PUMP_AFTER_FAMILY.equals(family.id()) && minutes == null) {
            notes(what + ": " + (a.start() == null ? "no start and end times" : "no end time")
                    + ": coded as a pump start (a prolonged infusion of more than " + span(pumpAfter)
                    + "), but its length could not be checked");
        }
        if (HYDRATION.equals(family.id()) && minutes == null && (a.method() == Method.INFUSION || a.method() == Method.PUSH)) {
            notes(what + ": hydration without start and end times cannot be shown to run more than "
                    + hydrationAfter + " minutes: not billed");
            return null;
        }
        if (a.method() == Method.INFUSION && minutes == null) {
            notes(what + ": no start and end times: coded as an infusion, but its additional hours cannot be counted");
        }
        return new Resolved(index, a, name, family, minutes, resolved);
    }

    private void notes(String note) {
        visitNotes.add(note);
    }

    /** "did you mean" for a drug code goes by the drug's name, never by a code that merely looks alike. */
    private String sameNamedDrug(String name, String hcpcs) {
        if (name == null) return "";
        for (Drug d : policy.drugs().values()) {
            if (d.name() != null && d.name().equalsIgnoreCase(name.trim()) && !d.hcpcs().equalsIgnoreCase(hcpcs)) {
                return " (the drug table lists " + d.name() + " as " + d.hcpcs() + ")";
            }
        }
        return "";
    }

    /** The payer policy that set a drug-table entry, or null when the core (no payer) set it. */
    private Policy payerLayer(Drug drug) {
        if (drug.provenance() == null || drug.provenance().layer() == null) return null;
        Policy layer = policies.policy(drug.provenance().layer());
        return layer != null && layer.payer() != null ? layer : null;
    }

    // ---- services -----------------------------------------------------------------------------------

    /**
     * The visit's services. The same drug is one service: the timed pieces of one drug's IV infusion (an
     * infusion stopped and restarted, several bags) are timed as one, their minutes added, before the push
     * and additional-hour rules (AMA CPT 2024, drug administration guidelines). All hydration is one service
     * whose minutes are those not concurrent with another infusion, before, between and after them, added
     * over the visit (CPT Assistant, June 2007; NCCI Policy Manual, Chapter XI).
     */
    private List<Given> services(List<Resolved> resolved) {
        Map<String, List<Resolved>> infusions = new LinkedHashMap<>();
        List<Resolved> hydration = new ArrayList<>();
        List<Given> out = new ArrayList<>();
        for (Resolved r : resolved) {
            Method m = r.record().method();
            boolean hydrating = HYDRATION.equals(r.family().id());
            if (r.minutes() != null && (hydrating ? m == Method.INFUSION || m == Method.PUSH : infusionLike(r))) {
                if (hydrating) hydration.add(r);
                else infusions.computeIfAbsent(drugKey(r), k -> new ArrayList<>()).add(r);
            } else {
                out.add(single(r));
            }
        }
        for (List<Resolved> pieces : infusions.values()) out.add(infusion(pieces));
        if (!hydration.isEmpty()) {
            Given h = hydration(hydration, out);
            if (h != null) out.add(h);
        }
        out.sort(Comparator.comparingInt(Given::index));
        return List.copyOf(out);
    }

    /** A timed record that is an IV infusion: recorded so, a push too long to be one, a chemo pump too short to be a pump start. */
    private boolean infusionLike(Resolved r) {
        Method m = r.record().method();
        return m == Method.INFUSION || m == Method.PUSH && r.minutes() > pushUpTo
                || m == Method.PUMP && TimeRule.PUMP_AFTER_FAMILY.equals(r.family().id()) && r.minutes() <= pumpAfter;
    }

    private static String drugKey(Resolved r) {
        String drug = r.record().hcpcs() != null ? "hcpcs " + r.record().hcpcs().toUpperCase(java.util.Locale.ROOT)
                : "name " + r.name().toLowerCase(java.util.Locale.ROOT);
        return r.family().id() + " " + drug;
    }

    /** A service of one record as recorded: a push, an injection, a pump, a refill, or an infusion without times. */
    private Given single(Resolved r) {
        Method m = r.record().method();
        List<Piece> pieces = r.minutes() == null ? List.of() : List.of(new Piece(r.index(), r.record().start(), r.record().end()));
        return new Given(r.index(), r.record(), pieces, r.name(), r.family(), m, r.minutes(), r.record().site(),
                r.record().primary(), joined(r.resolved()));
    }

    /** The pieces of one drug's infusion as one service: its periods merged, its minutes those of the merged periods. */
    private Given infusion(List<Resolved> parts) {
        List<Resolved> byTime = parts.stream().sorted(Comparator.comparing((Resolved r) -> r.record().start())
                .thenComparing(r -> r.record().end()).thenComparingInt(Resolved::index)).toList();
        List<Piece> periods = merged(byTime.stream().map(r -> new Piece(r.index(), r.record().start(), r.record().end())).toList());
        long minutes = periods.stream().mapToLong(Piece::minutes).sum();
        Method method = minutes <= pushUpTo ? Method.PUSH : Method.INFUSION;
        Set<String> words = new LinkedHashSet<>();
        for (Resolved r : byTime) words.addAll(r.resolved());
        if (byTime.size() > 1) {
            words.add("given in " + byTime.size() + " pieces (" + byTime.stream().map(r -> period(r.record().start(), r.record().end()))
                    .collect(Collectors.joining(", ")) + "), timed as one service of " + minutes + " minutes");
        }
        for (Method recorded : byTime.stream().map(r -> r.record().method()).distinct().toList()) {
            if (recorded == method) continue;
            if (recorded == Method.PUMP) {
                words.add("recorded as pump, but " + minutes + " minutes is not more than " + span(pumpAfter)
                        + ": coded as " + (method == Method.PUSH ? "a push" : "an infusion"));
            } else {
                words.add("recorded as " + recorded.id() + ", but " + minutes + " minutes is "
                        + (method == Method.PUSH ? "a push (" + pushUpTo + " minutes or less)"
                        : "an infusion (more than " + pushUpTo + " minutes)"));
            }
        }
        Resolved first = parts.stream().min(Comparator.comparingInt(Resolved::index)).orElseThrow();
        return new Given(first.index(), first.record(), periods, first.name(), first.family(), method, minutes,
                byTime.get(0).record().site(), parts.stream().anyMatch(r -> r.record().primary()),
                words.isEmpty() ? null : String.join(", ", words));
    }

    /**
     * The visit's hydration as one service: its minutes are those outside every other infusion (an IV
     * infusion or a pump, on any site), added over all its periods. Null, with a note, when they are not
     * more than the hydration time rule: hydration of 30 minutes or less is not reported.
     */
    private Given hydration(List<Resolved> parts, List<Given> others) {
        List<Resolved> byTime = parts.stream().sorted(Comparator.comparing((Resolved r) -> r.record().start())
                .thenComparing(r -> r.record().end()).thenComparingInt(Resolved::index)).toList();
        List<Piece> periods = merged(byTime.stream().map(r -> new Piece(r.index(), r.record().start(), r.record().end())).toList());
        List<Piece> busy = new ArrayList<>();
        for (Given o : others) {
            if (o.method() == Method.INFUSION || o.method() == Method.PUMP) busy.addAll(o.pieces());
        }
        busy = merged(busy.stream().sorted(Comparator.comparing(Piece::start)).toList());
        long total = periods.stream().mapToLong(Piece::minutes).sum();
        long outside = 0;
        for (Piece p : periods) outside += p.minutes() - overlap(p, busy);
        Resolved first = parts.stream().min(Comparator.comparingInt(Resolved::index)).orElseThrow();
        String names = Texts.and(byTime.stream().map(Resolved::name).distinct().toList());
        String what = parts.size() == 1 ? "administration " + (first.index() + 1) + " (" + first.name() + ")" : names;
        String counted = (periods.size() > 1 ? "hydration in " + periods.size() + " periods ("
                + periods.stream().map(p -> period(p.start(), p.end())).collect(Collectors.joining(", ")) + "), "
                + total + " minutes in all" : "hydration of " + total + " minutes")
                + (outside == total ? "" : ", " + outside + " of them not alongside another infusion");
        if (outside <= hydrationAfter) {
            notes(what + ": " + (outside == total && periods.size() == 1 ? "" : counted + ": ") + "hydration of " + outside
                    + " minutes is not reported (it must run more than "
                    + hydrationAfter + " minutes" + (outside == total ? "" : " outside other infusions") + "): not billed");
            return null;
        }
        Set<String> words = new LinkedHashSet<>();
        for (Resolved r : byTime) words.addAll(r.resolved());
        if (periods.size() > 1 || outside != total) words.add(counted);
        return new Given(first.index(), byTime.get(0).record(), periods, names, first.family(), Method.INFUSION, outside,
                byTime.get(0).record().site(), parts.stream().anyMatch(r -> r.record().primary()),
                words.isEmpty() ? null : String.join(", ", words));
    }

    /** Periods sorted by start, overlapping or touching ones joined. */
    private static List<Piece> merged(List<Piece> sorted) {
        List<Piece> out = new ArrayList<>();
        for (Piece p : sorted) {
            Piece last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !p.start().isAfter(last.end())) {
                if (p.end().isAfter(last.end())) out.set(out.size() - 1, new Piece(last.index(), last.start(), p.end()));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Minutes of a period covered by the (merged) busy periods. */
    private static long overlap(Piece p, List<Piece> busy) {
        long minutes = 0;
        for (Piece b : busy) {
            LocalDateTime from = p.start().isAfter(b.start()) ? p.start() : b.start();
            LocalDateTime to = p.end().isBefore(b.end()) ? p.end() : b.end();
            if (from.isBefore(to)) minutes += Duration.between(from, to).toMinutes();
        }
        return minutes;
    }

    private static String period(LocalDateTime start, LocalDateTime end) {
        return start.toLocalTime() + "-" + end.toLocalTime();
    }

    private static String joined(List<String> words) {
        return words.isEmpty() ? null : String.join(", ", words);
    }

    // ---- the initial service ----------------------------------------------------------------------

    /**
     * IV services (push, infusion) whose family and method have an initial code billable in the setting.
     * Hydration is one only when it is the visit's first service in the hierarchy: hydration at another
     * IV site while a drug runs is not a second initial service.
     */
    private boolean canBeInitial(Given g) {
        if (g.method() != Method.PUSH && g.method() != Method.INFUSION) return false;
        Code c = initialCode(g);
        return c != null && allowedHere(c);
    }

    private Code initialCode(Given g) {
        return hierarchy.find(g.family().id(), g.method(), Role.INITIAL, setting);
    }

    /** Family rank, then infusion > push > injection; ties by the record's content, never by its position. */
    private Comparator<Given> hierarchyOrder() {
        return Comparator.comparingInt((Given g) -> g.family().rank())
                .thenComparingInt(g -> methodRank(g.method()))
                .thenComparing(Given::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(content());
    }

    /** The order services are coded in after the initial: by the clock, then as the hierarchy ranks them. */
    private Comparator<Given> clockOrder() {
        return Comparator.comparing(Given::start, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt((Given g) -> g.family().rank())
                .thenComparingInt(g -> methodRank(g.method()))
                .thenComparing(content());
    }

    /** Longer first, then by drug: the same visit in any record order is coded the same. */
    private static Comparator<Given> content() {
        return Comparator.comparing((Given g) -> g.minutes() == null ? -1L : g.minutes(), Comparator.reverseOrder())
                .thenComparing(Given::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(g -> g.record().hcpcs() == null ? "" : g.record().hcpcs())
                .thenComparing(g -> g.site() == null ? "" : g.site())
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

    /** Whether the service was chosen as the main reason for the visit (professional, marked primary). */
    private boolean choseByMark(Given g) {
        return g != null && g == markedReason;
    }

    private Given chooseVisitInitial(List<Given> candidates) {
        if (candidates.isEmpty()) return null;
        if (initialOrder() == InitialCodeRule.Order.PRIMARY_REASON) {
            List<Given> marked = candidates.stream().filter(Given::primary).sorted(hierarchyOrder()).toList();
            if (marked.size() > 1) {
                notes("more than one administration is marked primary ("
                        + marked.stream().map(Given::name).collect(Collectors.joining(", "))
                        + "): " + marked.get(0).name() + ", the first of them in the hierarchy, is the initial service");
            }
            if (!marked.isEmpty()) {
                // the marked drug's own highest service: a drug pushed and infused is reported by its infusion
                Given reason = marked.get(0);
                markedReason = candidates.stream().filter(reason::sameDrug).min(hierarchyOrder()).orElse(reason);
                return markedReason;
            }
            boolean markedElsewhere = visit.administrations().stream().anyMatch(Administration::primary);
            notes(markedElsewhere
                    ? "the administration marked primary cannot take an initial code (only an IV push or infusion"
                    + " can): the hierarchy order chose the initial service"
                    : "no administration is marked primary (the main reason for the visit): the hierarchy order chose the initial service");
        }
        return candidates.stream().min(hierarchyOrder()).orElseThrow();
    }

    private String initialReason(Given g) {
        String service = g.family().id() + " " + g.method().id();
        if (choseByMark(g)) {
            return g.name() + " is the main reason for the visit (marked primary; the " + setting.id()
                    + " setting reports that service as the initial one): initial " + service;
        }
        return g.name() + " is the initial service: " + service + " comes first in the hierarchy ("
                + familyOrder() + "; infusion > push > injection), whatever the order given";
    }

    /** Why the marked reason's service did not take the initial code, and this one did. */
    private String carriedReason(Given g, Given marked, Code markedCode, List<Draft> unmet) {
        String addOns = unmet.stream().map(d -> d.code.code() + " (an add-on of " + Texts.or(d.code.primaries()) + ")")
                .distinct().collect(Collectors.joining(", "));
        return g.name() + " is the initial service: " + marked.name() + " is the main reason for the visit (marked"
                + " primary), but its initial code " + markedCode.code() + " cannot carry " + addOns
                + ", so the " + g.family().id() + " " + g.method().id() + " of " + g.name() + " takes the initial code "
                + initialCode(g).code() + ", which can";
    }

    private String familyOrder() {
        return policy.families().values().stream().sorted(Comparator.comparingInt(Family::rank))
                .map(Family::id).collect(Collectors.joining(" > "));
    }

    /** Each IV site other than the initial's gets its own initial service, with the second-initial modifier. */
    private void secondSites(List<Given> candidates) {
        Map<String, List<Given>> bySite = new LinkedHashMap<>();
        for (Given g : candidates) {
            // hydration at a second site while a drug runs is not a second initial service: it is timed instead
            if (HYDRATION.equals(g.family().id())) continue;
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
        Code c = initialCode(g);
        add(c, 1, modifiers, g, why);
        coded.add(g);
        if (g.method() == Method.PUSH) reportedPushes.add(g);
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
        // Hydration beside another initial service only loses the minutes a drug runs with it: a drug is not
        // concurrent with it. Hydration that is the initial service itself (96360) carries a concurrent drug (96368).
        Given alongside = coded.stream()
                .filter(o -> o.method() == Method.INFUSION && sameLine(o, g) && o.overlaps(g)
                        && (o == initial || !HYDRATION.equals(o.family().id())))
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
        Given sameDrug = coded.stream().filter(o -> (o.method() == Method.INFUSION || o.method() == Method.PUSH)
                && o.sameDrug(g)).findFirst().orElse(null);
        if (sameDrug != null) {
            notes.add(g.name() + " was " + (sameDrug.method() == Method.PUSH ? "pushed" : "infused") + " already at the visit: "
                    + "the same drug is one service, not a new drug, so no sequential infusion code; this infusion's"
                    + " time is not billed separately (give its start and end times to time the pieces as one)");
            return;
        }
        String relation = relation(g);
        Code seq = hierarchy.find(family, Method.INFUSION, Role.SEQUENTIAL, setting);
        if (seq != null) {
            add(seq, 1, List.of(), g, g.name() + " " + relation
                    + ": sequential infusion of a new drug (up to an hour)");
            addHours(g, Method.INFUSION);
            return;
        }
        // A family without a sequential code bills a later infusion by its hours.
        Code hour = hierarchy.find(family, Method.INFUSION, Role.ADDITIONAL_HOUR, setting);
        if (hour != null && g.minutes() != null) {
            int units = hoursOf(g.minutes());
            if (units == 0) {
                notes.add(g.name() + " ran " + g.minutes() + " minutes (" + relation
                        + "): too short for an hour of " + family + " (more than " + hourAfter + " minutes): not billed");
                return;
            }
            add(hour, units, List.of(), g, g.name() + " ran " + g.minutes() + " minutes (" + relation + "): "
                    + family + " beside another initial service is billed by the hour, " + units + " hour" + plural(units)
                    + " (an hour counts when more than " + hourAfter + " minutes of it were used)");
            return;
        }
        notes.add(g.name() + ": the " + family + " family has no code for an infusion beside the initial service: not billed");
    }

    /**
     * Hydration beside another initial service: its minutes outside other infusions, by the hour (96361), an
     * hour counting when more than the time rule's minutes of it were used (AMA CPT 2024, 96361; CPT
     * Assistant, June 2007). Its minutes are more than the hydration rule's, or it would not be a service.
     */
    private void codeHydration(Given g) {
        Code hour = hierarchy.find(g.family().id(), Method.INFUSION, Role.ADDITIONAL_HOUR, setting);
        if (hour == null) {
            notes.add(g.name() + ": the " + g.family().id() + " family has no code for hydration beside another"
                    + " initial service: not billed");
            return;
        }
        int units = hoursOf(g.minutes());
        add(hour, units, List.of(), g, g.name() + ": " + g.minutes() + " minutes of hydration "
                + (g.resolved() != null && g.resolved().contains("not alongside") ? "outside the other infusions"
                : "with no other infusion running") + ", billed by the hour beside the initial service"
                + (initial == null ? "" : " (" + initial.name() + ")") + ": " + units + " hour" + plural(units)
                + " (an hour counts when more than " + hourAfter + " minutes of it were used)");
    }

    private static String at(Given g) {
        return g.start() == null ? "" : " at " + g.start().toLocalTime();
    }

    /** Hours of a time billed by the hour: full hours, and a last part of more than the time rule's minutes. */
    private int hoursOf(long minutes) {
        return (int) (minutes / 60 + (minutes % 60 > hourAfter ? 1 : 0));
    }

    /**
     * A push after the initial service. A push of a drug also infused at the visit, or pushed already, is
     * the same drug: never a new-drug push (96375, 96411). It is the family's repeat push (96376, facility
     * only) unless within 30 minutes of a reported push of that drug; chemotherapy has no same-drug push
     * code (AMA CPT 2024, 96375/96376 and 96411 guidelines; NCCI Policy Manual, Chapter XI).
     */
    private void codeLaterPush(Given g) {
        String family = g.family().id();
        Given infused = services.stream().filter(o -> o != g && o.method() == Method.INFUSION && o.sameDrug(g))
                .findFirst().orElse(null);
        Given pushed = coded.stream().filter(o -> o.method() == Method.PUSH && o.sameDrug(g)).findFirst().orElse(null);
        if (infused != null || pushed != null) {
            String again = g.name() + " was pushed" + at(g) + (infused != null ? " and is also infused at the visit"
                    : " and also" + (pushed.start() == null ? " at another time" : at(pushed)));
            Code c = hierarchy.find(family, Method.PUSH, Role.REPEAT, setting);
            if (c == null) {
                notes.add(again + ": the same drug, not a new-drug push, and the " + family
                        + " family has no code for a push of the same drug: not separately billed");
                return;
            }
            Given near = g.start() == null ? null : reportedPushes.stream().filter(p -> p.sameDrug(g) && p.start() != null
                    && Math.abs(Duration.between(p.start(), g.start()).toMinutes()) < REPEAT_PUSH_AFTER).findFirst().orElse(null);
            if (near != null) {
                notes.add(again + ": the same drug, within " + REPEAT_PUSH_AFTER + " minutes of its reported push at "
                        + near.start().toLocalTime() + ": " + c.code() + " is not reported then, so not billed");
                return;
            }
            if (add(c, 1, List.of(), g, again + ": a push of the same drug, not of a new one")) reportedPushes.add(g);
            return;
        }
        Code c = hierarchy.find(family, Method.PUSH, Role.SEQUENTIAL, setting);
        if (c == null) {
            notes.add(g.name() + ": the " + family + " family has no code for a push beside the initial service: not billed");
            return;
        }
        if (add(c, 1, List.of(), g, g.name() + ": " + family + " push of a new drug, added to the initial service"
                + (initial == null ? "" : " (" + initial.name() + ")"))) {
            reportedPushes.add(g);
        }
    }

    /** Both on the same IV line: the same site, an unrecorded site counting as the initial's. */
    private boolean sameLine(Given a, Given b) {
        String home = initial == null ? null : initial.site();
        return Objects.equals(a.site() != null ? a.site() : home, b.site() != null ? b.site() : home);
    }

    /**
     * How a service stands to the others on its line, in words that are true of the clock: "followed X"
     * only when X ended before it started, "ran before X" when X started after it ended.
     */
    private String relation(Given g) {
        if (g.start() != null && g.end() != null) {
            Given before = coded.stream()
                    .filter(o -> o != g && sameLine(o, g) && o.end() != null && !o.end().isAfter(g.start()))
                    .max(Comparator.comparing(Given::end)).orElse(null);
            if (before != null) return "followed " + before.name() + " on the same line";
            Given after = coded.stream()
                    .filter(o -> o != g && sameLine(o, g) && o.start() != null && !o.start().isBefore(g.end()))
                    .min(Comparator.comparing(Given::start)).orElse(null);
            if (after != null) return "ran before " + after.name() + " on the same line";
        }
        return initial != null && initial != g ? "ran on the line of " + initial.name() + " (the initial service), not"
                + " at the same time" : "ran on its own";
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
        int units = hoursOf(beyond);
        if (units == 0) return;
        boolean pump = method == Method.PUMP;
        Code c = pump ? hierarchy.findExact(g.family().id(), Method.PUMP, Role.ADDITIONAL_HOUR, setting)
                : hierarchy.find(g.family().id(), Method.INFUSION, Role.ADDITIONAL_HOUR, setting);
        String ran = g.name() + " ran " + g.minutes() + " minutes" + (pump ? " on the pump"
                : g.pieces().size() > 1 ? " in all" : "");
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
                    + sameNamedDrug(given.get(0).drug(), hcpcs) + ": no drug line");
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
    private boolean add(Code c, int units, List<String> modifiers, Given g, String because) {
        if (!allowedHere(c)) {
            notes.add(because + ", but " + c.code() + " is billed in the " + c.onlyIn().id()
                    + " setting only: not billed in the " + setting.id() + " setting");
            return false;
        }
        String text = g.resolved() == null ? because : because + " [" + g.name() + ": " + g.resolved() + "]";
        long order = (g == initial ? 0L : (g.index() + 1L) * 1000L) + contribution++;
        Draft d = drafts.computeIfAbsent(new LineKey(c.code(), modifiers),
                k -> new Draft(c, c.code(), modifiers, order));
        d.units = c.unit() == UnitBasis.ENCOUNTER ? 1 : d.units + units;
        d.because.add(new String[] {g.name(), text});
        return true;
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

    /**
     * Add-on lines none of whose primaries is on the derived claim: the engine would deny each as billed
     * alone (addon-requires-primary looks for any of its primaries among the claim's codes, as here).
     */
    private List<Draft> unmetAddOns() {
        Set<String> onClaim = new LinkedHashSet<>();
        for (Draft d : drafts.values()) if (d.code != null) onClaim.add(d.code.code());
        List<Draft> unmet = new ArrayList<>();
        for (Draft d : drafts.values()) {
            if (d.code == null || !d.code.addOn() || d.code.primaries().isEmpty()) continue;
            if (d.code.primaries().stream().noneMatch(onClaim::contains)) unmet.add(d);
        }
        return unmet;
    }

    /** An add-on derived without any of its primaries would be denied as billed alone: say so now. */
    private void checkAddOnPrimaries() {
        List<String> standalone = drafts.values().stream().filter(d -> d.code != null && !d.code.addOn())
                .map(d -> d.code.code()).toList();
        for (Draft d : unmetAddOns()) {
            notes.add(d.code.code() + " is an add-on of " + String.join(", ", d.code.primaries())
                    + ", none of which this visit's services give"
                    + (standalone.isEmpty() ? "" : " (" + String.join(", ", standalone) + ")")
                    + ": a payer will deny it as billed alone");
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
