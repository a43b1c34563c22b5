package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.CodeRules;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Adjudicator's shared tables (entries found in a table common to all policies unless a
 * policy's bit set says it changes the code, common rule texts with a per-policy mask, shared
 * wording, the routing table, the arena of the policies' hot data and their grants) must give
 * every policy exactly its own facts: checked for every
 * policy and every code of the shipped policies and of a generated set of 32 payers (one with an
 * id too long to pack), against the Policy itself and against the policy prepared on its own, and
 * results of varied claims for every payer, plan and setting against the policy prepared alone.
 */
class SharedTablesTest {
    private static final String[] ADMIN = {"96360", "96361", "96365", "96366", "96367", "96368", "96372", "96374",
            "96375", "96376", "96401", "96409", "96411", "96413", "96415", "96416", "96417", "96521"};
    private static final String[] DRUGS = {"J9312", "J9070", "J9000", "J9370", "J2405", "J9263", "J9190", "J0640"};

    @Test
    void shippedPolicies() throws IOException {
        check(compile(shipped()));
    }

    @Test
    void generatedPayers() throws IOException {
        PolicySet set = compile(generated(32));
        assertTrue(set.payers().size() > 32, "payers: " + set.payers().keySet());
        check(set);
        assertTrue(routing(set) > 0, "some route has a second candidate");
    }

    private static void check(PolicySet set) {
        Map<Policy, PreparedPolicy> prepared = PreparedPolicy.prepareAll(set.policies().values());
        TreeSet<String> codes = new TreeSet<>(List.of("99999", "J9999", ""));
        for (Policy p : set.policies().values()) {
            codes.addAll(p.codes().keySet());
            codes.addAll(p.drugs().keySet());
            codes.addAll(p.authorizations().keySet());
            codes.addAll(p.audits().keySet());
            for (Mue m : p.mues()) codes.add(m.code());
        }
        int changed = 0;
        for (Policy policy : set.policies().values()) {
            PreparedPolicy shared = prepared.get(policy);
            PreparedPolicy alone = PreparedPolicy.alone(policy);
            assertEquals(policy.id(), shared.id);
            for (String code : codes) {
                String where = policy.id() + " " + code;
                PreparedPolicy.Entry e = shared.entry(code);
                PreparedPolicy.Entry a = alone.entry(code);
                boolean primary = policy.codes().values().stream().anyMatch(c -> c.primaries().contains(code));
                CodeRules rules = policy.rulesFor(code);
                if (rules == null && policy.drugs().get(code) == null && !primary) {
                    assertNull(e, where);
                    assertNull(a, where);
                    continue;
                }
                assertNotNull(e, where);
                assertSame(rules, e.rules, where);
                assertSame(policy.drugs().get(code), e.drug, where);
                assertEquals(code, e.code, where);
                sameFacts(a, e, where);
                assertEquals(rules != null && rules.authorization() != null, e.authorization != null, where);
                assertEquals(rules == null || rules.outpatientMue() == null ? 0 : rules.outpatientMue().cap(), e.facilityCap, where);
                assertEquals(rules == null || rules.practitionerMue() == null ? 0 : rules.practitionerMue().cap(),
                        e.professionalCap, where);
                assertSame(rules == null ? null : rules.outpatientMue(), e.mue(Setting.FACILITY), where);
                assertSame(rules == null ? null : rules.practitionerMue(), e.mue(Setting.PROFESSIONAL), where);
                // primaries by number, as the checks compare them
                Code def = rules == null ? null : rules.definition();
                List<String> primaries = def == null || !def.addOn() ? List.of() : def.primaries();
                assertEquals(primaries.size(), e.primaries.length, where);
                for (int i = 0; i < primaries.size(); i++) assertEquals(shared.entry(primaries.get(i)).number, e.primaries[i], where);
                if (e != shared.tables().common[e.number]) changed++;
                packedFacts(shared, code, e, where);
            }
            for (RuleKind k : RuleKind.values()) {
                assertEquals(policy.rule(k), shared.text(k), policy.id() + " " + k);
                assertEquals(policy.rule(k) != null, shared.has(k), policy.id() + " " + k);
            }
            PreparedPolicy.Words w = shared.words, o = alone.words;
            assertArrayEquals(o.familyIds, w.familyIds, policy.id());
            assertArrayEquals(o.hourCodes, w.hourCodes, policy.id());
            assertEquals(o.sequentialCodes, w.sequentialCodes, policy.id());
            assertEquals(o.topFamily, w.topFamily, policy.id());
            assertEquals(o.families, w.families, policy.id());
            assertEquals(o.secondInitial, w.secondInitial, policy.id());
            assertEquals(o.drugLine, w.drugLine, policy.id());
            assertEquals(o.drugLineModifiers, w.drugLineModifiers, policy.id());
            for (int k = 0; k < RuleKind.values().length; k++) {
                assertEquals(text(o.texts[k][0]), text(w.texts[k][0]), policy.id()); // message
                assertEquals(text(o.texts[k][1]), text(w.texts[k][1]), policy.id()); // fix
                assertEquals(text(o.texts[k][2]), text(w.texts[k][2]), policy.id()); // appeal
            }
        }
        assertTrue(changed > 0, "some policy changes some code");
        arena(set, prepared);
        routing(set);
        // every policy's code with no entry: none found through the packed tables either
        for (PreparedPolicy p : prepared.values()) {
            for (String code : codes) {
                int number = p.number(code);
                if (number < 0 || p.entry(code) != null) continue;
                int rank = p.rank(number);
                if (rank < 0) assertNull(p.common(number), p.id + " " + code);
                else assertEquals(PreparedPolicy.NONE, p.ownFacts(rank), p.id + " " + code);
            }
        }
        sameResults(set);
    }

    /**
     * The facts the checks read for a line, as Evaluation finds them (the common table's packed
     * facts, or the policy's arena region after its bit set), are the entry's: every flag, every number
     * (or UNPACKED when it does not fit 16 bits), and the code part is the common entry's unless
     * OWN_CODE says to read the policy's own entry.
     */
    private static void packedFacts(PreparedPolicy p, String code, PreparedPolicy.Entry e, String where) {
        int number = p.number(code);
        assertEquals(e.number, number, where);
        int rank = p.rank(number);
        assertSame(e, rank < 0 ? p.common(number) : p.own(rank), where);
        long f = rank < 0 ? p.commonFacts(number) : p.ownFacts(rank);
        assertEquals(PreparedPolicy.pack(e), f & ~PreparedPolicy.OWN_CODE, where);
        assertEquals(0, f & PreparedPolicy.NONE, where);
        // a finding on the authorization takes these from the entry instead of the Provenance
        org.pplc.runtime.model.Provenance source = e.authorization == null ? null : e.authorization.provenance();
        assertSame(source, e.authorizationSource, where);
        assertEquals(source == null ? null : source.layer(), e.authorizationLayer, where);
        assertEquals(source == null ? null : source.citation(), e.authorizationCitation, where);
        assertEquals(List.of(e.professionalMue, e.facilityMue, e.professionalPerDay, e.facilityPerDay, e.authorization != null,
                        e.authorizationRequired, e.audit, e.allowedModifiers),
                List.of((f & PreparedPolicy.PRO_MUE) != 0, (f & PreparedPolicy.FAC_MUE) != 0, (f & PreparedPolicy.PRO_PER_DAY) != 0,
                        (f & PreparedPolicy.FAC_PER_DAY) != 0, (f & PreparedPolicy.AUTHORIZATION) != 0,
                        (f & PreparedPolicy.AUTHORIZATION_REQUIRED) != 0, (f & PreparedPolicy.AUDIT) != 0,
                        (f & PreparedPolicy.ALLOWED_MODIFIERS) != 0), where);
        assertEquals(packed(e.professionalCap), (int) (f >>> PreparedPolicy.PRO_CAP_SHIFT) & 0xFFFF, where);
        assertEquals(packed(e.facilityCap), (int) (f >>> PreparedPolicy.FAC_CAP_SHIFT) & 0xFFFF, where);
        assertEquals(packed(e.auditUnits), (int) (f >>> PreparedPolicy.AUDIT_UNITS_SHIFT) & 0xFFFF, where);
        if (rank < 0) {
            assertEquals(0, f & PreparedPolicy.OWN_CODE, where);
        } else if ((f & PreparedPolicy.OWN_CODE) == 0) {
            // the checks read the code part from the common entry: it must be the same
            PreparedPolicy.Entry c = p.common(number);
            assertNotNull(c, where);
            assertEquals(e.code, c.code, where);
            assertSame(e.definition, c.definition, where);
            assertSame(e.drug, c.drug, where);
            assertSame(e.primaries, c.primaries, where);
            assertEquals(List.of(e.family, e.drugFamily, e.initialIv, e.sequential, e.addOn),
                    List.of(c.family, c.drugFamily, c.initialIv, c.sequential, c.addOn), where);
        } else {
            assertFalse(e.sameCode(p.common(number)), where);
        }
    }

    /**
     * Every policy's hot data in the shared arena: its own region (no two overlap), the header's
     * dates the policy's, no next candidate before the routing links one, the bit set and facts
     * where rank() and ownFacts() find them, and the grants: exactly the own entries of rank below
     * 64 whose authorization has a provenance, with that entry's layer and citation, in rank order.
     */
    private static void arena(PolicySet set, Map<Policy, PreparedPolicy> prepared) {
        PreparedPolicy.Tables t = prepared.values().iterator().next().tables();
        long[] a = t.arena;
        boolean[] used = new boolean[a.length];
        int granted = 0;
        for (Policy policy : set.policies().values()) {
            PreparedPolicy p = prepared.get(policy);
            String where = policy.id();
            assertSame(t, p.tables(), where);
            assertEquals(policy.effectiveFrom().toEpochDay(), a[p.at + PreparedPolicy.FROM], where);
            assertEquals(policy.effectiveThrough() == null ? Long.MAX_VALUE : policy.effectiveThrough().toEpochDay(),
                    a[p.at + PreparedPolicy.THROUGH], where);
            assertEquals(-1, PreparedPolicy.nextAt(a[p.at + PreparedPolicy.LINK]), where);
            int owns = 0;
            for (int w = 0; w < t.bitWords; w++) owns += Long.bitCount(a[p.at + PreparedPolicy.HEADER + w]);
            for (int k = p.at, end = p.at + PreparedPolicy.HEADER + t.bitWords + owns; k < end; k++) {
                assertFalse(used[k], where + " overlaps another policy at " + k);
                used[k] = true;
            }
            long bits = a[p.at + PreparedPolicy.GRANTED];
            assertEquals(bits == 0, p.grantsAt < 0, where);
            int g = 0;
            for (int rank = 0; rank < owns; rank++) {
                PreparedPolicy.Entry e = p.own(rank);
                assertEquals(p.ownFacts(rank), a[p.at + PreparedPolicy.HEADER + t.bitWords + rank], where);
                boolean grant = rank < 64 && e != null && e.authorizationSource != null;
                assertEquals(grant, PreparedPolicy.grant(bits, rank) >= 0, where + " rank " + rank);
                if (!grant) continue;
                assertEquals(g, PreparedPolicy.grant(bits, rank), where + " rank " + rank);
                assertSame(e.authorizationLayer, t.grants[p.grantsAt + g + 1], where + " " + e.code);
                assertSame(e.authorizationCitation, t.grants[p.grantsAt + g + 2], where + " " + e.code);
                String position = t.grants[p.grantsAt + g];
                if (position != null) assertEquals(e.authorizationPosition(p.words), position, where + " " + e.code);
                assertEquals(e.authorizationPosition(p.words), p.grantPosition(g, rank), where + " " + e.code);
                g += 3;
                granted++;
            }
            assertEquals(3 * Long.bitCount(bits), g, where);
        }
        assertTrue(granted > 0, "some policy has grants");
    }

    /**
     * The Adjudicator's routing slots: for every payer and plan (and an unknown plan), the slot's
     * arena offset and grants are the first candidate's, and the arena's next links follow the
     * candidates' chain, so the Adjudicator finds the policy in force without reading the objects.
     */
    private static int routing(PolicySet set) {
        Adjudicator adjudicator = new Adjudicator(set);
        Routes routes;
        try {
            java.lang.reflect.Field f = Adjudicator.class.getDeclaredField("routes");
            f.setAccessible(true);
            routes = (Routes) f.get(adjudicator);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        int chained = 0;
        for (Payer payer : set.payers().values()) {
            List<String> plans = new ArrayList<>();
            plans.add("");
            for (Plan plan : payer.plans()) plans.add(plan.id());
            for (String plan : plans) {
                String where = payer.id() + "|" + plan;
                int slot = routes.slot(payer.id(), new String(plan));
                assertTrue(slot >= 0, where);
                PreparedPolicy first = routes.first(slot);
                assertSame(first, routes.get(payer.id(), plan), where);
                assertEquals(first == null ? -1 : first.at, routes.at(slot), where);
                assertEquals(first == null ? -1 : first.grantsAt, routes.grantsAt(slot), where);
                for (PreparedPolicy p = first; p != null; p = p.next) {
                    long[] a = p.tables().arena;
                    assertEquals(p.next == null ? -1 : p.next.at, PreparedPolicy.nextAt(a[p.at + PreparedPolicy.LINK]), where);
                    if (p.next != null) chained++;
                }
            }
            assertEquals(-1, routes.slot(payer.id(), "no-such-plan"), payer.id());
        }
        return chained;
    }

    /**
     * A payer with more than 64 own entries and authorizations on all of them: the authorizations of
     * rank 64 and up have no grants and their findings take the strings from the entry; with and
     * without explanation, claims give the results of the policy prepared alone.
     */
    @Test
    void authorizationsBeyondTheGrants() {
        List<SourceFile> files = new ArrayList<>(generated(4));
        StringBuilder b = new StringBuilder("payer many \"Many\" {\n  plan commercial \"Commercial\"\n}\n"
                + "policy many {\n  title \"Many\"\n  applies to payer many\n  extends medicare-part-b\n  effective 2025-01-01\n"
                + "  from \"Many bulletin\" {\n    prior authorization required for 96413, 96415\n  }\n");
        List<String> drugs = new ArrayList<>();
        for (int i = 1; i <= 80; i++) {
            String code = String.format("Q%04d", i);
            drugs.add(code);
            b.append("  drug ").append(code).append(" \"drug ").append(i).append("\" chemo, 1 mg per unit\n");
            b.append("  prior authorization ").append(i % 2 == 0 ? "required for " : "limits units of ").append(code).append('\n');
        }
        b.append("}\n");
        files.add(new SourceFile("policies/generated/many.ppl", b.toString()));
        PolicySet set = compile(files);
        check(set);
        Map<Policy, PreparedPolicy> prepared = PreparedPolicy.prepareAll(set.policies().values());
        PreparedPolicy many = prepared.get(set.policies().get("many"));
        long bits = many.tables().arena[many.at + PreparedPolicy.GRANTED];
        assertEquals(-1L, bits, "the first 64 own entries have grants");
        assertTrue(many.rank(many.number("Q0080")) >= 64, "Q0080 has no grant");
        Adjudicator adjudicator = new Adjudicator(set);
        Random random = new Random(5);
        int findings = 0;
        for (int c = 0; c < 200; c++) {
            List<ClaimLine> lines = new ArrayList<>();
            Map<String, Integer> approved = new LinkedHashMap<>();
            for (int i = 0; i < 6; i++) {
                String code = i == 0 ? (c % 2 == 0 ? "96413" : "96415") : drugs.get(random.nextInt(drugs.size()));
                lines.add(new ClaimLine(i + 1, code, 1 + random.nextInt(3), List.of()));
                if (random.nextBoolean()) approved.put(code, 1 + random.nextInt(2));
            }
            List<PriorAuthorization> auths = approved.isEmpty() ? List.of() : List.of(new PriorAuthorization("PA-" + c, approved));
            Claim claim = new Claim("M" + c, "many", c % 3 == 0 ? "commercial" : null, Setting.FACILITY, "22",
                    LocalDate.of(2026, 3, 2), lines, auths, List.of());
            for (boolean explain : new boolean[]{false, true}) {
                Result r = adjudicator.evaluate(claim, explain);
                assertEquals(new Evaluation(PreparedPolicy.alone(set.policies().get("many")), claim, explain).run(), r, "M" + c);
                findings += r.findings().size();
            }
        }
        assertTrue(findings > 200, findings + " findings");
    }

    private static int packed(int v) {
        return v >= 0 && v < PreparedPolicy.UNPACKED ? v : PreparedPolicy.UNPACKED;
    }

    /**
     * A payer whose numbers do not fit the packed facts (caps and audit units of 65,535 and more)
     * and whose own drug no other policy has (its entry's code part is its own): the checks read
     * them from the entry, with the same results as the policy prepared alone, and fire exactly
     * above the numbers.
     */
    @Test
    void unpackedNumbersAndOwnCodes() {
        List<SourceFile> files = new ArrayList<>(generated(4));
        files.add(new SourceFile("policies/generated/big.ppl", "payer big \"Big\" {\n  plan commercial \"Commercial\"\n}\n"
                + "policy big {\n  title \"Big\"\n  applies to payer big\n  extends medicare-part-b\n  effective 2025-01-01\n"
                + "  override mue 96413 practitioner 70000 per line, outpatient 65535 per day (clinical)\n"
                + "  audit 96417 above 100000 units\n"
                + "  audit 96415 above 65534 units\n"
                + "  drug Q9999 \"big drug\" chemo, 1 mg per unit, single-dose\n"
                + "  mue Q9999 practitioner 65536 per day (clinical), outpatient 3 per line\n"
                + "}\n"));
        PolicySet set = compile(files);
        check(set);
        Map<Policy, PreparedPolicy> prepared = PreparedPolicy.prepareAll(set.policies().values());
        PreparedPolicy big = prepared.get(set.policies().get("big"));
        assertEquals(PreparedPolicy.UNPACKED, (int) (big.ownFacts(big.rank(big.number("96413"))) >>> PreparedPolicy.PRO_CAP_SHIFT) & 0xFFFF);
        assertEquals(PreparedPolicy.UNPACKED, (int) (big.ownFacts(big.rank(big.number("96413"))) >>> PreparedPolicy.FAC_CAP_SHIFT) & 0xFFFF);
        assertEquals(65534, (int) (big.ownFacts(big.rank(big.number("96415"))) >>> PreparedPolicy.AUDIT_UNITS_SHIFT) & 0xFFFF);
        assertTrue((big.ownFacts(big.rank(big.number("Q9999"))) & PreparedPolicy.OWN_CODE) != 0, "Q9999 is big's own");
        Adjudicator adjudicator = new Adjudicator(set);
        RuleKind mue = RuleKind.MUE_EXCEEDED, audit = RuleKind.AUDIT_THRESHOLD;
        Object[][] cases = {
                // setting, code, units, the rule looked at, whether it fires on the line
                {Setting.PROFESSIONAL, "96413", 70000, mue, false}, {Setting.PROFESSIONAL, "96413", 70001, mue, true},
                {Setting.FACILITY, "96413", 65535, mue, false}, {Setting.FACILITY, "96413", 65536, mue, true},
                {Setting.FACILITY, "96417", 100000, audit, false}, {Setting.FACILITY, "96417", 100001, audit, true},
                {Setting.FACILITY, "96415", 65534, audit, false}, {Setting.FACILITY, "96415", 65535, audit, true},
                {Setting.PROFESSIONAL, "Q9999", 65536, mue, false}, {Setting.PROFESSIONAL, "Q9999", 65537, mue, true},
                {Setting.FACILITY, "Q9999", 3, mue, false}, {Setting.FACILITY, "Q9999", 4, mue, true},
        };
        for (Object[] c : cases) {
            Setting setting = (Setting) c[0];
            String code = (String) c[1];
            int units = (Integer) c[2];
            List<ClaimLine> lines = List.of(new ClaimLine(1, "96360", 1, List.of()), new ClaimLine(2, code, units, List.of("JW")));
            Claim claim = new Claim("B", "big", null, setting, setting == Setting.FACILITY ? "22" : "11", LocalDate.of(2026, 3, 2),
                    lines, List.of(), List.of());
            String where = Arrays.toString(c);
            for (boolean explain : new boolean[]{false, true}) {
                Result r = adjudicator.evaluate(claim, explain);
                assertEquals(new Evaluation(PreparedPolicy.alone(set.policies().get("big")), claim, explain).run(), r, where);
                long fired = r.findings().stream().filter(f -> f.line() == 2 && f.rule() == c[3]).count();
                assertEquals((Boolean) c[4] ? 1 : 0, fired, where);
            }
        }
    }

    private static String text(Template t) {
        return t == null ? null : t.fill(name -> "<" + name + ">");
    }

    private static void sameFacts(PreparedPolicy.Entry a, PreparedPolicy.Entry e, String where) {
        assertNotNull(a, where);
        assertSame(a.rules, e.rules, where);
        assertSame(a.drug, e.drug, where);
        assertSame(a.definition, e.definition, where);
        assertEquals(a.code, e.code, where);
        assertEquals(a.family, e.family, where);
        assertEquals(a.drugFamily, e.drugFamily, where);
        assertEquals(List.of(a.initialIv, a.sequential, a.addOn, a.professionalMue, a.facilityMue, a.professionalPerDay,
                        a.facilityPerDay, a.authorizationRequired, a.audit, a.allowedModifiers),
                List.of(e.initialIv, e.sequential, e.addOn, e.professionalMue, e.facilityMue, e.professionalPerDay,
                        e.facilityPerDay, e.authorizationRequired, e.audit, e.allowedModifiers), where);
        assertEquals(List.of(a.professionalCap, a.facilityCap, a.auditUnits), List.of(e.professionalCap, e.facilityCap, e.auditUnits), where);
        assertSame(a.authorization, e.authorization, where);
    }

    /** Varied claims for every payer, plan and setting: the Adjudicator as the policy prepared alone. */
    private static void sameResults(PolicySet set) {
        Adjudicator adjudicator = new Adjudicator(set);
        Random random = new Random(11);
        int findings = 0, claims = 0;
        for (Payer payer : set.payers().values()) {
            List<String> plans = new ArrayList<>();
            plans.add(null);
            for (Plan plan : payer.plans()) plans.add(plan.id());
            for (String plan : plans) {
                for (Setting setting : Setting.values()) {
                    for (LocalDate day : List.of(LocalDate.of(2025, 3, 1), LocalDate.of(2026, 6, 1))) {
                        for (int i = 0; i < 8; i++) {
                            Claim claim = claim(random, payer.id(), plan, setting, day, i);
                            Selection s = set.select(payer.id(), plan, day);
                            for (boolean explain : new boolean[]{false, true}) {
                                Result r = adjudicator.evaluate(claim, explain);
                                String where = payer.id() + "/" + plan + " " + setting + " " + day + " #" + i;
                                if (!(s instanceof Selection.Found f)) {
                                    assertTrue(r.isError(), where);
                                    continue;
                                }
                                Result expected = new Evaluation(PreparedPolicy.alone(f.policy()), claim, explain).run();
                                assertEquals(expected, r, where);
                                findings += r.findings().size();
                                claims++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(claims > 100 && findings > claims / 2, claims + " claims, " + findings + " findings");
    }

    private static Claim claim(Random r, String payer, String plan, Setting setting, LocalDate day, int index) {
        List<ClaimLine> lines = new ArrayList<>();
        int n = 1 + r.nextInt(12);
        String[] modifiers = {"JW", "JZ", "59", "XU", "25"};
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(30);
            String code = pick < ADMIN.length ? ADMIN[pick] : pick < ADMIN.length + DRUGS.length ? DRUGS[pick - ADMIN.length] : "99999";
            List<String> mods = r.nextInt(3) == 0 ? List.of(modifiers[r.nextInt(modifiers.length)]) : List.of();
            lines.add(new ClaimLine(i + 1, code, 1 + r.nextInt(index % 2 == 0 ? 3 : 12), mods));
        }
        List<PriorAuthorization> auths = new ArrayList<>();
        if (r.nextBoolean()) {
            Map<String, Integer> approved = new LinkedHashMap<>();
            for (int k = 0; k < 3; k++) approved.put(ADMIN[10 + r.nextInt(8)], 1 + r.nextInt(3));
            auths.add(new PriorAuthorization(r.nextBoolean() ? "PA-" + index : null, approved));
        }
        return new Claim("C" + index, payer, plan, setting, setting == Setting.FACILITY ? "22" : "11", day, lines, auths, List.of());
    }

    @Test
    void payerIdsPackDistinctly() {
        assertEquals(0, Routes.pack(""));
        assertEquals(0, Routes.pack("123456789"), "9 characters do not pack");
        assertEquals(0, Routes.pack("a\u0000"), "U+0000 does not pack");
        assertEquals(0, Routes.pack("\u0100"), "above U+00FF does not pack");
        assertNotEquals(0, Routes.pack("\u00ff\u00e9"));
        List<String> ids = List.of("a", "\u0001a", "a\u0001", "aa", "medicare", "medicar", "edicare", "p00001", "p00010",
                "p0001", "12345678", "\u00ff", "\u00ff\u00ff", "uhc", "aetna");
        TreeSet<Long> packed = new TreeSet<>();
        for (String id : ids) {
            assertNotEquals(0, Routes.pack(id), id);
            packed.add(Routes.pack(id));
        }
        assertEquals(ids.size(), packed.size(), "distinct ids, distinct keys");
    }

    @Test
    void routesFindWhatWasPut() {
        Map<String, PreparedPolicy> policies = new LinkedHashMap<>();
        PolicySet set = compile(generated(3));
        for (Policy p : set.policies().values()) policies.put(p.id(), PreparedPolicy.alone(p));
        List<PreparedPolicy> values = new ArrayList<>(policies.values());
        String[] payers = {"a", "\u0001a", "medicare", "a-payer-id-longer-than-eight", "a-payer-id-longer-than-eighT",
                "\u0100x", "", "p00001"};
        String[] plans = {"", "commercial", "medicare-advantage"};
        Routes routes = new Routes(payers.length * plans.length);
        Map<String, PreparedPolicy> expected = new LinkedHashMap<>();
        int k = 0;
        for (String payer : payers) {
            for (String plan : plans) {
                PreparedPolicy p = values.get(k++ % values.size());
                routes.put(payer, plan, p);
                expected.put(payer + "|" + plan, p);
            }
        }
        routes.put("a", "commercial", null); // replaces
        expected.put("a|commercial", null);
        for (String payer : payers) {
            for (String plan : plans) {
                PreparedPolicy p = expected.get(payer + "|" + plan);
                assertSame(p, routes.get(payer, new String(plan)), payer + "|" + plan);
                int slot = routes.slot(payer, new String(plan));
                assertEquals(p == null ? -1 : p.at, routes.at(slot), payer + "|" + plan);
                assertEquals(p == null ? -1 : p.grantsAt, routes.grantsAt(slot), payer + "|" + plan);
            }
            assertNull(routes.get(payer, "no-such-plan"), payer);
        }
        assertNull(routes.get("b", ""));
        assertNull(routes.get("a-payer-id-longer-than-eightx", ""));
        assertNull(routes.get("\u0001", ""));
    }

    private static PolicySet compile(List<SourceFile> sources) {
        Compilation c = PolicyCompiler.compileSources(sources);
        assertFalse(c.hasErrors(), () -> c.diagnostics().toString());
        return c.policySet();
    }

    private static List<SourceFile> shipped() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(Path.of("policies"))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".ppl")).sorted().toList()) {
                files.add(new SourceFile(p.toString().replace('\\', '/'), Files.readString(p)));
            }
        }
        return files;
    }

    private static List<SourceFile> generated(int payers) {
        List<SourceFile> files;
        try {
            files = shipped();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < payers; i++) {
            String id = i == payers - 1 ? "a-payer-id-longer-than-eight" : String.format("g%03d", i);
            list.append("payer ").append(id).append(" \"Generated ").append(i).append("\" {\n")
                    .append("  plan commercial \"Commercial\"\n  plan medicare-advantage \"Medicare Advantage\"\n}\n");
            StringBuilder b = new StringBuilder();
            b.append("policy ").append(id).append(" {\n  title \"Generated ").append(i).append("\"\n  applies to payer ")
                    .append(id).append("\n  extends medicare-part-b\n  effective 2025-01-01\n");
            if (i % 4 != 3) {
                b.append("  from \"Generated bulletin ").append(i).append("\" {\n");
                if (i % 3 == 0) b.append("    override mue 96417 outpatient ").append(3 + i % 2).append(" per day (clinical)\n");
                if (i % 2 == 0) b.append("    audit 96417 above 3 units\n");
                if (i % 4 == 1) b.append("    override rule mue-exceeded { carc 151 rarc none }\n");
                if (i % 5 == 2) b.append("    modifier JW, JZ, 59 allowed on J9000\n");
                if (i % 3 == 1) b.append("    prior authorization required for 96409\n");
                b.append("  }\n");
            }
            b.append("}\n");
            b.append("policy ").append(id).append("-commercial {\n  applies to payer ").append(id)
                    .append(" plan commercial\n  extends ").append(id).append("\n  effective ")
                    .append(i % 2 == 0 ? "2025-01-01" : "2026-01-01").append('\n');
            if (i % 2 == 0) b.append("  prior authorization required for 96413, 96415\n");
            if (i % 3 == 1) b.append("  prior authorization limits units of 96417\n");
            b.append("}\n");
            if (i % 3 != 2) {
                b.append("policy ").append(id).append("-medicare-advantage {\n  applies to payer ").append(id)
                        .append(" plan medicare-advantage\n  extends ").append(id).append("\n  effective 2025-01-01\n}\n");
            }
            files.add(new SourceFile("policies/generated/" + id + ".ppl", b.toString()));
        }
        files.add(new SourceFile("policies/generated/payers.ppl", list.toString()));
        return files;
    }
}
