package org.pplc.runtime.derive;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pplc.runtime.claim.InvalidClaimException;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.model.Setting;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pplc.runtime.derive.Visits.codes;
import static org.pplc.runtime.derive.Visits.derived;
import static org.pplc.runtime.derive.Visits.given;
import static org.pplc.runtime.derive.Visits.visit;
import static org.pplc.runtime.model.Method.INFUSION;
import static org.pplc.runtime.model.Method.PUMP;
import static org.pplc.runtime.model.Method.PUSH;
import static org.pplc.runtime.model.Setting.FACILITY;
import static org.pplc.runtime.model.Setting.PROFESSIONAL;

/** The coding rules of issue 17, each on visits of its own (drugs, times and settings chosen here). */
class VisitRulesTest {
    private final Deriver deriver = new Deriver(TestPolicies.standard());

    private Derivation derive(Claim visit) {
        return deriver.derive(visit);
    }

    private static String because(Derivation d, String code) {
        return derived(d).claim().lines().stream().filter(l -> l.code().equals(code)).findFirst()
                .map(ClaimLine::because).orElseThrow(() -> new AssertionError("no line " + code + " in " + codes(d)));
    }

    private static boolean noted(Derivation d, String text) {
        return derived(d).notes().stream().anyMatch(n -> n.contains(text));
    }

    private static Administration at(String drug, String hcpcs, String category, org.pplc.runtime.model.Method method,
                                     String start, int minutes, String site) {
        return given(drug, hcpcs, category, method, start, minutes, site, null, false);
    }

    private static Administration primary(String drug, String hcpcs, String category, org.pplc.runtime.model.Method method,
                                          String start, int minutes) {
        return given(drug, hcpcs, category, method, start, minutes, "A", null, true);
    }

    @Nested
    class TheSameDrugIsOneService {
        @Test
        void anInfusionStoppedForAReactionAndRestartedIsTimedAsOne() {
            // 60 + 60 minutes of rituximab with a 20-minute pause: 120 minutes, one added hour
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("rituximab", "J9312", "chemo", INFUSION, "10:20", 60)));
            assertEquals(List.of("96413 x1", "96415 x1"), codes(d));
            assertTrue(because(d, "96415").contains("rituximab ran 120 minutes in all"), because(d, "96415"));
            assertTrue(because(d, "96413").contains("given in 2 pieces (09:00-10:00, 10:20-11:20), timed as one"),
                    because(d, "96413"));
        }

        // three bags of one drug: their minutes add up before the 30-minute rule of the additional hours
        @ParameterizedTest(name = "three bags of {0} minutes -> {1}")
        @CsvSource({"10, 96365 x1", "30, 96365 x1", "31, 96365 x1|96366 x1", "50, 96365 x1|96366 x1",
                "51, 96365 x1|96366 x2"})
        void severalBagsAddUp(int each, String expected) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("infliximab", "J1745", "therapeutic", INFUSION, "09:00", each),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "10:00", each),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "11:00", each)));
            assertEquals(List.of(expected.split("\\|")), codes(d));
        }

        @Test
        void aShortPieceRecordedAsAnInfusionIsPartOfItsInfusionNotAPush() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("infliximab", "J1745", "therapeutic", INFUSION, "09:00", 10),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "09:10", 90)));
            assertEquals(List.of("96365 x1", "96366 x1"), codes(d));
        }

        private Claim ondansetronInfusedThenPushed(Setting setting) {
            return visit("medicare", setting,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("ondansetron", "J2405", "therapeutic", INFUSION, "10:00", 30),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "11:30", 2));
        }

        @Test
        void aPushOfATherapeuticDrugAfterItsInfusionIs96376InTheFacility() {
            Derivation d = derive(ondansetronInfusedThenPushed(FACILITY));
            assertEquals(List.of("96413 x1", "96367 x1", "96376 x1"), codes(d));
            assertEquals("ondansetron was pushed at 11:30 and is also infused at the visit: a push of the same drug,"
                    + " not of a new one", because(d, "96376"));
        }

        @Test
        void aPushOfATherapeuticDrugAfterItsInfusionIsNotBilledByAPractitioner() {
            Derivation d = derive(ondansetronInfusedThenPushed(PROFESSIONAL));
            assertEquals(List.of("96413 x1", "96367 x1"), codes(d));
            assertTrue(noted(d, "96376 is billed in the facility setting only: not billed in the professional setting"),
                    derived(d).notes().toString());
        }

        @Test
        void aPushBeforeTheInfusionOfTheSameDrugIsNotANewDrugEither() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("ondansetron", "J2405", "therapeutic", PUSH, "08:40", 2),
                    given("ondansetron", "J2405", "therapeutic", INFUSION, "09:00", 40)));
            // the infusion is the initial service; the push of the same drug is 96376, never 96375
            assertEquals(List.of("96365 x1", "96376 x1"), codes(d));
        }

        // 96376 is not reported within 30 minutes of a reported push of that drug
        @ParameterizedTest(name = "pushes at 10:00 and {0} -> {1}")
        @CsvSource({"10:10, 96374 x1", "10:29, 96374 x1", "10:30, 96374 x1|96376 x1", "11:00, 96374 x1|96376 x1"})
        void aRepeatPushWithinThirtyMinutesOfAReportedPushIsNotBilled(String second, String expected) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:00", 2),
                    given("ondansetron", "J2405", "therapeutic", PUSH, second, 2)));
            assertEquals(List.of(expected.split("\\|")), codes(d));
            if (!expected.contains("96376")) {
                assertTrue(noted(d, "within 30 minutes of its reported push at 10:00: 96376 is not reported then"),
                        derived(d).notes().toString());
            }
        }

        @Test
        void theThirtyMinutesCountFromAReportedPushOnly() {
            // 10:20 is not billed (20 minutes after 10:00); 10:40 is 40 minutes after the reported one: 96376
            Derivation d = derive(visit("medicare", FACILITY,
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:00", 2),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:20", 2),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:40", 2)));
            assertEquals(List.of("96374 x1", "96376 x1"), codes(d));
        }

        @Test
        void aChemoPushOfADrugAlsoInfusedIsNotANewDrugAndHasNoCode() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("cyclophosphamide", "J9070", "chemo", INFUSION, "09:00", 60),
                    given("cyclophosphamide", "J9070", "chemo", PUSH, "10:30", 5)));
            assertEquals(List.of("96413 x1"), codes(d));
            assertTrue(noted(d, "cyclophosphamide was pushed at 10:30 and is also infused at the visit: the same drug,"
                    + " not a new-drug push, and the chemo family has no code for a push of the same drug: not separately"
                    + " billed"), derived(d).notes().toString());
        }

        @Test
        void aChemoPushBesideAPumpOfTheSameDrugIsStillItsOwnPush() {
            // FOLFOX: the 5-FU push is 96411 beside the 46-hour pump start (a pump is not an IV infusion of the visit)
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("fluorouracil", "J9190", "chemo", PUSH, "11:05", 5),
                    given("fluorouracil", "J9190", "chemo", PUMP, "11:15", 46 * 60)));
            assertEquals(List.of("96413 x1", "96415 x1", "96411 x1", "96416 x1"), codes(d));
        }
    }

    @Nested
    class Hydration {
        @Test
        void salineAroundADrugInfusionCountsItsMinutesOutsideIt() {
            // saline 08:30-12:00 (210 min), infliximab 09:30-10:30: 150 minutes outside it, 2 hours of 96361
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "08:30", 210),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "09:30", 60)));
            assertEquals(List.of("96365 x1", "96361 x2"), codes(d));
            assertTrue(because(d, "96361").startsWith("normal saline: 150 minutes of hydration outside the other infusions"),
                    because(d, "96361"));
            assertTrue(because(d, "96361").contains("hydration of 210 minutes, 150 of them not alongside another infusion"),
                    because(d, "96361"));
        }

        // hydration before (08:00, b minutes) and after (11:00, a minutes) a chemo infusion: the periods add up
        @ParameterizedTest(name = "hydration {0} min before and {1} min after chemo -> {2}")
        @CsvSource({"20, 10, ''", "20, 11, 96361 x1", "45, 45, 96361 x1", "45, 46, 96361 x2", "60, 90, 96361 x2",
                "60, 91, 96361 x3"})
        void hydrationInSeveralPeriodsAddsUp(int before, int after, String expected) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "08:00", before),
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 120),
                    given("normal saline", "J7050", "hydration", INFUSION, "11:00", after)));
            List<String> lines = new ArrayList<>(List.of("96413 x1", "96415 x1"));
            if (!expected.isEmpty()) lines.add(expected);
            assertEquals(lines, codes(d));
            if (expected.isEmpty()) {
                assertTrue(noted(d, "hydration in 2 periods (08:00-08:" + before + ", 11:00-11:" + after + "), " + (before + after)
                        + " minutes in all: hydration of " + (before + after) + " minutes is not reported"),
                        derived(d).notes().toString());
            }
        }

        @Test
        void hydrationAloneInTwoPeriodsIsTheInitialServiceWhenTheyAddUpToMoreThanThirtyMinutes() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "09:00", 20),
                    given("normal saline", "J7050", "hydration", INFUSION, "10:00", 20)));
            assertEquals(List.of("96360 x1"), codes(d));
        }

        @Test
        void concurrentMinutesDoNotCount() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "09:00", 120),
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 120)));
            assertEquals(List.of("96413 x1", "96415 x1"), codes(d));
            assertTrue(noted(d, "0 of them not alongside another infusion"), derived(d).notes().toString());
        }

        @Test
        void hydrationAtASecondSiteWhileChemoRunsIsNotASecondInitial() {
            Derivation d = derive(visit("medicare", FACILITY,
                    at("rituximab", "J9312", "chemo", INFUSION, "09:00", 120, "A"),
                    at("normal saline", "J7050", "hydration", INFUSION, "09:00", 120, "B")));
            assertEquals(List.of("96413 x1", "96415 x1"), codes(d));
            // running on past the chemo, its own minutes count: 60 outside
            Derivation longer = derive(visit("medicare", FACILITY,
                    at("rituximab", "J9312", "chemo", INFUSION, "09:00", 120, "A"),
                    at("normal saline", "J7050", "hydration", INFUSION, "09:00", 180, "B")));
            assertEquals(List.of("96413 x1", "96415 x1", "96361 x1"), codes(longer));
        }

        @Test
        void aDrugStartedWhileHydrationRunsIsNotConcurrentWithIt() {
            // saline from 10:00 after the chemo; infliximab 10:30-11:00 is a sequential drug, not 96368
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("normal saline", "J7050", "hydration", INFUSION, "10:00", 120),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "10:30", 30)));
            // saline: 120 minutes, 90 of them outside infliximab: 96361 x1
            assertEquals(List.of("96413 x1", "96361 x1", "96367 x1"), codes(d));
        }

        @Test
        void aPushDuringHydrationDoesNotStopItsMinutes() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "09:00", 120),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "09:30", 2)));
            assertEquals(List.of("96374 x1", "96361 x2"), codes(d));
        }
    }

    @Nested
    class ProfessionalStack {
        @Test
        void aMarkedChemoPushGivesWayToTheInfusionThatCarriesTheAddOns() {
            // 96409 cannot carry 96417 (an add-on of 96413 only): the chemo infusion takes the initial code
            Derivation d = derive(visit("medicare", PROFESSIONAL,
                    primary("doxorubicin", "J9000", "chemo", PUSH, "09:00", 5),
                    given("cyclophosphamide", "J9070", "chemo", INFUSION, "09:10", 60)));
            assertEquals(List.of("96413 x1", "96411 x1"), codes(d));
            assertEquals("cyclophosphamide is the initial service: doxorubicin is the main reason for the visit (marked"
                    + " primary), but its initial code 96409 cannot carry 96417 (an add-on of 96413), so the chemo"
                    + " infusion of cyclophosphamide takes the initial code 96413, which can", because(d, "96413"));
            assertFalse(noted(d, "a payer will deny it"), derived(d).notes().toString());
        }

        @Test
        void aMarkedTherapeuticInfusionGivesWayWhenChemoFollows() {
            Derivation d = derive(visit("medicare", PROFESSIONAL,
                    primary("infliximab", "J1745", "therapeutic", INFUSION, "09:00", 60),
                    given("rituximab", "J9312", "chemo", INFUSION, "10:00", 60)));
            assertEquals(List.of("96413 x1", "96367 x1"), codes(d));
        }

        @Test
        void aMarkedReasonThatCarriesEveryAddOnStands() {
            Derivation d = derive(visit("medicare", PROFESSIONAL,
                    primary("normal saline", "J7050", "hydration", INFUSION, "09:00", 60),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:05", 2)));
            assertEquals(List.of("96360 x1", "96375 x1"), codes(d));
            assertTrue(because(d, "96360").contains("main reason for the visit"), because(d, "96360"));
        }

        @Test
        void theMarkedDrugIsReportedByItsHighestService() {
            // ondansetron is marked on its push, and also infused: its infusion is the initial, the push not billed
            Derivation d = derive(visit("medicare", PROFESSIONAL,
                    primary("ondansetron", "J2405", "therapeutic", PUSH, "09:00", 2),
                    given("ondansetron", "J2405", "therapeutic", INFUSION, "09:30", 40)));
            assertEquals(List.of("96365 x1"), codes(d));
        }
    }

    @Nested
    class BecauseIsTrue {
        @Test
        void anInfusionBeforeTheInitialIsNeverSaidToFollowIt() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "08:00", 60),
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120)));
            assertEquals(List.of("96413 x1", "96415 x1", "96367 x1"), codes(d));
            assertEquals("leucovorin ran before oxaliplatin on the same line: sequential infusion of a new drug (up to an"
                    + " hour)", because(d, "96367"));
        }

        @Test
        void anInfusionAfterTheInitialFollowsTheLastOneThatEndedBeforeIt() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 60),
                    given("irinotecan", "J9206", "chemo", INFUSION, "10:00", 60),
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "11:00", 60)));
            assertTrue(because(d, "96367").startsWith("leucovorin followed irinotecan on the same line"), because(d, "96367"));
            assertTrue(because(d, "96417").startsWith("irinotecan followed oxaliplatin on the same line"), because(d, "96417"));
        }
    }

    @Nested
    class NothingDroppedSilently {
        @Test
        void aDrugWithoutCategoryNotInTheTableIsAnErrorNamingItsIndexDrugAndField() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("pembrolizumab", "J9271", null, INFUSION, "10:00", 30)));
            assertEquals("administrations[1].category: pembrolizumab, J9271: no category recorded, and J9271 is not in"
                    + " the drug table of policy medicare; give the category (chemo, therapeutic or hydration)",
                    assertInstanceOf(Derivation.Failed.class, d).error());
        }

        @Test
        void anEndBeforeItsStartIsRefusedByTheClaimSchema() {
            LocalDateTime start = Visits.DAY.atTime(10, 0);
            InvalidClaimException e = assertThrows(InvalidClaimException.class,
                    () -> new Administration("rituximab", "J9312", "chemo", INFUSION, start, start.minusMinutes(5), "A", null, false));
            assertEquals("end: 2026-03-02T09:55 is before start 2026-03-02T10:00", e.getMessage());
        }

        @Test
        void everyAdministrationThatCannotBeCodedIsNamed() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("mystery", null, null, INFUSION, "09:00", 60),
                    given("saline", "J7050", "fluids", INFUSION, "10:00", 60)));
            String error = assertInstanceOf(Derivation.Failed.class, d).error();
            assertTrue(error.startsWith("administrations[0].category: mystery: no category recorded, and no HCPCS code"),
                    error);
            assertTrue(error.contains("; administrations[1].category: saline, J7050: 'fluids' is not a family"), error);
        }

        @Test
        void anAdministrationOnAnotherDayIsCodedWithAWarning() {
            Administration nextDay = new Administration("ondansetron", "J2405", "therapeutic", PUSH,
                    Visits.DAY.plusDays(1).atTime(9, 0), Visits.DAY.plusDays(1).atTime(9, 2), "A", null, false);
            Derivation d = derive(visit("medicare", FACILITY, nextDay));
            assertEquals(List.of("96374 x1"), codes(d));
            assertEquals(List.of("administrations[0] (ondansetron, J2405): given on 2026-03-03, not on the visit's date"
                    + " of service 2026-03-02; coded with this visit as recorded"), derived(d).warnings());
        }

        @Test
        void aCategoryTheDrugTableContradictsIsCodedAsRecordedWithAWarning() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("leucovorin", "J0640", "chemo", INFUSION, "10:00", 60)));
            // the record's category wins (the contract): leucovorin coded as chemo, 96417
            assertEquals(List.of("96413 x1", "96417 x1"), codes(d));
            assertEquals(List.of("administrations[1] (leucovorin, J0640): the record says chemo while the drug table"
                    + " lists J0640 as therapeutic; coded as chemo, as recorded"), derived(d).warnings());
            assertTrue(derived(d).notes().isEmpty(), derived(d).notes().toString());
        }

        @Test
        void aCleanVisitHasNoWarnings() {
            Derivation d = derive(Visits.example("rchop.json"));
            assertEquals(List.of(), derived(d).warnings());
        }
    }

    @Nested
    class DrugTableSuggestions {
        @Test
        void anUnknownDrugCodeIsNotMatchedToAnotherDrugByItsLetters() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("pembrolizumab", "J9271", "chemo", INFUSION, "09:00", 30, "A", Visits.dose("200", "mg"), false)));
            assertEquals(List.of("96413 x1"), codes(d));
            assertTrue(noted(d, "J9271 (pembrolizumab) is not in the drug table of policy medicare: no drug line"),
                    derived(d).notes().toString());
            assertFalse(derived(d).notes().toString().contains("did you mean"), derived(d).notes().toString());
        }

        @Test
        void aDrugNameInTheTableIsSuggestedByName() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("Rituximab", "J9311", "chemo", INFUSION, "09:00", 30, "A", Visits.dose("100", "mg"), false)));
            assertTrue(noted(d, "J9311 (Rituximab) is not in the drug table of policy medicare (the drug table lists"
                    + " rituximab as J9312): no drug line"), derived(d).notes().toString());
        }
    }
}
