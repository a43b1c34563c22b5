package org.pplc.runtime.engine;

import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.PreparedPolicy.Entry;
import org.pplc.runtime.engine.PreparedPolicy.Tables;
import org.pplc.runtime.model.Action;
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
    /** The policy's header LINK long: its text and own-text masks. */
    private final long link;
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
    private int firstInitial = -1;
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
        this.link = a[at + LINK];
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
            authorization(i, line, e, f);
            audit(i, e, f);
            drugModifier(i, line, e);
            allowedModifiers(i, line, e, f);
            if (e.sequential && e.family >= 0 && firstSequentialLine[e.family] == i + 1) sequential(i, e);
        }
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
                        f = j;
                        break;
                    }
                }
            }
            first[i] = f;
            total[f] += line.units();
            if (e.drug != null) {
                drugLines = true;
                if (f == i && e.drugFamily >= 0) drugs[e.drugFamily]++;
            }
            if (e.initial && firstInitial < 0) {
                firstInitial = i;
                initialFamily = e.family;
            }
            if (e.sequential && e.family >= 0) {
                sequentialUnits[e.family] += line.units();
                if (firstSequentialLine[e.family] == 0) firstSequentialLine[e.family] = i + 1; // 1-based: 0 is none
            }
        }
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
            case "primary" -> codes.isEmpty() ? "" : codes.get(0);
            default -> null;
        });
        if (notes != null) note(i, RuleKind.ADDON_REQUIRES_PRIMARY, true, src, () -> e.code + " is an add-on of " + Texts.or(codes)
                + (codes.size() > 1 ? ", none of which is" : ", which is not") + " on the claim");
    }

    private void singleInitial(int i, ClaimLine line, Entry e) {
        if (!e.initial || !has(RuleKind.SINGLE_INITIAL_CODE)) return;
        ModifierRule.SecondInitial second = p.words.secondInitial;
        // Units on the first initial line are the MUE's business: injection codes count one unit
        // per injection, and CMS allows 2 units of some initial codes in the outpatient setting.
        if (i == firstInitial) {
            if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, false, text(RuleKind.SINGLE_INITIAL_CODE).provenance(),
                    () -> e.code + " is the first initial code of the claim");
            return;
        }
        String modifier = second == null ? null : firstPresent(line, second.modifiers());
        Provenance src = text(RuleKind.SINGLE_INITIAL_CODE).provenance();
        if (modifier != null) {
            Provenance excused = second.provenance();
            if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, false, excused, () -> "second initial code " + e.code
                    + " after " + lines.get(firstInitial).code() + " on line " + lines.get(firstInitial).line()
                    + " carries " + modifier + ": a separate IV site");
            return;
        }
        fire(i, RuleKind.SINGLE_INITIAL_CODE, line, line.units(), src, name -> switch (name) {
            case "initials" -> Texts.and(initialCodesBefore(i));
            case "modifiers" -> second == null ? "" : Texts.or(second.modifiers());
            default -> null;
        });
        if (notes != null) note(i, RuleKind.SINGLE_INITIAL_CODE, true, src, () -> "second initial code " + e.code
                + " after " + lines.get(firstInitial).code() + " on line " + lines.get(firstInitial).line()
                + (second == null ? "" : ", without modifier " + Texts.or(second.modifiers())));
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
        return PreparedPolicy.has(link, kind);
    }

    /** The policy's text for the kind: the common one unless the header says it has its own. */
    private RuleText text(RuleKind kind) {
        return ownText(link, kind) ? p.ownText(kind) : t.texts[kind.ordinal()];
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

    /** The initial codes billed on the lines before line i: what a second initial code duplicates. */
    private List<String> initialCodesBefore(int i) {
        List<String> codes = new ArrayList<>();
        for (int j = 0; j < i; j++) {
            if (entries[j] != null && entries[j].initial && !codes.contains(entries[j].code)) codes.add(entries[j].code);
        }
        return codes;
    }

    private List<String> authorizationIds(String code) {
        List<String> ids = new ArrayList<>();
        for (PriorAuthorization a : claim.authorizations()) {
            if (a.units().containsKey(code)) ids.add(a.id() == null ? "an authorization" : a.id());
        }
        return ids;
    }

    /** Names of the drugs on the claim of the family (inFamily) or of every other family. */
    private List<String> drugNames(int family, boolean inFamily) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < n; j++) {
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
