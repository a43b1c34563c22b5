package org.pplc.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.derive.Derivation;
import org.pplc.runtime.derive.Deriver;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.Drug;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;
import org.pplc.runtime.policy.Payer;
import org.pplc.runtime.policy.Plan;
import org.pplc.runtime.policy.Policy;
import org.pplc.runtime.policy.PolicySet;
import org.pplc.runtime.policy.Selection;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of correct coding over generated visits and claims, checked against the shipped
 * policies: an oracle that does not depend on the worked examples. Each property's tries are
 * bounded so the suite stays fast.
 *
 * <p>What "correctly documented" means for the generated visits: the drugs come from the shipped
 * drug table with their own family (chemo, therapeutic, hydration); pushes run 15 minutes or less,
 * infusions more; at most three chemo and three therapeutic drugs and at most 3 hours per chemo
 * infusion, so no Medically Unlikely Edit is legitimately exceeded; every administration code a
 * payer authorizes is on an authorization with room to spare; every drug's dose is charted (so its
 * drug line is billed, in its units, with JZ where single-dose); the visit is in 2026, when every
 * shipped plan is in force.
 */
class CodingPropertyTests {
    private static final Path POLICIES = Path.of("policies");
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);

    /** Compiled once for all properties. */
    private static final class Shipped {
        static final PolicySet POLICY_SET;
        static final Adjudicator ADJUDICATOR;
        static final Deriver DERIVER;
        /** The Medicare baseline every payer extends: its drug table and MUEs. */
        static final Policy MEDICARE;

        static {
            Compilation c = PolicyCompiler.compileDirectory(POLICIES);
            if (c.hasErrors()) throw new IllegalStateException("the shipped policies do not compile: " + c.diagnostics());
            POLICY_SET = c.policySet();
            ADJUDICATOR = new Adjudicator(POLICY_SET);
            DERIVER = new Deriver(POLICY_SET);
            MEDICARE = ((Selection.Found) POLICY_SET.select("medicare", null, DAY)).policy();
        }
    }

    /** Every (payer, plan) a claim may name: each payer without a plan and with each of its plans. */
    private static List<String[]> payersAndPlans() {
        List<String[]> out = new ArrayList<>();
        for (Payer p : Shipped.POLICY_SET.payers().values()) {
            out.add(new String[] {p.id(), null});
            for (Plan plan : p.plans()) out.add(new String[] {p.id(), plan.id()});
        }
        return out;
    }

    // ---- generated visits -------------------------------------------------------------------------

    /** Drugs of the table by family; S-codes left out (Medicare does not pay them). */
    private static List<Drug> drugs(String family) {
        return Shipped.MEDICARE.drugs().values().stream()
                .filter(d -> family.equals(d.category()) && !d.hcpcs().startsWith("S"))
                .sorted((a, b) -> a.hcpcs().compareTo(b.hcpcs())).toList();
    }

    /** A visit plus the seed that shuffles it, so a failure prints what to replay. */
    record Visit(Claim claim, long shuffleSeed) {
        @Override
        public String toString() {
            return claim.setting().id() + " visit " + claim.administrations().stream().map(a -> a.drug() + " "
                    + a.method().id() + " " + a.start().toLocalTime() + "-" + (a.end() == null ? "" : a.end().toLocalTime())
                    + (a.primary() ? " primary" : "") + (a.dose() == null ? "" : " " + a.dose().amount() + a.dose().unit()))
                    .collect(Collectors.joining("; ", "[", "]")) + " shuffle " + shuffleSeed;
        }
    }

    @Provide
    Arbitrary<Visit> visits() {
        return Arbitraries.randomValue(CodingPropertyTests::visit);
    }

    private static Visit visit(Random r) {
        Setting setting = r.nextBoolean() ? Setting.FACILITY : Setting.PROFESSIONAL;
        List<Administration> given = new ArrayList<>();
        LocalDateTime clock = DAY.atTime(8, 0);

        // hydration first (0-2 periods), then the therapeutic and chemo drugs in a random order
        int hydration = r.nextInt(3);
        Drug saline = drugs("hydration").get(r.nextInt(drugs("hydration").size()));
        for (int k = 0; k < hydration; k++) {
            int minutes = 20 + r.nextInt(80);
            given.add(new Administration(saline.name(), saline.hcpcs(), null, Method.INFUSION, clock, clock.plusMinutes(minutes),
                    "A", null, false));
            clock = clock.plusMinutes(minutes + r.nextInt(10));
        }
        List<Drug> therapeutic = new ArrayList<>(drugs("therapeutic"));
        List<Drug> chemo = new ArrayList<>(drugs("chemo"));
        Collections.shuffle(therapeutic, r);
        Collections.shuffle(chemo, r);
        List<Drug> picked = new ArrayList<>();
        picked.addAll(therapeutic.subList(0, r.nextInt(4)));
        picked.addAll(chemo.subList(0, r.nextInt(4)));
        Collections.shuffle(picked, r);
        Administration chemoInfusion = null;
        for (Drug d : picked) {
            boolean isChemo = "chemo".equals(d.category());
            int kind = r.nextInt(isChemo ? 2 : 3); // 0 infusion, 1 push, 2 injection (therapeutic only)
            // every drug's dose is charted: its drug line is billed, and the engine counts drugs by those lines
            Dose dose = new Dose(d.unitAmount().multiply(BigDecimal.valueOf(1 + r.nextInt(12))), d.unitOfMeasure());
            if (kind == 0) {
                int minutes = 16 + r.nextInt(isChemo ? 165 : 105);
                if (r.nextInt(6) == 0 && minutes >= 40) {
                    // interrupted and restarted: two pieces of one infusion, 20 minutes apart
                    int first = minutes / 2;
                    given.add(new Administration(d.name(), d.hcpcs(), null, Method.INFUSION, clock, clock.plusMinutes(first),
                            "A", dose, false));
                    clock = clock.plusMinutes(first + 20);
                    given.add(new Administration(d.name(), d.hcpcs(), null, Method.INFUSION, clock,
                            clock.plusMinutes(minutes - first), "A", null, false));
                    clock = clock.plusMinutes(minutes - first + r.nextInt(10));
                    continue;
                }
                Administration a = new Administration(d.name(), d.hcpcs(), null, Method.INFUSION, clock,
                        clock.plusMinutes(minutes), "A", dose, false);
                given.add(a);
                if (isChemo && chemoInfusion == null) chemoInfusion = a;
                clock = clock.plusMinutes(minutes + r.nextInt(10));
            } else if (kind == 1) {
                int minutes = 1 + r.nextInt(15);
                given.add(new Administration(d.name(), d.hcpcs(), null, Method.PUSH, clock, clock.plusMinutes(minutes),
                        "A", dose, false));
                clock = clock.plusMinutes(minutes + r.nextInt(10));
            } else {
                given.add(new Administration(d.name(), d.hcpcs(), null, Method.INJECTION, clock, clock.plusMinutes(1),
                        null, dose, false));
                clock = clock.plusMinutes(1 + r.nextInt(10));
            }
        }
        // a therapeutic drug not yet given, run alongside the first chemo infusion (leucovorin in FOLFOX)
        List<String> used = given.stream().map(Administration::hcpcs).toList();
        Drug alongside = therapeutic.stream().filter(d -> !used.contains(d.hcpcs())).findFirst().orElse(null);
        if (chemoInfusion != null && alongside != null && r.nextInt(4) == 0) {
            given.add(new Administration(alongside.name(), alongside.hcpcs(), null, Method.INFUSION, chemoInfusion.start(),
                    chemoInfusion.end(), "A", new Dose(alongside.unitAmount().multiply(BigDecimal.valueOf(4)), alongside.unitOfMeasure()),
                    false));
        }
        // a 46-hour fluorouracil pump started at the end of the visit
        if (r.nextInt(5) == 0) {
            Drug fu = Shipped.MEDICARE.drugs().get("J9190");
            given.add(new Administration(fu.name(), fu.hcpcs(), null, Method.PUMP, clock, clock.plusHours(46), "A",
                    new Dose(fu.unitAmount().multiply(BigDecimal.valueOf(5)), fu.unitOfMeasure()), false));
        }
        if (given.isEmpty()) {
            Drug d = therapeutic.get(0);
            given.add(new Administration(d.name(), d.hcpcs(), null, Method.PUSH, clock, clock.plusMinutes(3), "A",
                    new Dose(d.unitAmount(), d.unitOfMeasure()), false));
        }
        // professional: the main reason for the visit, usually marked, on an IV service
        if (setting == Setting.PROFESSIONAL && r.nextInt(4) != 0) {
            List<Integer> iv = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                Method m = given.get(i).method();
                if (m == Method.INFUSION || m == Method.PUSH) iv.add(i);
            }
            if (!iv.isEmpty()) {
                int i = iv.get(r.nextInt(iv.size()));
                Administration a = given.get(i);
                given.set(i, new Administration(a.drug(), a.hcpcs(), a.category(), a.method(), a.start(), a.end(), a.site(),
                        a.dose(), true));
            }
        }
        Claim claim = new Claim("GEN", "medicare", null, setting, setting == Setting.FACILITY ? "22" : "11", DAY,
                List.of(), List.of(), given);
        return new Visit(claim, r.nextLong());
    }

    /** The visit for a payer and plan, with an authorization that approves every code with room to spare. */
    private static Claim forPayer(Claim visit, String payer, String plan) {
        Map<String, Integer> units = new HashMap<>();
        for (String code : Shipped.MEDICARE.codes().keySet()) units.put(code, 20);
        return new Claim(visit.id(), payer, plan, visit.setting(), visit.placeOfService(), visit.dateOfService(), visit.lines(),
                List.of(new PriorAuthorization("PA-GEN", units)), visit.administrations());
    }

    private static Claim derive(Claim visit) {
        Derivation d = Shipped.DERIVER.derive(visit);
        Derivation.Derived derived = assertInstanceOf(Derivation.Derived.class, d, () -> "derive failed: " + d);
        return derived.claim();
    }

    /** A derived claim's lines as a billing expert compares them: code, units and modifiers, order aside. */
    private static List<String> coding(Claim claim) {
        return claim.lines().stream().map(l -> l.code() + " x" + l.units() + " " + l.modifiers()).sorted().toList();
    }

    /** Derive, then adjudicate under every payer and plan: a correctly documented visit is never denied. */
    @Property(tries = 300)
    void aCorrectlyDocumentedVisitIsNeverDenied(@ForAll("visits") Visit visit) {
        for (String[] pp : payersAndPlans()) {
            Claim claim = derive(forPayer(visit.claim(), pp[0], pp[1]));
            Result result = Shipped.ADJUDICATOR.evaluate(claim);
            List<Finding> denials = result.findings().stream().filter(f -> f.action() == Action.DENY).toList();
            assertTrue(denials.isEmpty(), () -> (pp[0] + (pp[1] == null ? "" : "/" + pp[1])) + " denies "
                    + denials.stream().map(f -> "line " + f.line() + " " + f.code() + " " + f.rule().id() + ": " + f.message())
                    .collect(Collectors.joining("; ")) + "\n  derived " + claim.lines().stream()
                    .map(l -> l.code() + " x" + l.units() + l.modifiers()).toList());
        }
    }

    /**
     * The order administrations are recorded in never changes what is billed (compared as code, units
     * and modifiers; the line numbers follow the record). More tries: few visits have two services
     * starting at the same minute, where the order used to decide.
     */
    @Property(tries = 500)
    void theOrderOfAdministrationsNeverChangesTheDerivedLines(@ForAll("visits") Visit visit) {
        Claim v = visit.claim();
        List<Administration> shuffled = new ArrayList<>(v.administrations());
        Collections.shuffle(shuffled, new Random(visit.shuffleSeed()));
        Claim reordered = new Claim(v.id(), v.payer(), v.plan(), v.setting(), v.placeOfService(), v.dateOfService(), v.lines(),
                v.authorizations(), shuffled);
        assertEquals(coding(derive(v)), coding(derive(reordered)), "recorded as " + shuffled.stream()
                .map(a -> a.drug() + " " + a.method().id()).toList());
    }

    // ---- generated claims ---------------------------------------------------------------------------

    /** A claim and the seed that reorders its lines. */
    record Lines(Claim claim, long shuffleSeed) {
        @Override
        public String toString() {
            return claim.payer() + (claim.plan() == null ? "" : "/" + claim.plan()) + " " + claim.setting().id() + " "
                    + claim.lines().stream().map(l -> l.line() + ":" + l.code() + "x" + l.units() + l.modifiers()).toList()
                    + " shuffle " + shuffleSeed;
        }
    }

    private static final List<List<String>> MODIFIERS = List.of(List.of(), List.of(), List.of(), List.of("59"), List.of("XU"),
            List.of("XS"), List.of("JZ"), List.of("JW"), List.of("JW", "JZ"));

    @Provide
    Arbitrary<Lines> claims() {
        return Arbitraries.randomValue(r -> {
            List<String> codes = new ArrayList<>(Shipped.MEDICARE.codes().keySet());
            codes.addAll(Shipped.MEDICARE.drugs().keySet());
            Collections.sort(codes);
            List<String[]> pps = payersAndPlans();
            String[] pp = pps.get(r.nextInt(pps.size()));
            Setting setting = r.nextBoolean() ? Setting.FACILITY : Setting.PROFESSIONAL;
            int n = 1 + r.nextInt(8);
            List<ClaimLine> lines = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                // a code seen before comes back now and then: per-day counting and duplicates matter most
                String code = i > 1 && r.nextInt(4) == 0 ? lines.get(r.nextInt(lines.size())).code() : codes.get(r.nextInt(codes.size()));
                lines.add(new ClaimLine(i, code, 1 + r.nextInt(4), MODIFIERS.get(r.nextInt(MODIFIERS.size()))));
            }
            List<PriorAuthorization> auths = r.nextBoolean() ? List.of()
                    : List.of(new PriorAuthorization("PA-R", Map.of(lines.get(0).code(), 1 + r.nextInt(3))));
            Claim c = new Claim("GEN", pp[0], pp[1], setting, null, DAY, lines, auths, List.of());
            return new Lines(c, r.nextLong());
        });
    }

    private static Set<String> findings(Claim claim) {
        Result result = Shipped.ADJUDICATOR.evaluate(claim);
        return result.findings().stream().map(f -> "line " + f.line() + " " + f.rule().id() + " " + f.action().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Line numbers travel with the lines: listing them in another order never changes a finding. */
    @Property(tries = 400)
    void theOrderOfLinesNeverChangesTheFindings(@ForAll("claims") Lines lines) {
        Claim c = lines.claim();
        List<ClaimLine> shuffled = new ArrayList<>(c.lines());
        Collections.shuffle(shuffled, new Random(lines.shuffleSeed()));
        Claim reordered = new Claim(c.id(), c.payer(), c.plan(), c.setting(), c.placeOfService(), c.dateOfService(), shuffled,
                c.authorizations(), c.administrations());
        assertEquals(findings(c), findings(reordered), "listed as " + shuffled.stream().map(l -> l.line() + ":" + l.code()).toList());
    }

    /** A per-day MUE (MAI 2 or 3) counts all units of the code that day: how they are split over lines never matters. */
    record Split(String payer, String plan, Setting setting, String code, int cap, List<Integer> parts) {
    }

    @Provide
    Arbitrary<Split> splits() {
        return Arbitraries.randomValue(r -> {
            Setting setting = r.nextBoolean() ? Setting.FACILITY : Setting.PROFESSIONAL;
            List<Mue> perDay = Shipped.MEDICARE.mues().stream()
                    .filter(m -> m.setting() == setting.mueSetting() && m.indicator().perDateOfService()).toList();
            Mue mue = perDay.get(r.nextInt(perDay.size()));
            int total = 1 + r.nextInt(mue.cap() + 3);
            int pieces = 2 + r.nextInt(Math.min(3, Math.max(1, total - 1)));
            List<Integer> parts = new ArrayList<>();
            int left = total;
            for (int k = 0; k < pieces - 1 && left > 1; k++) {
                int u = 1 + r.nextInt(left - 1);
                parts.add(u);
                left -= u;
            }
            parts.add(left);
            List<String[]> pps = payersAndPlans();
            String[] pp = pps.get(r.nextInt(pps.size()));
            return new Split(pp[0], pp[1], setting, mue.code(), mue.cap(), parts);
        });
    }

    private static boolean mueDenied(Split s, List<Integer> parts) {
        List<ClaimLine> lines = new ArrayList<>();
        for (int units : parts) lines.add(new ClaimLine(lines.size() + 1, s.code(), units, List.of()));
        Claim c = new Claim("GEN", s.payer(), s.plan(), s.setting(), null, DAY, lines, List.of(), List.of());
        return Shipped.ADJUDICATOR.evaluate(c).findings().stream()
                .anyMatch(f -> f.rule() == RuleKind.MUE_EXCEEDED && f.action() == Action.DENY && s.code().equals(f.code()));
    }

    @Property(tries = 300)
    void splittingUnitsOverLinesNeverChangesAPerDayMue(@ForAll("splits") Split s) {
        int total = s.parts().stream().mapToInt(Integer::intValue).sum();
        boolean whole = mueDenied(s, List.of(total));
        assertEquals(total > s.cap(), whole, "one line of " + total + " units against a cap of " + s.cap());
        assertEquals(whole, mueDenied(s, s.parts()), "split as " + s.parts());
    }
}
