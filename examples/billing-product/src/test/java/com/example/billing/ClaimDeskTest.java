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
        // a correct claim: the only finding says the shipped CMS MUE table (2024 Q3) is older than the date of service
        assertEquals(Decision.WARN, result.decision(), () -> result.findings().toString() + " " + result.error());
        assertEquals(List.of(RuleKind.MUE_TABLE_OUT_OF_DATE), result.findings().stream().map(Finding::rule).toList());
        assertEquals("uhc-medicare-advantage", result.policy());
    }

    @Test
    void addedHourWithoutTheFirstHourIsDenied() {
        Result result = DESK.check(officeClaim("deny-1", new ClaimLine(1, "96415", 1, List.of())));
        assertEquals(Decision.DENY, result.decision());
        Finding finding = result.findings().stream().filter(f -> f.rule() == RuleKind.ADDON_REQUIRES_PRIMARY)
                .findFirst().orElseThrow(() -> new AssertionError(result.findings().toString()));
        assertEquals(List.of(RuleKind.ADDON_REQUIRES_PRIMARY, RuleKind.MUE_TABLE_OUT_OF_DATE),
                result.findings().stream().map(Finding::rule).toList());
        assertEquals(RuleKind.ADDON_REQUIRES_PRIMARY, finding.rule());
        assertEquals(1, finding.line());
        assertEquals("96415", finding.code());
        assertTrue(finding.message().contains("96413"), finding.message());
        // the bundle kept the rule's source position: the finding points at the policy text
        assertTrue(finding.source().matches("policies/.+\\.ppl:\\d+:\\d+"), finding.source());
    }
}
