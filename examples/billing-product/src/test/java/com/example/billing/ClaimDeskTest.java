package com.example.billing;

import org.junit.jupiter.api.Test;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.claim.ClaimLine;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Finding;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.model.RuleKind;
import org.pplc.runtime.model.Setting;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimDeskTest {
    private static final ClaimDesk DESK = new ClaimDesk();

    private static Claim officeClaim(String id, ClaimLine... lines) {
        return new Claim(id, "uhc", "medicare-advantage", Setting.PROFESSIONAL, "11", LocalDate.of(2026, 3, 2),
                List.of(lines), List.of(), List.of());
    }

    @Test
    void firstHourWithAnAddedHourPasses() {
        Result result = DESK.check(officeClaim("pass-1",
                new ClaimLine(1, "96413", 1, List.of()),
                new ClaimLine(2, "96415", 1, List.of())));
        assertEquals(Decision.PASS, result.decision(), () -> result.findings().toString() + " " + result.error());
        assertEquals(List.of(), result.findings());
        assertEquals("uhc-medicare-advantage", result.policy());
    }

    @Test
    void addedHourWithoutTheFirstHourIsDenied() {
        Result result = DESK.check(officeClaim("deny-1", new ClaimLine(1, "96415", 1, List.of())));
        assertEquals(Decision.DENY, result.decision());
        assertEquals(1, result.findings().size(), result.findings()::toString);
        Finding finding = result.findings().get(0);
        assertEquals(RuleKind.ADDON_REQUIRES_PRIMARY, finding.rule());
        assertEquals(1, finding.line());
        assertEquals("96415", finding.code());
        assertTrue(finding.message().contains("96413"), finding.message());
        // the bundle kept the rule's source position: the finding points at the policy text
        assertTrue(finding.source().matches("policies/.+\\.ppl:\\d+:\\d+"), finding.source());
    }
}
