package org.pplc.runtime.claim;

import org.junit.jupiter.api.Test;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A claim built in Java is refused for what the JSON reader refuses, in the same words. */
class ClaimTest {
    static final LocalDate DOS = LocalDate.of(2026, 3, 2);

    static Claim.Builder base() {
        return Claim.builder().id("c-1").payer("uhc").plan("commercial").placeOfService("22").dateOfService(DOS);
    }

    static String refused(Claim.Builder b) {
        return assertThrows(InvalidClaimException.class, b::build).getMessage();
    }

    /** What the JSON reader says of the same claim written as JSON. */
    static String readerSays(String json) {
        try (ClaimReader r = new ClaimReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.ADJUDICATE)) {
            ClaimRecord rec = r.next();
            return rec instanceof ClaimRecord.Invalid i ? i.error() : null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theBuilderNumbersLinesAndTakesTheSettingFromThePlaceOfService() {
        Claim c = base().patient("MRN-7").provider("1234567893")
                .line("96413", 1).line("96415", 2).line("J9312", 68, "JZ")
                .authorization("PA-1", Map.of("96413", 1)).build();
        assertEquals(Setting.FACILITY, c.setting());
        assertEquals(List.of(new ClaimLine(1, "96413", 1, List.of()), new ClaimLine(2, "96415", 2, List.of()),
                new ClaimLine(3, "J9312", 68, List.of("JZ"))), c.lines());
        assertEquals("MRN-7", c.patient());
        assertEquals("1234567893", c.provider());
        assertEquals(Setting.PROFESSIONAL, base().placeOfService("11").line("96413", 1).build().setting());
        // the constructor does the same
        assertEquals(Setting.FACILITY, new Claim("c", "uhc", null, null, "19", DOS,
                List.of(new ClaimLine(1, "96413", 1, List.of())), null, null).setting());
    }

    @Test
    void badUnitsCodesAndLinesAreRefusedWithTheFieldNamed() {
        assertEquals("lines[2].units: must be at least 1, got 0", refused(base().line("96413", 1).line("96415", 2).line("96417", 0)));
        assertEquals("lines[0].units: must be at least 1, got -5", refused(base().line("96413", -5)));
        assertEquals("lines[0].code: missing", refused(base().line(null, 1)));
        assertEquals("lines[0].code: empty", refused(base().line(" ", 1)));
        assertEquals("lines[0].line: must be at least 1, got 0", refused(base().line(0, "96413", 1)));
        assertEquals("lines: empty (a claim needs at least one line)", refused(base()));
        assertEquals("lines[1].line: 1 is already the number of lines[0]", refused(base().line(1, "96413", 1).line(1, "96415", 1)));
        assertEquals("lines[0].modifiers[1]: must be a modifier such as \"JZ\", got \"\"", refused(base().line("J9312", 1, "JW", "")));
        assertEquals("lines[0].modifiers: a line carries at most 4 modifiers, got 5",
                refused(base().line("J9312", 1, "JW", "59", "XS", "XU", "XE")));
        assertEquals("authorizations[0].units.96413: must be at least 0, got -1",
                refused(base().line("96413", 1).authorization("PA", Map.of("96413", -1))));
        // every problem at once, the claim's own fields first
        assertEquals("payer: missing; dateOfService: missing; lines[0].units: must be at least 1, got 0",
                refused(Claim.builder().setting(Setting.FACILITY).line("96413", 0)));
    }

    @Test
    void theSettingMustBeGivenOrToldByThePlaceOfService() {
        assertEquals("setting: missing (give setting, or placeOfService 11, 19 or 22)",
                refused(base().placeOfService(null).line("96413", 1)));
        assertEquals("placeOfService: 12 does not tell the setting (11 is professional; 19 and 22 are facility); give setting",
                refused(base().placeOfService("12").line("96413", 1)));
        assertEquals(Setting.PROFESSIONAL, base().placeOfService("12").setting(Setting.PROFESSIONAL).line("96413", 1).build().setting());
    }

    @Test
    void constructorsCannotMakeAnInvalidClaim() {
        assertEquals("units: must be at least 1, got 0",
                assertThrows(InvalidClaimException.class, () -> new ClaimLine(1, "96413", 0, List.of())).getMessage());
        InvalidClaimException noLines = assertThrows(InvalidClaimException.class,
                () -> new Claim("c", "uhc", null, Setting.FACILITY, null, DOS, null, null, null));
        assertEquals("lines: missing", noLines.getMessage()); // not a bare NullPointerException
        assertEquals("lines", noLines.field());
        assertEquals("lines: empty (a claim needs at least one line)", assertThrows(InvalidClaimException.class,
                () -> new Claim("c", "uhc", null, Setting.FACILITY, null, DOS, List.of(), null, null)).getMessage());
        assertEquals("lines[1]: missing", assertThrows(InvalidClaimException.class,
                () -> new Claim("c", "uhc", null, Setting.FACILITY, null, DOS,
                        Arrays.asList(new ClaimLine(1, "96413", 1, List.of()), null), null, null)).getMessage());
        assertEquals("payer: empty; lines[1].line: 1 is already the number of lines[0]", assertThrows(InvalidClaimException.class,
                () -> new Claim("c", "", null, Setting.FACILITY, null, DOS,
                        List.of(new ClaimLine(1, "96413", 1, List.of()), new ClaimLine(1, "96415", 1, List.of())), null, null))
                .getMessage());
        assertEquals("amount: must be above 0, got 0", assertThrows(InvalidClaimException.class,
                () -> new Dose(BigDecimal.ZERO, "mg")).getMessage());
        LocalDateTime nine = LocalDateTime.of(2026, 3, 2, 9, 0);
        assertEquals("end: 2026-03-02T08:00 is before start 2026-03-02T09:00", assertThrows(InvalidClaimException.class,
                () -> new Administration("x", null, null, Method.INFUSION, nine, nine.minusHours(1), null, null, false)).getMessage());
        // a pump runs on after the visit: no end needed
        assertNull(new Administration("x", null, null, Method.PUMP, nine, null, null, null, false).end());
        // a visit for derive has administrations and no lines yet
        assertEquals(List.of(), new Claim("v", "medicare", null, Setting.FACILITY, null, DOS, List.of(), null,
                List.of(new Administration("x", null, null, Method.PUSH, nine, nine.plusMinutes(5), null, null, false))).lines());
    }

    /** Generated claims with one field broken: the builder and the reader name the same field in the same words. */
    @Test
    void theBuilderAndTheReaderAgreeOnGeneratedClaims() {
        Random random = new Random(26);
        String[] codes = {"96413", "96415", "96417", "96365", "96366", "J9312", " "};
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(6);
            Claim.Builder b = base();
            List<String> json = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int number = random.nextInt(10) == 0 ? random.nextInt(3) : i + 1;
                String code = codes[random.nextInt(codes.length)];
                int units = random.nextInt(8) - 1;
                b.line(number, code, units);
                json.add("{\"line\":" + number + ",\"code\":\"" + code + "\",\"units\":" + units + "}");
            }
            String text = "{\"id\":\"c-1\",\"payer\":\"uhc\",\"plan\":\"commercial\",\"placeOfService\":\"22\","
                    + "\"dateOfService\":\"2026-03-02\",\"lines\":[" + String.join(",", json) + "]}";
            String reader = readerSays(text);
            String builder;
            try {
                b.build();
                builder = null;
            } catch (InvalidClaimException e) {
                builder = e.getMessage();
            }
            assertEquals(reader, builder, text);
        }
    }

    @Test
    void placeOfServiceTellsTheSetting() {
        assertEquals(Setting.PROFESSIONAL, Setting.fromPlaceOfService("11"));
        assertEquals(Setting.FACILITY, Setting.fromPlaceOfService("19"));
        assertEquals(Setting.FACILITY, Setting.fromPlaceOfService("22"));
        assertNull(Setting.fromPlaceOfService("12"));
        assertNull(Setting.fromPlaceOfService(null));
    }
}
