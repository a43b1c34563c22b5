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
 * wording, the routing table) must give every policy exactly its own facts: checked for every
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
                assertEquals(text(o.messages[k]), text(w.messages[k]), policy.id());
                assertEquals(text(o.fixes[k]), text(w.fixes[k]), policy.id());
                assertEquals(text(o.appeals[k]), text(w.appeals[k]), policy.id());
            }
        }
        assertTrue(changed > 0, "some policy changes some code");
        sameResults(set);
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
        assertEquals(List.of(a.initial, a.sequential, a.addOn, a.professionalMue, a.facilityMue, a.professionalPerDay,
                        a.facilityPerDay, a.authorizationRequired, a.audit, a.allowedModifiers),
                List.of(e.initial, e.sequential, e.addOn, e.professionalMue, e.facilityMue, e.professionalPerDay,
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
                assertSame(expected.get(payer + "|" + plan), routes.get(payer, new String(plan)), payer + "|" + plan);
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
