package org.pplc.runtime.io;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Administration;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.claim.Dose;
import org.pplc.runtime.claim.PriorAuthorization;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.Method;
import org.pplc.runtime.model.Setting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonOutputTest {
    @Test
    void errorRecordsCarryTheirInputIndex() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOutput out = new JsonOutput(bytes)) {
            out.writeError(new ClaimRecord.Invalid(0, null, "payer: missing"));
            out.write(Result.error("C-2", "uhcc", null, "unknown payer 'uhcc' (did you mean uhc?)"));
        }
        assertEquals("{\"id\":null,\"index\":0,\"decision\":\"error\",\"error\":\"payer: missing\"}\n"
                        + "{\"id\":\"C-2\",\"index\":1,\"decision\":\"error\",\"error\":\"unknown payer 'uhcc' (did you mean uhc?)\"}\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void patientAndProviderAreWrittenAndReadBack() {
        Claim claim = Claim.builder().id("P-1").payer("medicare").placeOfService("11").dateOfService(LocalDate.of(2026, 4, 7))
                .patient("MRN-7").provider("1234567893").line("96409", 1).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOutput out = new JsonOutput(bytes)) {
            out.writeClaim(claim);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"dateOfService\":\"2026-04-07\",\"patient\":\"MRN-7\",\"provider\":\"1234567893\","), text);
        try (ClaimReader in = new ClaimReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.ADJUDICATE)) {
            assertEquals(new ClaimRecord.Valid(0, claim), in.next());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWrittenClaimReadsBackEqual() {
        Claim claim = new Claim("FOLFOX-C3", "medicare", null, Setting.FACILITY, "22", LocalDate.of(2026, 4, 7),
                List.of(new ClaimLine(1, "96413", 1, List.of(), null, "oxaliplatin 120 min: first hour"),
                        new ClaimLine(2, "J9263", 170, List.of("JZ"), "00000000000", null)),
                List.of(new PriorAuthorization("PA-1", Map.of("96413", 1, "96415", 1))),
                List.of(new Administration("oxaliplatin", "J9263", "chemo", Method.INFUSION,
                        LocalDateTime.of(2026, 4, 7, 9, 0), LocalDateTime.of(2026, 4, 7, 11, 0), "A",
                        new Dose(new BigDecimal("85"), "mg"), true)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonOutput out = new JsonOutput(bytes)) {
            out.writeClaim(claim);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"FOLFOX-C3\",\"payer\":\"medicare\",\"setting\":\"facility\",\"placeOfService\":\"22\","
                + "\"dateOfService\":\"2026-04-07\",\"lines\":[{\"line\":1,\"code\":\"96413\",\"units\":1,\"modifiers\":[],"
                + "\"because\":\"oxaliplatin 120 min: first hour\"},{\"line\":2,\"code\":\"J9263\",\"units\":170,"
                + "\"modifiers\":[\"JZ\"],\"ndc\":\"00000000000\"}],\"authorizations\":[{\"id\":\"PA-1\",\"units\":"
                + "{\"96413\":1,\"96415\":1}}],\"administrations\":[{\"drug\":\"oxaliplatin\",\"hcpcs\":\"J9263\","
                + "\"category\":\"chemo\",\"method\":\"infusion\",\"start\":\"2026-04-07T09:00\",\"end\":\"2026-04-07T11:00\","
                + "\"site\":\"A\",\"dose\":{\"amount\":85,\"unit\":\"mg\"},\"primary\":true}]}\n", text);
        try (ClaimReader in = new ClaimReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.DERIVE)) {
            assertEquals(new ClaimRecord.Valid(0, claim), in.next());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
