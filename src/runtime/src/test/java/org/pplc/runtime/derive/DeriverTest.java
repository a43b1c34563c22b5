package org.pplc.runtime.derive;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.InvalidClaimException;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pplc.runtime.derive.Visits.codes;
import static org.pplc.runtime.derive.Visits.derived;
import static org.pplc.runtime.derive.Visits.dose;
import static org.pplc.runtime.derive.Visits.given;
import static org.pplc.runtime.derive.Visits.visit;
import static org.pplc.runtime.model.Method.INFUSION;
import static org.pplc.runtime.model.Method.INJECTION;
import static org.pplc.runtime.model.Method.PUMP;
import static org.pplc.runtime.model.Method.PUSH;
import static org.pplc.runtime.model.Method.REFILL;
import static org.pplc.runtime.model.Setting.FACILITY;
import static org.pplc.runtime.model.Setting.PROFESSIONAL;

class DeriverTest {
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

    @Nested
    class CorrectedRegimens {
        @Test
        void rchop() {
            Derivation d = derive(Visits.example("rchop.json"));
            assertEquals(List.of("96413 x1", "96415 x3", "96417 x1", "96411 x2", "96375 x2",
                    "J9312-JZ x68", "J9070-JZ x14", "J9000 x9", "J9370 x2", "J1200 x1", "J2405 x8"), codes(d));
            assertEquals("medicare", derived(d).policy());
            // pre-medications pushed before rituximab still take the therapeutic codes, never 96411
            assertEquals("diphenhydramine and ondansetron: therapeutic push of a new drug, added to the initial service"
                    + " (rituximab)", because(d, "96375"));
            assertEquals("doxorubicin and vincristine: chemo push of a new drug, added to the initial service (rituximab)",
                    because(d, "96411"));
            assertTrue(because(d, "96413").startsWith("rituximab is the initial service"), because(d, "96413"));
            assertTrue(because(d, "96415").contains("240 minutes: 3 additional hours"), because(d, "96415"));
            assertTrue(because(d, "J9312").contains("675 mg at 10 mg a unit: 68 units"), because(d, "J9312"));
            assertTrue(because(d, "J9312").contains("JZ"), because(d, "J9312"));
        }

        @Test
        void folfox() {
            Derivation d = derive(Visits.example("folfox.json"));
            assertEquals(List.of("96413 x1", "96415 x1", "96368 x1", "96411 x1", "96416 x1",
                    "J9263-JZ x320", "J0640-JZ x16", "J9190 x11"), codes(d));
            assertEquals("leucovorin ran alongside oxaliplatin: concurrent infusion", because(d, "96368"));
            assertTrue(because(d, "J9190").contains("760 mg + 4560 mg = 5320 mg at 500 mg a unit: 11 units (rounded up)"),
                    because(d, "J9190"));
        }

        @Test
        void folfirinox() {
            Derivation d = derive(Visits.example("folfirinox.json"));
            assertEquals(List.of("96413 x1", "96415 x1", "96417 x1", "96367 x1", "96366 x1", "96411 x1", "96416 x1",
                    "J9263-JZ x320", "J9206-JZ x17", "J0640-JZ x16", "J9190 x11"), codes(d));
            assertTrue(because(d, "96367").startsWith("leucovorin followed irinotecan"), because(d, "96367"));
            assertTrue(because(d, "96366").startsWith("leucovorin ran 120 minutes: 1 additional hour"));
        }

        @Test
        void linesAreNumberedAndEveryLineSaysWhy() {
            for (String example : List.of("rchop.json", "folfox.json", "folfirinox.json")) {
                Claim claim = derived(derive(Visits.example(example))).claim();
                for (int i = 0; i < claim.lines().size(); i++) {
                    ClaimLine line = claim.lines().get(i);
                    assertEquals(i + 1, line.line(), example);
                    assertTrue(line.because() != null && !line.because().isBlank(), example + " line " + line.line());
                }
                assertEquals(claim.administrations().size(), Visits.example(example).administrations().size());
            }
        }
    }

    @Nested
    class Timing {
        @ParameterizedTest(name = "{0} recorded as {1}, {2} minutes -> {3}")
        @CsvSource({
                "ondansetron, infusion, 15, 96374 x1",
                "ondansetron, push,     15, 96374 x1",
                "ondansetron, push,     16, 96365 x1",
                "ondansetron, infusion, 16, 96365 x1",
        })
        void fifteenMinutesOrLessIsAPush(String drug, String method, int minutes, String expected) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given(drug, "J2405", "therapeutic", Method.fromId(method), "09:00", minutes)));
            assertEquals(List.of(expected), codes(d));
            if (!expected.startsWith(method.equals("push") ? "96374" : "96365")) {
                assertTrue(because(d, expected.substring(0, 5)).contains("recorded as " + method),
                        because(d, expected.substring(0, 5)));
            }
        }

        @ParameterizedTest(name = "chemo infusion of {0} minutes -> {1} additional hours")
        @CsvSource({"16, 0", "60, 0", "90, 0", "91, 1", "120, 1", "150, 1", "151, 2", "210, 2", "211, 3", "240, 3"})
        void additionalHoursNeedMoreThanThirtyMinutesPastTheLastFullHour(int minutes, int hours) {
            Derivation d = derive(visit("medicare", FACILITY, given("rituximab", "J9312", "chemo", INFUSION, "09:00", minutes)));
            List<String> expected = new ArrayList<>(List.of("96413 x1"));
            if (hours > 0) expected.add("96415 x" + hours);
            assertEquals(expected, codes(d));
        }

        @ParameterizedTest(name = "sequential therapeutic infusion of {0} minutes -> {1} additional hours")
        @CsvSource({"90, 0", "91, 1", "150, 1", "151, 2"})
        void aSequentialInfusionCountsItsOwnHours(int minutes, int hours) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 60),
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "10:00", minutes)));
            List<String> expected = new ArrayList<>(List.of("96413 x1", "96367 x1"));
            if (hours > 0) expected.add("96366 x" + hours);
            assertEquals(expected, codes(d));
        }

        @Test
        void hydrationOfThirtyMinutesIsNotReported() {
            Derivation d = derive(visit("medicare", FACILITY, given("normal saline", "J7050", "hydration", INFUSION, "09:00", 30)));
            assertEquals(List.of(), codes(d));
            assertTrue(noted(d, "hydration of 30 minutes is not reported"), derived(d).notes().toString());
        }

        @ParameterizedTest(name = "hydration alone of {0} minutes -> {1}")
        @CsvSource({"31, 96360 x1", "90, 96360 x1", "91, 96360 x1|96361 x1"})
        void hydrationAsTheInitialService(int minutes, String expected) {
            Derivation d = derive(visit("medicare", FACILITY, given("normal saline", "J7050", "hydration", INFUSION, "09:00", minutes)));
            assertEquals(List.of(expected.split("\\|")), codes(d));
        }

        @ParameterizedTest(name = "hydration after chemo, {0} minutes -> {1}")
        @CsvSource({"30, ''", "31, 96361 x1", "90, 96361 x1", "91, 96361 x2"})
        void hydrationAfterAnotherServiceIsBilledByTheHour(int minutes, String expected) {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("normal saline", "J7050", "hydration", INFUSION, "10:00", minutes)));
            List<String> lines = new ArrayList<>(List.of("96413 x1"));
            if (!expected.isEmpty()) lines.add(expected);
            assertEquals(lines, codes(d));
        }
    }

    @Nested
    class SequentialAndConcurrent {
        @Test
        void therapeuticInfusionAlongsideIsConcurrentWithoutHours() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "09:30", 120)));
            assertEquals(List.of("96413 x1", "96415 x1", "96368 x1"), codes(d));
        }

        @Test
        void theSameTherapeuticInfusionAfterwardsIsSequential() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "11:00", 120)));
            assertEquals(List.of("96413 x1", "96415 x1", "96367 x1", "96366 x1"), codes(d));
        }

        @Test
        void concurrentChemoHasNoCode() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("irinotecan", "J9206", "chemo", INFUSION, "09:00", 90)));
            assertEquals(List.of("96413 x1", "96415 x1"), codes(d));
            assertTrue(noted(d, "irinotecan ran alongside oxaliplatin, and the chemo family has no code for a concurrent infusion: not billed"),
                    derived(d).notes().toString());
        }

        @Test
        void sequentialChemoInfusionIsANewDrug() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("irinotecan", "J9206", "chemo", INFUSION, "11:00", 90)));
            assertEquals(List.of("96413 x1", "96415 x1", "96417 x1"), codes(d));
        }

        @Test
        void theHierarchyNotTheClockChoosesTheInitial() {
            // hydration and a therapeutic push came first; the chemo infusion is still the initial service
            Derivation d = derive(visit("medicare", FACILITY,
                    given("normal saline", "J7050", "hydration", INFUSION, "08:00", 45),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "08:50", 2),
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60)));
            assertEquals(List.of("96413 x1", "96361 x1", "96375 x1"), codes(d));
        }

        @Test
        void chemoInjectionsAreCountedEach() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("bortezomib", "J9041", "chemo", INJECTION, "09:00", 1),
                    given("denosumab", "J0897", "therapeutic", INJECTION, "09:10", 1),
                    given("bortezomib", "J9041", "chemo", INJECTION, "09:20", 1)));
            assertEquals(List.of("96401 x2", "96372 x1"), codes(d));
        }

        @Test
        void twoIdenticalRecordsAreTwoAdministrations() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("denosumab", "J0897", "therapeutic", INJECTION, "09:00", 1),
                    given("denosumab", "J0897", "therapeutic", INJECTION, "09:00", 1)));
            assertEquals(List.of("96372 x2"), codes(d));
        }

        @Test
        void pumpStartIsNotAnAddOn() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("fluorouracil", "J9190", "chemo", PUMP, "09:00", 46 * 60)));
            assertEquals(List.of("96416 x1"), codes(d));
            assertTrue(derived(d).notes().isEmpty(), derived(d).notes().toString());
        }
    }

    @Nested
    class Pumps {
        private Administration refill(String start) {
            return given("fluorouracil", "J9190", "chemo", REFILL, start, 15, "A", dose("2400", "mg"), false);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"FACILITY", "PROFESSIONAL"})
        void aRefillAloneIsOneUnitOf96521AndItsDrugLine(Setting setting) {
            Derivation d = derive(visit("medicare", setting, refill("09:00")));
            // 2400 mg at 500 mg a unit is 4.8, rounded up to 5
            assertEquals(List.of("96521 x1", "J9190 x5"), codes(d));
            assertEquals("fluorouracil: pump already in place refilled and maintained (one unit per refill)",
                    because(d, "96521"));
            // not an IV service: no initial code is missing, and no add-on waits for one
            assertEquals(List.of(), derived(d).notes());
        }

        @Test
        void aRefillBesideAChemoInfusionKeepsItsLineAndTheInfusionIsTheInitial() {
            // the refill was done first; the infusion still takes the initial code
            Derivation d = derive(visit("medicare", FACILITY, refill("08:30"),
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120)));
            assertEquals(List.of("96413 x1", "96415 x1", "96521 x1", "J9190 x5"), codes(d));
            assertTrue(because(d, "96413").startsWith("oxaliplatin is the initial service"), because(d, "96413"));
            assertEquals(List.of(), derived(d).notes());
        }

        @Test
        void aRefillMarkedPrimaryDoesNotTakeTheInitialCode() {
            Derivation d = derive(visit("medicare", PROFESSIONAL,
                    given("fluorouracil", "J9190", "chemo", REFILL, "08:30", 15, "A", null, true),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "09:00", 2)));
            assertEquals(List.of("96374 x1", "96521 x1"), codes(d));
            assertTrue(noted(d, "the administration marked primary cannot take an initial code"), derived(d).notes().toString());
        }

        @Test
        void eachRefillIsAUnit() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("fluorouracil", "J9190", "chemo", REFILL, "09:00", 15),
                    given("fluorouracil", "J9190", "chemo", REFILL, "11:00", 15)));
            assertEquals(List.of("96521 x2"), codes(d));
        }

        @Test
        void aRefillOfAFamilyWithoutARefillCodeIsNotedNotGuessed() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("ondansetron", "J2405", "therapeutic", REFILL, "09:00", 15)));
            assertEquals(List.of(), codes(d));
            assertTrue(noted(d, "ondansetron: the therapeutic family has no code for refilling a pump: not billed"),
                    derived(d).notes().toString());
        }

        // 96416 is the start of an infusion of more than 8 hours; a shorter pump is an infusion by its time, its
        // additional hours counted by the 30-minute rule: 271-330 minutes is 4 hours past the first, 331-390 is 5,
        // 480 is 7 exactly.
        @ParameterizedTest(name = "chemo pump of {0} minutes -> {1}")
        @CsvSource({
                "300,  96413 x1|96415 x4",
                "330,  96413 x1|96415 x4",
                "331,  96413 x1|96415 x5",
                "480,  96413 x1|96415 x7",
                "481,  96416 x1",
                "2760, 96416 x1",
        })
        void aPumpStartRunsMoreThanEightHours(int minutes, String expected) {
            Derivation d = derive(visit("medicare", FACILITY, given("fluorouracil", "J9190", "chemo", PUMP, "09:00", minutes)));
            assertEquals(List.of(expected.split("\\|")), codes(d));
            if (minutes <= 480) {
                assertTrue(because(d, "96413").contains("[fluorouracil: recorded as pump, but " + minutes
                        + " minutes is not more than 8 hours: coded as an infusion]"), because(d, "96413"));
            }
            assertEquals(List.of(), derived(d).notes());
        }

        @Test
        void theEightHourRuleIsTheChemoPumpStartsOnly() {
            // 96369 starts a subcutaneous infusion with its pump, whatever its length: never recoded as IV
            Derivation d = derive(visit("medicare", FACILITY, given("immune globulin", null, "therapeutic", PUMP, "09:00", 180)));
            assertEquals("96369 x1", codes(d).get(0));
            assertFalse(because(d, "96369").contains("recorded as pump"), because(d, "96369"));
            assertFalse(because(d, "96369").contains("prolonged"), because(d, "96369"));
        }

        // 96369 covers the set-up and the first hour; 96370 each further hour, by the same more-than-30-minutes
        // rule as the IV hours: 90 minutes is none, 91-150 one, 151-210 two.
        @ParameterizedTest(name = "subcutaneous pump of {0} minutes -> {1}")
        @CsvSource({
                "45,  96369 x1",
                "90,  96369 x1",
                "91,  96369 x1|96370 x1",
                "180, 96369 x1|96370 x2",
                "211, 96369 x1|96370 x3",
        })
        void aSubcutaneousPumpInfusionTakesItsFurtherHours(int minutes, String expected) {
            Derivation d = derive(visit("medicare", FACILITY, given("immune globulin", null, "therapeutic", PUMP, "09:00", minutes)));
            assertEquals(List.of(expected.split("\\|")), codes(d));
            assertEquals(List.of(), derived(d).notes());
        }

        @Test
        void aSecondSubcutaneousPumpSetUpIsItsOwnCode() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("immune globulin", null, "therapeutic", PUMP, "09:00", 60),
                    given("immune globulin", null, "therapeutic", PUMP, "10:30", 120)));
            // the first set-up 96369; the second 96371 with its first hour, and one further hour (120 minutes)
            assertEquals(List.of("96369 x1", "96371 x1", "96370 x1"), codes(d));
            assertTrue(because(d, "96371").contains("a further pump set-up at the visit"), because(d, "96371"));
        }

        @Test
        void aChemoPumpNeverTakesAnIvHour() {
            // no chemo pump additional-hour code exists; the IV one (96415) must not stand in for it
            Derivation d = derive(visit("medicare", FACILITY, given("fluorouracil", "J9190", "chemo", PUMP, "09:00", 2760)));
            assertEquals(List.of("96416 x1"), codes(d));
        }

        @Test
        void aShortPumpAfterAnotherChemoInfusionIsASequentialInfusion() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 120),
                    given("fluorouracil", "J9190", "chemo", PUMP, "11:00", 300)));
            // oxaliplatin: 96413 + 1 hour; fluorouracil: 96417 for its first hour + 4 more hours of 96415
            assertEquals(List.of("96413 x1", "96415 x5", "96417 x1"), codes(d));
            assertTrue(because(d, "96417").contains("recorded as pump, but 300 minutes"), because(d, "96417"));
        }

        @Test
        void aPumpWithoutAnEndTimeStaysAPumpStartWithANote() {
            LocalDateTime start = Visits.DAY.atTime(11, 15);
            Derivation d = derive(visit("medicare", FACILITY,
                    new Administration("fluorouracil", "J9190", "chemo", PUMP, start, null, "A", null, false)));
            assertEquals(List.of("96416 x1"), codes(d));
            assertEquals(List.of("administration 1 (fluorouracil): no end time: coded as a pump start (a prolonged infusion"
                    + " of more than 8 hours), but its length could not be checked"), derived(d).notes());
        }

        @Test
        void thePolicysTimeRuleSetsTheThreshold() {
            Deriver tenHours = new Deriver(TestPolicies.standard(600));
            Derivation d = tenHours.derive(visit("medicare", FACILITY, given("fluorouracil", "J9190", "chemo", PUMP, "09:00", 540)));
            assertEquals(List.of("96413 x1", "96415 x8"), codes(d));
            assertTrue(because(d, "96413").contains("540 minutes is not more than 10 hours"), because(d, "96413"));
        }
    }

    @Nested
    class Methods {
        @Test
        void anUnknownMethodIsAnErrorThatListsTheMethods() throws IOException {
            String json = "{\"id\":\"M-1\",\"payer\":\"medicare\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\","
                    + "\"administrations\":[{\"drug\":\"fluorouracil\",\"hcpcs\":\"J9190\",\"category\":\"chemo\","
                    + "\"method\":\"pump refill\",\"start\":\"2026-03-02T09:00\",\"end\":\"2026-03-02T09:15\"}]}";
            try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    ClaimReader.Purpose.DERIVE)) {
                ClaimRecord.Invalid bad = assertInstanceOf(ClaimRecord.Invalid.class, reader.next());
                assertEquals("administrations[0].method: unknown method \"pump refill\""
                        + " (expected push, infusion, pump, injection or refill)", bad.error());
            }
        }

        @Test
        void anAdministrationWithoutAMethodIsRefusedWithTheMethods() {
            InvalidClaimException e = assertThrows(InvalidClaimException.class,
                    () -> new Administration("fluorouracil", "J9190", "chemo", null, null, null, "A", null, false));
            assertEquals("method: missing (push, infusion, pump, injection or refill); start: missing; end: missing",
                    e.getMessage());
            assertEquals("method", e.field());
        }
    }

    @Nested
    class Settings {
        private Claim hydrationThenTherapeutic(Setting setting, String payer, boolean markHydration) {
            return visit(payer, setting,
                    given("normal saline", "J7050", "hydration", INFUSION, "09:00", 60, "A", null, markHydration),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "10:00", 60));
        }

        @Test
        void facilityFollowsTheHierarchy() {
            assertEquals(List.of("96365 x1", "96361 x1"), codes(derive(hydrationThenTherapeutic(FACILITY, "medicare", true))));
        }

        @Test
        void professionalReportsTheMainReasonAsTheInitial() {
            Derivation d = derive(hydrationThenTherapeutic(PROFESSIONAL, "medicare", true));
            assertEquals(List.of("96360 x1", "96367 x1"), codes(d));
            assertTrue(because(d, "96360").contains("main reason for the visit"), because(d, "96360"));
        }

        @Test
        void professionalWithoutAPrimaryMarkFallsBackToTheHierarchy() {
            Derivation d = derive(hydrationThenTherapeutic(PROFESSIONAL, "medicare", false));
            assertEquals(List.of("96365 x1", "96361 x1"), codes(d));
            assertTrue(noted(d, "no administration is marked primary"), derived(d).notes().toString());
        }

        @Test
        void aPayerThatKeepsTheHierarchyInTheOfficeChangesTheAnswer() {
            assertEquals(List.of("96365 x1", "96361 x1"), codes(derive(hydrationThenTherapeutic(PROFESSIONAL, "aetna", true))));
        }

        private Claim repeatedPush(Setting setting) {
            return visit("medicare", setting,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:05", 2),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "11:00", 2));
        }

        @Test
        void theSameDrugPushedAgainIsARepeatInTheFacility() {
            Derivation d = derive(repeatedPush(FACILITY));
            assertEquals(List.of("96413 x1", "96375 x1", "96376 x1"), codes(d));
            assertEquals("ondansetron was pushed at 11:00 and also at 10:05: a push of the same drug, not of a new one",
                    because(d, "96376"));
        }

        @Test
        void theRepeatPushIsNotBilledByAPractitioner() {
            Derivation d = derive(repeatedPush(PROFESSIONAL));
            assertEquals(List.of("96413 x1", "96375 x1"), codes(d));
            assertTrue(noted(d, "96376 is billed in the facility setting only: not billed in the professional setting"),
                    derived(d).notes().toString());
        }
    }

    @Nested
    class Sites {
        @Test
        void aSecondIvSiteGetsASecondInitialWithModifier59() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 120, "A", null, false),
                    given("infliximab", "J1745", "therapeutic", INFUSION, "09:00", 60, "B", null, false)));
            assertEquals(List.of("96413 x1", "96415 x1", "96365-59 x1"), codes(d));
            assertTrue(because(d, "96365").contains("separate IV site (B"), because(d, "96365"));
        }

        @Test
        void theSecondSiteInitialDoesNotMergeWithTheFirst() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 60, "A", null, false),
                    given("irinotecan", "J9206", "chemo", INFUSION, "09:00", 60, "B", null, false),
                    given("ondansetron", "J2405", "therapeutic", PUSH, "10:05", 2, "B", null, false)));
            assertEquals(List.of("96413 x1", "96413-59 x1", "96375 x1"), codes(d));
        }

        @Test
        void overlapOnAnotherSiteIsNotConcurrent() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("oxaliplatin", "J9263", "chemo", INFUSION, "09:00", 60, "A", null, false),
                    given("leucovorin", "J0640", "therapeutic", INFUSION, "09:00", 60, "B", null, false)));
            assertEquals(List.of("96413 x1", "96365-59 x1"), codes(d));
        }
    }

    @Nested
    class DrugLines {
        @Test
        void unitsAreTheDoseOverTheBillingUnitRoundedUp() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60, "A", dose("675", "mg"), false)));
            assertEquals(List.of("96413 x1", "J9312-JZ x68"), codes(d));
        }

        @Test
        void aDiscardedAmountIsBilledWithJW() {
            Administration a = given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60, "A",
                    new Dose(new BigDecimal("675"), "mg", new BigDecimal("25")), false);
            Derivation d = derive(visit("medicare", FACILITY, a));
            assertEquals(List.of("96413 x1", "J9312 x68", "J9312-JW x2"), codes(d));
        }

        @Test
        void aDoseInAnotherUnitIsNotGuessed() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60, "A", dose("67.5", "mL"), false)));
            assertEquals(List.of("96413 x1"), codes(d));
            assertTrue(noted(d, "rituximab dose is in mL, but J9312 is billed per 10 mg"), derived(d).notes().toString());
        }

        @Test
        void aMultiDoseDrugTakesNoDiscardModifier() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("doxorubicin", "J9000", "chemo", INFUSION, "09:00", 30, "A", dose("150", "mg"), false)));
            assertEquals(List.of("96413 x1", "J9000 x15"), codes(d));
        }
    }

    @Nested
    class PolicyVariation {
        private Claim infliximab(String payer) {
            return visit(payer, FACILITY, given("infliximab", "J1745", "therapeutic", INFUSION, "09:00", 120));
        }

        @Test
        void thePayersReclassificationWinsOverTheRecord() {
            assertEquals(List.of("96365 x1", "96366 x1"), codes(derive(infliximab("medicare"))));
            Derivation uhc = derive(infliximab("uhc"));
            assertEquals(List.of("96413 x1", "96415 x1"), codes(uhc));
            assertTrue(because(uhc, "96413").contains("policy uhc classifies J1745 as chemo (the record said therapeutic)"),
                    because(uhc, "96413"));
        }

        @Test
        void withoutACategoryTheDrugTableDecides() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", null, INFUSION, "09:00", 60),
                    given("diphenhydramine", "J1200", null, PUSH, "10:05", 2)));
            assertEquals(List.of("96413 x1", "96375 x1"), codes(d));
        }

        @Test
        void noPolicyInForceIsAnError() {
            Claim early = new Claim("OLD-1", "medicare", null, FACILITY, "22", LocalDate.of(2025, 6, 1), List.of(),
                    List.of(), List.of(given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60)));
            Derivation d = derive(early);
            Derivation.Failed failed = assertInstanceOf(Derivation.Failed.class, d);
            assertEquals("OLD-1", failed.id());
            assertEquals("no policy of payer 'medicare' is in force on 2025-06-01", failed.error());
        }

        @Test
        void anUnknownPayerIsAnErrorWithASuggestion() {
            Derivation d = derive(visit("medicar", FACILITY, given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60)));
            assertEquals("unknown payer 'medicar' (did you mean medicare?)",
                    assertInstanceOf(Derivation.Failed.class, d).error());
        }

        @Test
        void anUnknownCategoryIsAnErrorNotGuessed() {
            Derivation d = derive(visit("medicare", FACILITY,
                    given("rituximab", "J9312", "chemo", INFUSION, "09:00", 60),
                    given("saline", "J7050", "hydraton", INFUSION, "10:00", 60)));
            assertEquals("administrations[1].category: saline, J7050: 'hydraton' is not a family of policy medicare"
                    + " (did you mean hydration?)", assertInstanceOf(Derivation.Failed.class, d).error());
        }
    }
}
