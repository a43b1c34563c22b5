package org.pplc.runtime.engine;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.PreparedPolicy.Entry;
import org.pplc.runtime.engine.PreparedPolicy.Tables;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.InitialCodeRule;
import org.pplc.runtime.model.AuditThreshold;
import org.pplc.runtime.model.ModifierRule;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.Provenance;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.RuleText;
import org.pplc.runtime.model.Setting;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.pplc.runtime.engine.PreparedPolicy.*;

/**
 * One claim against one prepared policy. The first pass resolves each line (one hash probe) and
 * adds up units by code and family; the second runs the checks line by line, so findings come out
 * in line order. Strings are built only when a rule fires or an explanation was asked for.
 */
final class Evaluation {
    /** Above this many lines, lines of the same code are found through a map instead of a scan. */
    private static final int SCAN_LIMIT = 32;

    private final PreparedPolicy p;
    /** The tables all policies share, and the arena with the policy's hot data (read without reading p). */
    private final Tables t;
    private final long[] a;
    /** Where the policy's bit set and its own entries' packed facts start in the arena. */
    private final int bits, facts;
    /** The policy's header TEXTS long: its text and own-text masks. */
    private final long textMasks;
    /** Where the policy's grants start in the tables' ({@link PreparedPolicy#grantsAt}), and the first one's layer. */
    private final int grantsAt;
    private final String grantLayer;
    private final Claim claim;
    private final List<ClaimLine> lines;
    private final Setting setting;
    private final int n;
    /**
     * Per line, the entry the checks read what the code is from (definition, drug, families): the
     * common one when the policy's own entry has the same code part, so a claim reads few objects
     * of its payer. The rule objects are read from {@link #actual} when a rule fires or is explained.
     */
    private final Entry[] entries;
    /** Index of the first line of the same code (the line aggregate findings go on). */
    private final int[] first;
    /** Units of all lines of the code, kept at the code's first line. */
    private final int[] total;
    private final int[] sequentialUnits;
    private final int[] firstSequentialLine;
    /** Distinct drugs (HCPCS) of each family on the claim. */
    private final int[] drugs;
    private boolean drugLines;
    /** Index of the first initial IV line, and how many there are. */
    private int firstInitial = -1, initials;
    /** Index of the initial IV line that stands (see {@link #standingInitial}), or -1; its family. */
    private int standing = -1;
    private int initialFamily = -1;

    /**
     * The first finding, then all of them once there is a second: a claim with one finding (the
     * benchmark claim's) hands the Result an immutable one-element list, which the Result keeps
     * as it is, instead of an ArrayList it copies.
     */
    private Finding firstFinding;
    private List<Finding> findings;
    private Action strongest;
    private final List<Explanation>[] notes;
    /** The claim's date of service is past the day every quartered MUE of its setting is current through. */
    private final boolean mayBeStale;
    /** Index of the lowest-numbered line whose MUE comes from a table past its quarter, or -1. */
    private int staleLine = -1;

    Evaluation(PreparedPolicy p, Claim claim, boolean explain) {
        this(p, p.tables(), p.at, p.grantsAt, claim, explain);
    }

    /**
     * The policy p whose hot data is at {@code at} in the tables' arena and grants at {@code
     * grantsAt} in theirs: the Adjudicator passes the offsets from the routing slot, so the lines'
     * facts and the grants are read while p is still being fetched.
     */
    @SuppressWarnings("unchecked")
    Evaluation(PreparedPolicy p, Tables t, int at, int grantsAt, Claim claim, boolean explain) {
        this.p = p;
        this.grantsAt = grantsAt;
        // read now, not when a finding needs it: the cache miss then overlaps the arena's and p's
        this.grantLayer = grantsAt < 0 ? null : t.grants[grantsAt + 1];
        this.t = t;
        this.a = t.arena;
        this.bits = at + HEADER;
        this.facts = bits + t.bitWords;
        this.textMasks = a[at + TEXTS];
        this.claim = claim;
        this.lines = claim.lines();
        this.setting = claim.setting();
        this.n = lines.size();
        this.entries = new Entry[n];
        this.first = new int[n];
        this.total = new int[n];
        int families = p.words.families;
        this.sequentialUnits = new int[families];
        this.firstSequentialLine = new int[families];
        this.drugs = new int[families];
        this.notes = explain ? new List[n] : null;
        this.mayBeStale = claim.dateOfService().toEpochDay() > p.mueCurrentThrough[setting.ordinal()];
    }

    Result run() {
        resolve();
        for (int i = 0; i < n; i++) {
            Entry e = entries[i];
            if (e == null) continue;
            ClaimLine line = lines.get(i);
            // the rule facts the checks test, found again (a read of the bit set) rather than kept
            // per line: one array less per claim
            long f = facts(e.number);
            settingAllowed(i, line, e);
            addOnPrimary(i, line, e);
            singleInitial(i, line, e);
            mue(i, line, e, f);
            if (mayBeStale && (f & (setting == Setting.FACILITY ? FAC_QUARTER : PRO_QUARTER)) != 0) staleTable(i);
            authorization(i, line, e, f);
            audit(i, e, f);
            drugModifier(i, line, e);
            if (!line.modifiers().isEmpty() && p.words.drugLine != null) discardModifiers(i, line, e);
            allowedModifiers(i, line, e, f);
            if (e.sequential && e.family >= 0 && firstSequentialLine[e.family] == i + 1) sequential(i, e);
        }
        if (staleLine >= 0) mueTableOutOfDate();
        Decision decision = strongest == null ? Decision.PASS : Decision.of(strongest);
        return new Result(claim.id(), claim.payer(), claim.plan(), p.id, decision,
                findings != null ? findings : firstFinding != null ? List.of(firstFinding) : List.of(), explanation(), null);
    }

    private void resolve() {
        Map<Entry, Integer> firstOf = n > SCAN_LIMIT ? new IdentityHashMap<>() : null;
        for (int i = 0; i < n; i++) {
            ClaimLine line = lines.get(i);
            first[i] = i;
            Integer boxed = t.numbers.get(line.code());
            if (boxed == null) continue;
            int number = boxed;
            int rank = rank(a, bits, number);
            Entry e;
            if (rank < 0) {
                e = t.common[number];
                if (e == null) continue;
            } else {
                long f = a[facts + rank];
                if ((f & NONE) != 0) continue;
                e = (f & OWN_CODE) == 0 ? t.common[number] : p.own(rank);
            }
            entries[i] = e;
            int f = i;
            if (firstOf != null) {
                Integer seen = firstOf.putIfAbsent(e, i);
                if (seen != null) f = seen;
            } else {
                for (int j = 0; j < i; j++) {
                    if (entries[j] == e) {
                        f = first[j];
                        break;
                    }
                }
            }
            boolean firstOfCode = f == i;
            if (f != i && line.line() < lines.get(f).line()) {
                // the aggregate findings of a code go on its lowest line number, not its first in
                // the array: the order of the lines never matters (line numbers travel with them)
                for (int j = 0; j < i; j++) if (first[j] == f) first[j] = i;
                total[i] = total[f];
                total[f] = 0;
                if (firstOf != null) firstOf.put(e, i);
                f = i;
            }
            first[i] = f;
            total[f] += line.units();
            if (e.drug != null) {
                drugLines = true;
                if (firstOfCode && e.drugFamily >= 0) drugs[e.drugFamily]++;
            }
            if (e.initialIv && initials++ == 0) firstInitial = i;
            if (e.sequential && e.family >= 0) {
                sequentialUnits[e.family] += line.units();
                int at = firstSequentialLine[e.family] - 1; // stored 1-based: 0 is none
                if (at < 0 || line.line() < lines.get(at).line()) firstSequentialLine[e.family] = i + 1;
            }
        }
        // the common claim has one initial IV line or none: nothing to choose
        standing = initials > 1 ? standingInitial() : firstInitial;
        if (standing >= 0) initialFamily = entries[standing].family;
    }

    /**
     * The initial IV line that stands when the claim has several; the others need a distinct-site
     * modifier. Never the order of the lines (AMA CPT drug administration guidelines): in a setting
     * whose initial code follows the hierarchy (facility), the highest in the hierarchy stands
     * (family rank, then infusion > push); in one that follows the primary reason (professional),
     * whose reason the claim does not carry, the initial line that is a primary of the claim's
     * add-on lines stands (the add-ons need it: CMS add-on code edit file), the highest in the
     * hierarchy among several, else the highest in the hierarchy. Ties: the lowest line number.
     */
    private int standingInitial() {
        boolean byPrimary = p.words.initialOrders[setting.ordinal()] == InitialCodeRule.Order.PRIMARY_REASON;
        int best = -1;
        boolean bestPrimary = false;
        for (int j = 0; j < n; j++) {
            Entry e = entries[j];
            if (e == null || !e.initialIv) continue;
            boolean primary = byPrimary && primaryOfAnAddOn(e.number);
            if (best < 0 || primary && !bestPrimary || primary == bestPrimary && aboveInHierarchy(j, best)) {
                best = j;
                bestPrimary = primary;
            }
        }
        return best;
    }

    /** Whether some add-on line of the claim has the code (its number) among its primaries. */
    private boolean primaryOfAnAddOn(int number) {
        for (int k = 0; k < n; k++) {
            Entry e = entries[k];
            if (e == null || !e.addOn) continue;
            for (int primary : e.primaries) if (primary == number) return true;
        }
        return false;
    }

    /** Whether initial line j ranks above initial line k in the facility order, the line number breaking ties. */
    private boolean aboveInHierarchy(int j, int k) {
        long a = hierarchyKey(j), b = hierarchyKey(k);
        if (a != b) return a < b;
        int lj = lines.get(j).line(), lk = lines.get(k).line();
        return lj != lk ? lj < lk : j < k;
    }

    private long hierarchyKey(int j) {
        Entry e = entries[j];
        int rank = e.family < 0 ? Integer.MAX_VALUE : p.words.familyRanks[e.family];
        return (long) rank << 8 | e.definition.method().facilityOrder();
    }

    // ---- the checks ----

    private void settingAllowed(int i, ClaimLine line, Entry e) {
        if (e.definition == null || e.definition.onlyIn() == null || !has(RuleKind.SETTING_NOT_ALLOWED)) return;
        Provenance src = e.definition.provenance();
        Setting only = e.definition.onlyIn();
        if (only == setting) {
            if (notes != null) note(i, RuleKind.SETTING_NOT_ALLOWED, false, src, () -> e.code + " is billed in " + only.id()
                    + " only, and the claim is " + setting.id());
            return;
        }
        fire(i, RuleKind.SETTING_NOT_ALLOWED, line, line.units(), src, name -> switch (name) {
            case "setting" -> setting.id();
            case "allowed" -> only.id();
            default -> null;
        });
        if (notes != null) note(i, RuleKind.SETTING_NOT_ALLOWED, true, src, () -> e.code + " is billed in " + only.id()
                + " only, and the claim is " + setting.id());
    }

    private void addOnPrimary(int i, ClaimLine line, Entry e) {
        if (!e.addOn || !has(RuleKind.ADDON_REQUIRES_PRIMARY)) return;
        int[] primaries = e.primaries;
        int found = -1;
        outer:
        for (int j = 0; j < n; j++) {
            Entry other = entries[j];
            if (other == null) continue;
            for (int primary : primaries) {
                if (other.number == primary) {
                    found = j;
                    break outer;
                }
            }
        }
        Provenance src = e.definition.provenance();
        List<String> codes = e.definition.primaries();
        if (found >= 0) {
            int at = found;
            if (notes != null) note(i, RuleKind.ADDON_REQUIRES_PRIMARY, false, src, () -> e.code + " is an add-on of " + Texts.or(codes)
                    + "; " + lines.get(at).code() + " is on line " + lines.get(at).line());
            return;
        }
        fire(i, RuleKind.ADDON_REQUIRES_PRIMARY, line, line.units(), src, name -> switch (name) {
            case "primaries" -> Texts.or(codes);
            case "primary" -> codes.isEmpty() ? "" : e.definition.suggestedPrimary(c -> p.entry(c) == null ? null : p.entry(c).definition);
            default -> null;
        });
        if (notes != null) note(i, RuleKind.ADDON_REQUIRES_PRIMARY, true, src, () -> e.code + " is an add-on of " + Texts.or(codes)
                + (codes.size() > 1 ? ", none of which is" : ", which is not") + " on the claim");
    }

    private void singleInitial(int i, ClaimLine line, Entry e) {
        if (!e.initialIv || !has(RuleKind.SINGLE_INITIAL_CODE)) return;
        ModifierRule.SecondInitial second = p.words.secondInitial;
        // Units on the standing line are the MUE's business: CMS allows 2 units of some initial
        // codes in the outpatient setting.
        if (i == standing) {
            if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, false, text(RuleKind.SINGLE_INITIAL_CODE).provenance(),
                    () -> e.code + (initials == 1 ? " is the claim's only initial IV code"
                            : " is the initial IV code that stands: " + standingReason()));
            return;
        }
        ClaimLine kept = lines.get(standing);
        String modifier = second == null ? null : firstPresent(line, second.modifiers());
        Provenance src = text(RuleKind.SINGLE_INITIAL_CODE).provenance();
        if (modifier != null) {
            // the modifier excuses this rule only: the per-day MUE still counts every unit of the code
            Provenance excused = second.provenance();
            if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, false, excused, () -> "second initial IV code " + e.code
                    + " beside " + kept.code() + " on line " + kept.line() + " carries " + modifier + ": a separate IV site");
            return;
        }
        fire(i, RuleKind.SINGLE_INITIAL_CODE, line, line.units(), src, name -> switch (name) {
            case "initials" -> kept.code();
            case "modifiers" -> second == null ? "" : Texts.or(second.modifiers());
            default -> null;
        });
        if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, true, src, () -> "second initial IV code " + e.code
                + " beside " + kept.code() + " on line " + kept.line() + ", which stands (" + standingReason() + ")"
                + (second == null ? "" : ", without modifier " + Texts.or(second.modifiers())));
    }

    /** Why the standing initial line stands, for explanations. */
    private String standingReason() {
        boolean byPrimary = p.words.initialOrders[setting.ordinal()] == InitialCodeRule.Order.PRIMARY_REASON;
        if (byPrimary && primaryOfAnAddOn(entries[standing].number)) {
            return "the claim's add-on lines need it as their primary";
        }
        return "highest in the hierarchy" + (byPrimary ? "; no add-on line needs another" : "");
    }

    private void mue(int i, ClaimLine line, Entry e, long f) {
        boolean facility = setting == Setting.FACILITY;
        if ((f & (facility ? FAC_MUE : PRO_MUE)) == 0 || !has(RuleKind.MUE_EXCEEDED)) return;
        boolean perDay = (f & (facility ? FAC_PER_DAY : PRO_PER_DAY)) != 0;
        if (perDay && first[i] != i) {
            if (notes == null) return;
            int at = first[i];
            Mue m = actual(i).mue(setting);
            note(i, RuleKind.MUE_EXCEEDED, false, m.provenance(), () -> e.code + " units counted with line "
                    + lines.get(at).line() + " (" + m.indicator().words() + ")");
            return;
        }
        int units = perDay ? total[i] : line.units();
        int cap = (int) (f >>> (facility ? FAC_CAP_SHIFT : PRO_CAP_SHIFT)) & UNPACKED;
        if (cap == UNPACKED) cap = facility ? actual(i).facilityCap : actual(i).professionalCap;
        boolean over = units > cap;
        if (!over && notes == null) return;
        Mue m = actual(i).mue(setting);
        if (over) {
            fire(i, RuleKind.MUE_EXCEEDED, line, units, m.provenance(), name -> switch (name) {
                case "cap" -> Integer.toString(m.cap());
                case "setting" -> m.setting().id();
                case "indicator" -> m.indicator().words();
                default -> null;
            });
        }
        if (notes != null) note(i, RuleKind.MUE_EXCEEDED, over, m.provenance(), () -> m.cap() == 0 && over
                ? e.code + " may not be billed in the " + m.setting().id() + " setting (MUE 0)"
                : e.code + " units " + units + (perDay && units != line.units() ? " (all lines of the code)" : "")
                + (over ? " over" : " within") + " the " + m.setting().id() + " MUE of " + m.cap() + " "
                + m.indicator().words());
    }

    /** Keeps the line when its MUE's table is past its quarter on the claim's date and its line number is the lowest so far. */
    private void staleTable(int i) {
        Mue m = actual(i).mue(setting);
        if (m == null || m.tableQuarter() == null || !claim.dateOfService().isAfter(m.tableQuarter().lastDay())) return;
        if (staleLine < 0 || lines.get(i).line() < lines.get(staleLine).line()) staleLine = i;
    }

    /**
     * One warning a claim, not one a line: CMS replaces the MUE tables every quarter, so a value
     * from a table whose quarter ended before the date of service may no longer be the one in force.
     * On the lowest-numbered line whose MUE comes from such a table.
     */
    private void mueTableOutOfDate() {
        if (!has(RuleKind.MUE_TABLE_OUT_OF_DATE)) return;
        int i = staleLine;
        Mue m = actual(i).mue(setting);
        String quarter = m.tableQuarter().toString(), last = m.tableQuarter().lastDay().toString();
        String day = claim.dateOfService().toString();
        ClaimLine line = lines.get(i);
        fire(i, RuleKind.MUE_TABLE_OUT_OF_DATE, line, line.units(), null, name -> switch (name) {
            case "quarter" -> quarter;
            case "lastDay" -> last;
            case "dateOfService" -> day;
            default -> null;
        });
        if (notes != null) note(i, RuleKind.MUE_TABLE_OUT_OF_DATE, true, m.provenance(), () -> line.code() + "'s "
                + m.setting().id() + " MUE comes from the CMS table of " + quarter + ", current through " + last
                + "; the date of service is " + day);
    }

    /**
     * JW and JZ used where they do not belong (Medicare Claims Processing Manual, ch. 17, section 40;
     * CMS JW/JZ FAQ): they say what became of a single-dose container's rest, so they go on the drug
     * line of a single-dose drug, one of them, and a claim does not say both for one drug.
     */
    private void discardModifiers(int i, ClaimLine line, Entry e) {
        List<String> modifiers = line.modifiers();
        boolean jw = modifiers.contains(ModifierRule.DrugLine.DISCARDED), jz = modifiers.contains(ModifierRule.DrugLine.NONE_DISCARDED);
        if (!jw && !jz) return;
        String present = jw && jz ? ModifierRule.DrugLine.DISCARDED + " and " + ModifierRule.DrugLine.NONE_DISCARDED
                : jw ? ModifierRule.DrugLine.DISCARDED : ModifierRule.DrugLine.NONE_DISCARDED;
        if (jw && jz && has(RuleKind.DRUG_MODIFIERS_CONFLICT)) {
            fire(i, RuleKind.DRUG_MODIFIERS_CONFLICT, line, line.units(), null, name -> "modifiers".equals(name) ? present : null);
            if (notes != null) note(i, RuleKind.DRUG_MODIFIERS_CONFLICT, true, text(RuleKind.DRUG_MODIFIERS_CONFLICT).provenance(),
                    () -> e.code + " carries both JW (amount discarded) and JZ (none discarded)");
        }
        if (e.definition != null) {
            if (!has(RuleKind.DRUG_MODIFIER_ON_ADMINISTRATION)) return;
            fire(i, RuleKind.DRUG_MODIFIER_ON_ADMINISTRATION, line, line.units(), null, name -> "modifier".equals(name) ? present : null);
            if (notes != null) note(i, RuleKind.DRUG_MODIFIER_ON_ADMINISTRATION, true, text(RuleKind.DRUG_MODIFIER_ON_ADMINISTRATION).provenance(),
                    () -> e.code + " is an administration code and carries " + present + ", a drug-line modifier");
            return;
        }
        if (e.drug == null) return;
        String drug = e.drug.name() == null ? e.code : e.drug.name();
        if (!e.drug.singleDose()) {
            if (has(RuleKind.DRUG_MODIFIER_MULTI_DOSE)) {
                fire(i, RuleKind.DRUG_MODIFIER_MULTI_DOSE, line, line.units(), null, name -> switch (name) {
                    case "modifier" -> present;
                    case "drug" -> drug;
                    default -> null;
                });
                if (notes != null) note(i, RuleKind.DRUG_MODIFIER_MULTI_DOSE, true, text(RuleKind.DRUG_MODIFIER_MULTI_DOSE).provenance(),
                        () -> e.code + " (" + drug + ") is not a single-dose drug and carries " + present);
            }
            return;
        }
        if (!jz || jw || !has(RuleKind.DRUG_MODIFIER_CONTRADICTION)) return;
        int discarded = -1; // the lowest-numbered JW line of the same drug
        for (int k = 0; k < n; k++) {
            ClaimLine other = lines.get(k);
            if (k != i && other.code().equals(line.code()) && other.modifiers().contains(ModifierRule.DrugLine.DISCARDED)
                    && (discarded < 0 || other.line() < lines.get(discarded).line())) discarded = k;
        }
        if (discarded < 0) return;
        String at = Integer.toString(lines.get(discarded).line());
        fire(i, RuleKind.DRUG_MODIFIER_CONTRADICTION, line, line.units(), null, name -> switch (name) {
            case "drug" -> drug;
            case "discardedLine" -> at;
            default -> null;
        });
        if (notes != null) note(i, RuleKind.DRUG_MODIFIER_CONTRADICTION, true, text(RuleKind.DRUG_MODIFIER_CONTRADICTION).provenance(),
                () -> e.code + " (" + drug + ") carries JZ (none discarded) while line " + at + " bills a discarded amount with JW");
    }

    private void authorization(int i, ClaimLine line, Entry e, long f) {
        if ((f & AUTHORIZATION) == 0) return;
        List<PriorAuthorization> auths = claim.authorizations();
        int approved = 0;
        boolean listed = false;
        for (int k = 0, size = auths.size(); k < size; k++) {
            Integer u = auths.get(k).units().get(e.code);
            if (u != null) {
                listed = true;
                approved += u;
            }
        }
        // A claim's authorizations cover a code when one of them lists it (any units); with none
        // on the claim the authorization is missing, with others it does not cover the code.
        RuleKind absent = auths.isEmpty() || !has(RuleKind.AUTHORIZATION_NOT_COVERING)
                ? RuleKind.AUTHORIZATION_MISSING : RuleKind.AUTHORIZATION_NOT_COVERING;
        if ((f & AUTHORIZATION_REQUIRED) != 0 && has(absent)) {
            if (listed) {
                if (notes != null) note(i, RuleKind.AUTHORIZATION_MISSING, false, actual(i).authorizationSource,
                        () -> e.code + " needs a prior authorization; " + Texts.and(authorizationIds(e.code)) + " lists it");
            } else if (notes == null && granted(i) >= 0) {
                fireGranted(i, absent, line, line.units(), name -> claimAuthorizations(name));
            } else {
                Entry a = actual(i);
                Provenance src = a.authorizationSource;
                fire(i, absent, line, line.units(), src, a, name -> claimAuthorizations(name));
                if (notes != null) note(i, absent, true, src, () -> e.code + " needs a prior authorization, and "
                        + (auths.isEmpty() ? "the claim carries none" : "no authorization on the claim lists it"));
            }
        }
        if (!listed || first[i] != i || !has(RuleKind.AUTHORIZATION_EXCEEDED)) return;
        int units = total[i];
        int max = approved;
        boolean over = units > max;
        if (!over && notes == null) return;
        if (notes == null && granted(i) >= 0) {
            fireGranted(i, RuleKind.AUTHORIZATION_EXCEEDED, line, units, name -> switch (name) {
                case "approved" -> Integer.toString(max);
                case "authorization" -> Texts.and(authorizationIds(e.code));
                default -> null;
            });
            return;
        }
        Entry a = actual(i);
        Provenance src = a.authorizationSource;
        if (over) {
            fire(i, RuleKind.AUTHORIZATION_EXCEEDED, line, units, src, a, name -> switch (name) {
                case "approved" -> Integer.toString(max);
                case "authorization" -> Texts.and(authorizationIds(e.code));
                default -> null;
            });
        }
        if (notes != null) note(i, RuleKind.AUTHORIZATION_EXCEEDED, over, src, () -> e.code + " units " + units
                + (over ? " over" : " within") + " the " + max + " approved by " + Texts.and(authorizationIds(e.code)));
    }

    /** {authorization} of a code no authorization covers: the ids of those the claim carries. */
    private String claimAuthorizations(String name) {
        if (!name.equals("authorization")) return null;
        List<String> ids = new ArrayList<>(claim.authorizations().size());
        for (PriorAuthorization a : claim.authorizations()) ids.add(a.id() == null ? "(without an id)" : a.id());
        return Texts.and(ids);
    }

    private void audit(int i, Entry e, long f) {
        if ((f & AUDIT) == 0 || first[i] != i || !has(RuleKind.AUDIT_THRESHOLD)) return;
        int units = total[i];
        int threshold = (int) (f >>> AUDIT_UNITS_SHIFT) & UNPACKED;
        if (threshold == UNPACKED) threshold = actual(i).auditUnits;
        boolean over = units > threshold;
        if (!over && notes == null) return;
        AuditThreshold a = actual(i).rules.audit();
        if (over) {
            fire(i, RuleKind.AUDIT_THRESHOLD, lines.get(i), units, a.provenance(), name ->
                    "threshold".equals(name) ? Integer.toString(a.units()) : null);
        }
        if (notes != null) note(i, RuleKind.AUDIT_THRESHOLD, over, a.provenance(), () -> e.code + " units " + units
                + (over ? " above" : " within") + " the audit threshold of " + a.units());
    }

    private void drugModifier(int i, ClaimLine line, Entry e) {
        ModifierRule.DrugLine rule = p.words.drugLine;
        if (e.drug == null || !e.drug.singleDose() || rule == null || !has(RuleKind.DRUG_MODIFIER_REQUIRED)) {
            return;
        }
        String present = firstPresent(line, rule.modifiers());
        if (present != null) {
            if (notes != null) note(i, RuleKind.DRUG_MODIFIER_REQUIRED, false, rule.provenance(), () -> e.code + " (" + e.drug.name()
                    + ") is a single-dose drug and carries " + present);
            return;
        }
        // CMS bills a discarded amount on its own line with JW and the administered amount on a
        // line without it: a bare line is fine when another line of the same drug carries the modifier.
        for (int k = 0; k < n; k++) {
            if (k != i && lines.get(k).code().equals(line.code()) && firstPresent(lines.get(k), rule.modifiers()) != null) {
                int other = k;
                if (notes != null) note(i, RuleKind.DRUG_MODIFIER_REQUIRED, false, rule.provenance(), () -> e.code + " ("
                        + e.drug.name() + ") is the administered amount; line " + lines.get(other).line() + " carries "
                        + firstPresent(lines.get(other), rule.modifiers()));
                return;
            }
        }
        fire(i, RuleKind.DRUG_MODIFIER_REQUIRED, line, line.units(), rule.provenance(), name -> switch (name) {
            case "drug" -> e.drug.name();
            case "modifiers" -> p.words.drugLineModifiers;
            default -> null;
        });
        if (notes != null) note(i, RuleKind.DRUG_MODIFIER_REQUIRED, true, rule.provenance(), () -> e.code + " (" + e.drug.name()
                + ") is a single-dose drug without " + Texts.or(rule.modifiers()));
    }

    private void allowedModifiers(int i, ClaimLine line, Entry e, long f) {
        if ((f & ALLOWED_MODIFIERS) == 0 || !has(RuleKind.MODIFIER_NOT_ALLOWED)) return;
        ModifierRule.Allowed rule = actual(i).rules.allowedModifiers();
        List<String> modifiers = line.modifiers();
        for (int k = 0, size = modifiers.size(); k < size; k++) {
            String modifier = modifiers.get(k);
            boolean allowed = rule.modifiers().contains(modifier);
            if (!allowed) {
                fire(i, RuleKind.MODIFIER_NOT_ALLOWED, line, line.units(), rule.provenance(), name -> switch (name) {
                    case "modifier" -> modifier;
                    case "allowed" -> Texts.or(rule.modifiers());
                    default -> null;
                });
            }
            if (notes != null) note(i, RuleKind.MODIFIER_NOT_ALLOWED, !allowed, rule.provenance(), () -> e.code + " modifier " + modifier
                    + (allowed ? " is" : " is not") + " among those allowed (" + Texts.or(rule.modifiers()) + ")");
        }
        if (modifiers.isEmpty()) {
            if (notes != null) note(i, RuleKind.MODIFIER_NOT_ALLOWED, false, rule.provenance(), () -> e.code
                    + " carries no modifier; allowed are " + Texts.or(rule.modifiers()));
        }
    }

    /**
     * Sequential codes of a family stand for further distinct drugs: no more units than the family's
     * distinct drugs on the claim, less the one under the initial code. Seen from the claim alone, an
     * excess means extra time billed as a new drug, or, for chemotherapy with other drugs on the
     * claim, a pre-medication billed under a chemo add-on.
     */
    private void sequential(int i, Entry e) {
        int f = e.family;
        if (!drugLines || drugs[f] == 0) return;
        int allowed = drugs[f] - (f == initialFamily ? 1 : 0);
        int units = sequentialUnits[f];
        boolean otherDrugs = false;
        for (int g = 0; g < drugs.length; g++) if (g != f && drugs[g] > 0) otherDrugs = true;
        RuleKind kind = f == p.words.topFamily && otherDrugs ? RuleKind.CHEMO_ADDON_FOR_PREMEDICATION : RuleKind.SEQUENTIAL_SAME_DRUG;
        if (!has(kind)) return;
        String family = p.words.familyIds[f];
        boolean over = units > allowed;
        ClaimLine line = lines.get(i);
        if (over) {
            fire(i, kind, line, units, null, name -> switch (name) {
                case "drugs" -> Texts.and(kind == RuleKind.CHEMO_ADDON_FOR_PREMEDICATION ? drugNames(f, false) : drugNames(f, true));
                case "hourCode" -> p.words.hourCodes[f] == null ? "" : p.words.hourCodes[f];
                case "therapeuticCodes" -> Texts.or(otherSequentialCodes(f));
                default -> null;
            });
        }
        if (notes != null) note(i, kind, over, text(kind).provenance(), () -> family + " sequential units " + units + (over ? " over " : " within ")
                + allowed + ": " + drugs[f] + " distinct " + family + " drug" + (drugs[f] == 1 ? "" : "s")
                + " on the claim" + (f == initialFamily ? ", one of them under the initial code" : "")
                + (over && kind == RuleKind.CHEMO_ADDON_FOR_PREMEDICATION
                ? "; the other drugs (" + Texts.and(drugNames(f, false)) + ") are not " + family : ""));
    }

    // ---- helpers (run only when a rule fires or an explanation was asked for) ----

    /**
     * The line's entry as the policy has it (its rule objects): the own entry, else the common one.
     * The rank is found again (a read of the bit set), not kept per line: this runs only when a rule
     * fires or is explained, and one array less per claim is worth more.
     */
    private Entry actual(int i) {
        Entry e = entries[i];
        int rank = rank(a, bits, e.number);
        return rank < 0 ? e : p.own(rank);
    }

    /** The packed facts of the policy's entry for code number n (the common entry's unless the bit set says otherwise). */
    private long facts(int n) {
        int rank = rank(a, bits, n);
        return rank < 0 ? t.facts[n] : a[facts + rank];
    }

    /** Whether the policy has a text (so a check) for the kind. */
    private boolean has(RuleKind kind) {
        return PreparedPolicy.has(textMasks, kind);
    }

    /** The policy's text for the kind: the common one unless the header says it has its own. */
    private RuleText text(RuleKind kind) {
        return ownText(textMasks, kind) ? p.ownText(kind) : t.texts[kind.ordinal()];
    }

    private void fire(int i, RuleKind kind, ClaimLine line, int units, Provenance source,
                      Function<String, String> specific) {
        fire(i, kind, line, units, source, null, specific);
    }

    /**
     * As above; {@code authorized} is the entry whose authorization is the source, when it is (else
     * null): its position, layer and citation are then read from the entry, not from the Provenance,
     * one more object of the payer's seldom in the cache.
     */
    private void fire(int i, RuleKind kind, ClaimLine line, int units, Provenance source, Entry authorized,
                      Function<String, String> specific) {
        Provenance src = source != null ? source : text(kind).provenance();
        boolean resolved = authorized != null && src == authorized.authorizationSource;
        add(i, kind, line, units, specific, resolved ? authorized.authorizationPosition(p.words) : position(src),
                resolved ? authorized.authorizationLayer : src == null ? null : src.layer(),
                resolved ? authorized.authorizationCitation : src == null ? null : src.citation());
    }

    /** Adds the finding, its texts filled, with the source's position, layer and citation. */
    private void add(int i, RuleKind kind, ClaimLine line, int units, Function<String, String> specific,
                     String position, String layer, String citation) {
        RuleText t = text(kind);
        String code = line.code();
        Function<String, String> values = name -> switch (name) {
            case "code" -> code;
            case "units" -> Integer.toString(units);
            default -> specific.apply(name);
        };
        // message, fix and appeal filled by one loop: the JIT then inlines one copy of the filling
        // into each check that fires, not three (the copies made each check's compiled code ~45 KB
        // and its compilation the longest of a run, holding back the compilation of everything else)
        Template[] texts = p.words.texts[kind.ordinal()];
        String[] filled = new String[3];
        for (int k = 0; k < 3; k++) filled[k] = Template.fill(texts[k], values);
        Finding finding = new Finding(line.line(), code, t.action(), t.carc(), t.rarc(), kind, filled[0], filled[1], filled[2],
                position, layer, citation);
        if (firstFinding == null) {
            firstFinding = finding;
        } else {
            if (findings == null) {
                findings = new ArrayList<>(4);
                findings.add(firstFinding);
            }
            findings.add(finding);
        }
        if (strongest == null || t.action().compareTo(strongest) > 0) strongest = t.action();
    }

    /**
     * The index of the line's authorization in the policy's grants (its finding strings), or -1
     * when they are read from the entry (a common entry, or not among the first own ones).
     */
    private int granted(int i) {
        int rank = rank(a, bits, entries[i].number);
        return rank < 0 ? -1 : grant(a[bits - HEADER + GRANTED], rank);
    }

    /**
     * A finding on the line's own authorization, as {@link #fire} with its entry: the position,
     * layer and citation from the policy's grants (one array of the payer), not from the entry.
     */
    private void fireGranted(int i, RuleKind kind, ClaimLine line, int units, Function<String, String> specific) {
        int rank = rank(a, bits, entries[i].number);
        int g = grant(a[bits - HEADER + GRANTED], rank);
        String[] grants = t.grants;
        String layer = g == 0 ? grantLayer : grants[grantsAt + g + 1], citation = grants[grantsAt + g + 2];
        add(i, kind, line, units, specific, p.grantPosition(g, rank), layer, citation);
    }

    private void note(int i, RuleKind kind, boolean fired, Provenance source, java.util.function.Supplier<String> reason) {
        if (notes == null) return;
        if (notes[i] == null) notes[i] = new ArrayList<>();
        notes[i].add(new Explanation(kind, fired, reason.get(), source == null ? null : source.layer(), position(source)));
    }

    private List<LineExplanation> explanation() {
        if (notes == null) return null;
        List<LineExplanation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LineExplanation(lines.get(i).line(), lines.get(i).code(), notes[i] == null ? List.of() : notes[i]));
        }
        return out;
    }

    private String position(Provenance source) {
        return p.words.position(source);
    }

    private static String firstPresent(ClaimLine line, List<String> wanted) {
        List<String> modifiers = line.modifiers();
        for (int k = 0, size = modifiers.size(); k < size; k++) {
            if (wanted.contains(modifiers.get(k))) return modifiers.get(k);
        }
        return null;
    }

    /** The line indexes in line-number order: texts that list lines never depend on the order given. */
    private int[] byLineNumber() {
        return java.util.stream.IntStream.range(0, n).boxed()
                .sorted(java.util.Comparator.comparingInt((Integer j) -> lines.get(j).line()).thenComparingInt(j -> j))
                .mapToInt(Integer::intValue).toArray();
    }

    private List<String> authorizationIds(String code) {
        List<String> ids = new ArrayList<>();
        for (PriorAuthorization a : claim.authorizations()) {
            if (a.units().containsKey(code)) ids.add(a.id() == null ? "an authorization" : a.id());
        }
        return ids;
    }

    /** Names of the drugs on the claim of the family (inFamily) or of every other family, by line number. */
    private List<String> drugNames(int family, boolean inFamily) {
        List<String> names = new ArrayList<>();
        for (int j : byLineNumber()) {
            Entry e = entries[j];
            if (e == null || e.drug == null || e.drugFamily < 0 || (e.drugFamily == family) != inFamily) continue;
            String name = e.drug.name() == null ? e.code : e.drug.name();
            if (!names.contains(name)) names.add(name);
        }
        return names;
    }

    /** The sequential codes of the other families that have drugs on the claim (96367, 96375 for pre-medications). */
    private List<String> otherSequentialCodes(int family) {
        List<String> codes = new ArrayList<>();
        for (int g = 0; g < drugs.length; g++) {
            if (g != family && drugs[g] > 0) codes.addAll(p.words.sequentialCodes.get(g));
        }
        return codes;
    }
}
