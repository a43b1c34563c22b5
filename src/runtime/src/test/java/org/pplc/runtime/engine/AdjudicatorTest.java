package org.pplc.runtime.engine;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.model.Action;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Role;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pplc.runtime.engine.Fixture.claim;
import static org.pplc.runtime.engine.Fixture.lines;
import static org.pplc.runtime.model.Setting.FACILITY;
import static org.pplc.runtime.model.Setting.PROFESSIONAL;

class AdjudicatorTest {
    private final Adjudicator engine = new Adjudicator(Fixture.set());

    private Result medicare(Setting setting, String... specs) {
        return engine.evaluate(claim("medicare", null, setting, lines(specs)));
    }

    private static List<RuleKind> rules(Result r) {
        return r.findings().stream().map(Finding::rule).toList();
    }

    @Test
    void correctedRegimensOfDomainPassUnderMedicare() {
        Result rchop = medicare(FACILITY, "96413", "96415x3", "96417", "96411x2", "96375x2",
                "J9312x68:JZ", "J9070x10", "J9000x5:JZ", "J9370x2:JW", "J1200", "J2405x8");
        assertEquals(Decision.PASS, rchop.decision(), () -> rchop.findings().toString());
        assertEquals("medicare", rchop.policy());
        Result folfox = medicare(FACILITY, "96413", "96415", "96368", "96411", "96416",
                "J9263x170:JZ", "J0640x8", "J9190x10");
        assertEquals(Decision.PASS, folfox.decision(), () -> folfox.findings().toString());
        Result folfirinox = medicare(FACILITY, "96413", "96415", "96417", "96367", "96366", "96411", "96416",
                "J9263x170:JZ", "J9206x18:JZ", "J0640x8", "J9190x10");
        assertEquals(Decision.PASS, folfirinox.decision(), () -> folfirinox.findings().toString());
    }

    @Test
    void addOnWithoutItsPrimaryIsDeniedWithTheCodeDefinitionAsSource() {
        Result r = medicare(FACILITY, "96409", "96417");
        assertEquals(Decision.DENY, r.decision());
        Finding f = r.findings().get(0);
        assertEquals(RuleKind.ADDON_REQUIRES_PRIMARY, f.rule());
        assertEquals(2, f.line());
        assertEquals("96417 is an add-on of 96413, which is not on this claim", f.message());
        assertEquals("Add the 96413 line for the first service of the visit", f.fix());
        assertEquals("107", f.carc());
        assertEquals(List.of("N122"), f.rarc());
        assertEquals("core", f.layer());
        assertEquals(Fixture.set().policy("medicare").codes().get("96417").provenance().source().toString(), f.source());
        assertEquals("96417", f.code());
        // 96411 may follow 96409: passes
        assertEquals(Decision.PASS, medicare(FACILITY, "96409", "96411").decision());
        // primaries joined for the reader
        Result two = medicare(FACILITY, "96411");
        assertEquals("96411 is an add-on of 96409 or 96413, which is not on this claim", two.findings().get(0).message());
    }

    @Test
    void mueCapDependsOnTheSetting() {
        Result facility = medicare(FACILITY, "96360", "96361x20");
        assertEquals(Decision.PASS, facility.decision(), () -> facility.findings().toString());
        Result office = medicare(PROFESSIONAL, "96360", "96361x20");
        assertEquals(List.of(RuleKind.MUE_EXCEEDED), rules(office));
        Finding f = office.findings().get(0);
        assertEquals("96361: 20 units exceed the practitioner MUE of 8 per day (clinical)", f.message());
        assertEquals("medicare", f.layer());
        assertEquals("CMS MUE table, 2024-07-01", f.citation());
    }

    @Test
    void perDayMueSumsEveryLineOfTheCodeAndReportsOnTheFirst() {
        Result r = medicare(FACILITY, "96413", "96375x4", "96375x3");
        assertEquals(List.of(RuleKind.MUE_EXCEEDED), rules(r));
        assertEquals(2, r.findings().get(0).line());
        assertTrue(r.findings().get(0).message().startsWith("96375: 7 units"));
    }

    @Test
    void perLineMueLooksAtEachLineAlone() {
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "J9312x60:JZ", "J9312x60:JZ").decision());
        Result r = medicare(FACILITY, "96413", "J9312x60:JZ", "J9312x120:JZ");
        assertEquals(List.of(RuleKind.MUE_EXCEEDED), rules(r));
        assertEquals(3, r.findings().get(0).line());
    }

    @Test
    void capZeroAndFacilityOnlyCodeInTheOffice() {
        Result r = medicare(PROFESSIONAL, "96374", "96376");
        assertEquals(List.of(RuleKind.SETTING_NOT_ALLOWED, RuleKind.MUE_EXCEEDED), rules(r));
        assertEquals("96376 may be billed in facility only, not professional", r.findings().get(0).message());
        assertEquals(Decision.PASS, medicare(FACILITY, "96374", "96376").decision());
    }

    @Test
    void oneInitialCodePerEncounterUnlessASeparateSite() {
        Result r = medicare(FACILITY, "96413", "96365");
        assertEquals(List.of(RuleKind.SINGLE_INITIAL_CODE), rules(r));
        assertEquals(2, r.findings().get(0).line());
        assertEquals("96365 is a second initial code (96413) without 59, XU or XS", r.findings().get(0).message());
        assertNull(r.findings().get(0).appeal());
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "96365:XU").decision());
        // extra units of the first initial code are the MUE's to judge, not this rule's
        Result twice = medicare(FACILITY, "96413x2");
        assertEquals(List.of(RuleKind.MUE_EXCEEDED), rules(twice));
        // pump start and refill are services of their own, billed with 96413
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "96416", "96521").decision());
    }

    /** Injections are reported per injection, beside each other and beside IV codes (CPT; NCCI Policy Manual, Chapter XI). */
    @Test
    void injectionsAreNeverTheOneInitialCode() {
        for (Setting s : Setting.values()) {
            assertEquals(List.of(), rules(medicare(s, "96372", "96413", "96401")), s.id());
            assertEquals(List.of(), rules(medicare(s, "96401x2", "96372", "96374")), s.id());
        }
        // the IV codes still count among themselves, whatever injections stand before them
        assertEquals(List.of(RuleKind.SINGLE_INITIAL_CODE), rules(medicare(FACILITY, "96372", "96413", "96365")));
    }

    /** The repair of an orphan add-on names the initial code of its own family and method, not the first primary listed. */
    @Test
    void orphanAddOnFixNamesThePrimaryOfItsOwnKind() {
        assertEquals("Add the 96365 line for the first service of the visit", medicare(FACILITY, "96367").findings().get(0).fix());
        assertEquals("Add the 96374 line for the first service of the visit", medicare(FACILITY, "96375").findings().get(0).fix());
        assertEquals("Add the 96360 line for the first service of the visit", medicare(FACILITY, "96361").findings().get(0).fix());
        assertEquals("Add the 96365 line for the first service of the visit", medicare(FACILITY, "96366").findings().get(0).fix());
        assertEquals("Send the record showing 96409", medicare(FACILITY, "96411").findings().get(0).appeal());
    }

    /** An authorization on the claim that does not list a code is not a missing one: its own finding, with its ids. */
    @Test
    void anAuthorizationThatDoesNotListTheCodeDoesNotCoverIt() {
        PriorAuthorization pa = new PriorAuthorization("PA-7", Map.of("96413", 1));
        for (boolean explain : new boolean[] {false, true}) {
            Claim c = claim("uhc", null, FACILITY, List.of(pa), lines("96413", "96415x2"));
            Result r = explain ? engine.evaluate(c, true) : engine.evaluate(c);
            assertEquals(List.of(RuleKind.AUTHORIZATION_NOT_COVERING), rules(r));
            assertEquals("96415 is not covered by PA-7", r.findings().get(0).message());
            assertEquals("Add 96415 to PA-7", r.findings().get(0).fix());
            assertEquals("197", r.findings().get(0).carc());
        }
        PriorAuthorization other = new PriorAuthorization("PA-8", Map.of("96417", 1));
        Result two = engine.evaluate(claim("uhc", null, FACILITY, List.of(pa, other), lines("96413", "96415")));
        assertEquals("96415 is not covered by PA-7 and PA-8", two.findings().get(0).message());
    }

    @Test
    void authorizationRequiredAndWithinApprovedUnits() {
        Claim none = claim("uhc", null, FACILITY, lines("96413", "96415x2"));
        Result r = engine.evaluate(none);
        assertEquals("uhc", r.policy());
        assertEquals(List.of(RuleKind.AUTHORIZATION_MISSING, RuleKind.AUTHORIZATION_MISSING), rules(r));
        assertEquals("uhc", r.findings().get(0).layer());

        PriorAuthorization pa = new PriorAuthorization("PA-1", Map.of("96413", 1, "96415", 1, "96417", 1));
        Result over = engine.evaluate(claim("uhc", null, FACILITY, List.of(pa), lines("96413", "96415x2", "96417")));
        assertEquals(List.of(RuleKind.AUTHORIZATION_EXCEEDED), rules(over));
        assertEquals("96415: 2 billed, 1 approved by PA-1", over.findings().get(0).message());

        PriorAuthorization pa2 = new PriorAuthorization("PA-2", Map.of("96415", 1));
        Result within = engine.evaluate(claim("uhc", null, FACILITY, List.of(pa, pa2), lines("96413", "96415x2", "96417")));
        assertEquals(Decision.PASS, within.decision(), () -> within.findings().toString());
        // 96417 is not required to be authorized: without any authorization it passes
        Result unlisted = engine.evaluate(claim("uhc", null, FACILITY, List.of(new PriorAuthorization("PA-3",
                Map.of("96413", 1))), lines("96413", "96417")));
        assertEquals(Decision.PASS, unlisted.decision(), () -> unlisted.findings().toString());
    }

    @Test
    void auditThresholdSendsToReview() {
        PriorAuthorization pa = new PriorAuthorization("PA-1", Map.of("96413", 1, "96417", 3));
        Result r = engine.evaluate(claim("uhc", "commercial", FACILITY, List.of(pa),
                lines("96413", "96417x3", "J9312:JZ", "J9000:JZ", "J9370:JZ", "J9263:JZ")));
        assertEquals("uhc-commercial", r.policy());
        assertEquals(List.of(RuleKind.AUDIT_THRESHOLD), rules(r));
        assertEquals(Action.REVIEW, r.findings().get(0).action());
        assertEquals(Decision.REVIEW, r.decision());
        assertEquals("96417 above 2 units goes to review", r.findings().get(0).message());
    }

    @Test
    void singleDoseDrugNeedsJwOrJz() {
        Result r = medicare(FACILITY, "96413", "J9312x68", "J9070x10");
        assertEquals(List.of(RuleKind.DRUG_MODIFIER_REQUIRED), rules(r));
        assertEquals("rituximab (J9312) is single-dose: add JW or JZ", r.findings().get(0).message());
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "J9312x68:JW", "J9070x10").decision());
    }

    @Test
    void theAdministeredAmountBesideAJwLineNeedsNoModifier() {
        // 675 mg given from 700 mg of vials: 68 units administered, 2 units discarded on a JW line
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "J9312x68", "J9312x2:JW", "J9070x10").decision());
        Result bare = medicare(FACILITY, "96413", "J9312x68", "J9312x2", "J9070x10");
        assertEquals(List.of(RuleKind.DRUG_MODIFIER_REQUIRED, RuleKind.DRUG_MODIFIER_REQUIRED), rules(bare));
    }

    @Test
    void modifierOutsideThePlanListIsFlagged() {
        PriorAuthorization pa = new PriorAuthorization("PA-1", Map.of("96413", 1));
        Result r = engine.evaluate(claim("uhc", "commercial", FACILITY, List.of(pa), lines("96413:25")));
        assertEquals(List.of(RuleKind.MODIFIER_NOT_ALLOWED), rules(r));
        assertEquals("25 is not allowed on 96413 (59, XU or JW)", r.findings().get(0).message());
        assertEquals(Decision.WARN, r.decision());
        assertEquals(Decision.PASS, engine.evaluate(claim("uhc", "commercial", FACILITY, List.of(pa), lines("96413:XU"))).decision());
    }

    @Test
    void sequentialChemoBeyondTheDistinctDrugs() {
        Result same = medicare(FACILITY, "96413", "96415", "96417", "J9312x68:JZ");
        assertEquals(List.of(RuleKind.SEQUENTIAL_SAME_DRUG), rules(same));
        assertEquals("96417 x1 but only rituximab on the claim", same.findings().get(0).message());
        assertEquals("Bill extra time with 96415", same.findings().get(0).fix());

        Result premed = medicare(FACILITY, "96413", "96417", "J9312x68:JZ", "J1200");
        assertEquals(List.of(RuleKind.CHEMO_ADDON_FOR_PREMEDICATION), rules(premed));
        assertEquals("Bill diphenhydramine with 96367 or 96375", premed.findings().get(0).fix());

        // without drug lines the claim cannot tell: no finding
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "96417").decision());
        // two distinct chemo drugs: one sequential unit is right
        assertEquals(Decision.PASS, medicare(FACILITY, "96413", "96417", "J9312x68:JZ", "J9070x10").decision());
    }

    @Test
    void planLayerOverridesPayerWhichOverridesMedicare() {
        Claim base = claim("medicare", null, FACILITY, lines("96413", "96415x9"));
        assertEquals("96", engine.evaluate(base).findings().get(0).carc());
        PriorAuthorization pa = new PriorAuthorization("PA-1", Map.of("96413", 1, "96415", 9));
        Result payer = engine.evaluate(claim("uhc", null, FACILITY, List.of(pa), lines("96413", "96415x9")));
        assertEquals("151", payer.findings().get(0).carc());
        assertEquals(List.of(), payer.findings().get(0).rarc());
        assertEquals("uhc", payer.policy());
        Result plan = engine.evaluate(claim("uhc", "commercial", FACILITY, List.of(pa), lines("96413", "96415x9")));
        assertEquals("uhc-commercial", plan.policy());
        assertEquals(List.of("N640"), plan.findings().get(0).rarc());
        // the cap itself still comes from the Medicare table
        assertEquals("medicare", plan.findings().get(0).layer());
    }

    @Test
    void effectiveDatesChooseThePolicyOrGiveAnError() {
        Claim early = new Claim("E-1", "uhc", "commercial", FACILITY, null, LocalDate.of(2025, 6, 1),
                List.of(lines("96413")), List.of(new PriorAuthorization("PA", Map.of("96413", 1))), List.of());
        assertEquals("uhc", engine.evaluate(early).policy()); // the plan layer starts 2026-01-01
        Claim tooEarly = new Claim("E-2", "medicare", null, FACILITY, null, LocalDate.of(2020, 1, 1),
                List.of(lines("96413")), List.of(), List.of());
        Result r = engine.evaluate(tooEarly);
        assertEquals(Decision.ERROR, r.decision());
        assertEquals("no policy of payer 'medicare' is in force on 2020-01-01", r.error());
        assertEquals("E-2", r.id());
    }

    @Test
    void unknownPayerIsAnErrorWithASuggestion() {
        Result r = engine.evaluate(claim("uhcc", null, FACILITY, lines("96413")));
        assertEquals(Decision.ERROR, r.decision());
        assertEquals("unknown payer 'uhcc' (did you mean uhc?)", r.error());
        assertTrue(r.findings().isEmpty());
    }

    @Test
    void strongestActionDecides() {
        PriorAuthorization pa = new PriorAuthorization("PA-1", Map.of("96413", 1, "96417", 3));
        Result r = engine.evaluate(claim("uhc", "commercial", FACILITY, List.of(pa),
                lines("96413:25", "96417x3", "J9312", "J9000:JZ", "J9370:JZ", "J9263:JZ")));
        assertEquals(List.of(RuleKind.MODIFIER_NOT_ALLOWED, RuleKind.AUDIT_THRESHOLD, RuleKind.DRUG_MODIFIER_REQUIRED), rules(r));
        assertEquals(Decision.DENY, r.decision());
    }

    @Test
    void explanationSaysWhyEachLinePassedOrFired() {
        Result r = engine.evaluate(claim("medicare", null, FACILITY, lines("96413", "96417", "96409")), true);
        assertEquals(3, r.explanation().size());
        LineExplanation second = r.explanation().get(1);
        assertEquals("96417", second.code());
        Explanation mue = second.checks().stream().filter(e -> e.rule() == RuleKind.MUE_EXCEEDED).findFirst().orElseThrow();
        assertEquals("passed", mue.outcome());
        assertEquals("96417 units 1 within the outpatient MUE of 3 per day (clinical)", mue.reason());
        assertEquals("medicare", mue.layer());
        Explanation addOn = second.checks().stream().filter(e -> e.rule() == RuleKind.ADDON_REQUIRES_PRIMARY).findFirst().orElseThrow();
        assertEquals("96417 is an add-on of 96413; 96413 is on line 1", addOn.reason());
        assertEquals("core", addOn.layer());
        Explanation initial = r.explanation().get(2).checks().stream()
                .filter(e -> e.rule() == RuleKind.SINGLE_INITIAL_CODE).findFirst().orElseThrow();
        assertEquals("fired", initial.outcome());
        assertEquals("second initial IV code 96409 beside 96413 on line 1, which stands (highest in the hierarchy), without modifier 59, XU or XS", initial.reason());
        assertNull(engine.evaluate(claim("medicare", null, FACILITY, lines("96413"))).explanation());
    }

    @Test
    void missingRuleTextSkipsTheCheck() {
        // the core layer has no mue-exceeded text: a policy built on it alone does not check MUEs
        Fixture.Builder b = Fixture.core();
        b.mue("core", Fixture.CORE, "96413", 1, org.pplc.runtime.model.Mai.PER_DAY_CLINICAL, 1, org.pplc.runtime.model.Mai.PER_DAY_CLINICAL);
        var policy = b.build("bare", "bare", null, null, LocalDate.of(2024, 1, 1), null);
        var set = new org.pplc.runtime.policy.PolicySet(List.of(new org.pplc.runtime.policy.Payer("bare", "Bare", List.of(), null)), List.of(policy));
        Result r = new Adjudicator(set).evaluate(claim("bare", null, FACILITY, lines("96413x3")), true);
        assertTrue(rules(r).stream().noneMatch(k -> k == RuleKind.MUE_EXCEEDED));
        assertTrue(r.explanation().get(0).checks().stream().noneMatch(e -> e.rule() == RuleKind.MUE_EXCEEDED));
    }

    @Test
    void addOnsSharedBetweenPoliciesStillSeeTheirPrimariesIncludingAddOnsAndCycles() {
        // Two payers with the same core: the Adjudicator shares their equal entries, so the add-on
        // checks (presence by identity) must hold on each; 96368 has the add-on 96366 among its
        // primaries, and 99901 / 99902 are add-ons of each other.
        List<org.pplc.runtime.policy.Policy> policies = new java.util.ArrayList<>();
        List<org.pplc.runtime.policy.Payer> payers = new java.util.ArrayList<>();
        for (String payer : List.of("one", "two")) {
            Fixture.Builder b = Fixture.core()
                    .code("99901", true, "therapeutic", Method.INFUSION, Role.CONCURRENT, "99902")
                    .code("99902", true, "therapeutic", Method.INFUSION, Role.CONCURRENT, "99901");
            b.rules.putAll(Fixture.set().policy("medicare").rules());
            policies.add(b.build(payer, payer, null, null, LocalDate.of(2024, 1, 1), null));
            payers.add(new org.pplc.runtime.policy.Payer(payer, payer, List.of(), null));
        }
        Adjudicator engine = new Adjudicator(new org.pplc.runtime.policy.PolicySet(payers, policies));
        for (String payer : List.of("one", "two")) {
            Result withPrimary = engine.evaluate(claim(payer, null, FACILITY, lines("96365", "96366", "96368")));
            assertTrue(rules(withPrimary).stream().noneMatch(k -> k == RuleKind.ADDON_REQUIRES_PRIMARY), payer);
            Result addOnPrimaryOnly = engine.evaluate(claim(payer, null, FACILITY, lines("96366", "96368")));
            // 96368 is satisfied by the add-on 96366; 96366 itself lacks its primary
            assertEquals(List.of("96366"), addOnPrimaryOnly.findings().stream()
                    .filter(f -> f.rule() == RuleKind.ADDON_REQUIRES_PRIMARY).map(Finding::code).toList(), payer);
            Result cycle = engine.evaluate(claim(payer, null, FACILITY, lines("99901", "99902")));
            assertTrue(rules(cycle).stream().noneMatch(k -> k == RuleKind.ADDON_REQUIRES_PRIMARY), payer);
            Result half = engine.evaluate(claim(payer, null, FACILITY, lines("99901")));
            assertEquals(List.of("99901"), half.findings().stream()
                    .filter(f -> f.rule() == RuleKind.ADDON_REQUIRES_PRIMARY).map(Finding::code).toList(), payer);
        }
    }
}
