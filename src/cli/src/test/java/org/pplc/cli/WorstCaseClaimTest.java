package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest claims the limits let through are read and adjudicated (with --explain) within a
 * second each: the limits bound the work per claim, not only the memory.
 */
class WorstCaseClaimTest {
    private static final String[] MODIFIERS = {"59", "XS", "JW", "25"};
    private static final String[] CODES = {"96413", "96415", "96417", "96365", "96366", "96367", "96375", "96376", "J9312"};

    @Test
    void claimsAtTheLimitsAreAdjudicatedWithinASecondEach() throws Exception {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c::diagnosticsText);
        Adjudicator engine = new Adjudicator(c.policySet());

        List<String> claims = new ArrayList<>();
        // 999 lines (the most a claim may have), each with four modifiers (the most a line may carry)
        // and a reason as long as fits in the record size.
        claims.add(claim("modifiers", 999, 4, 1));
        // 999 lines of the same add-on code with the largest units, and 999 authorizations.
        claims.add(claim("units", 999, 0, 999));
        StringBuilder ndjson = new StringBuilder();
        for (String claim : claims) ndjson.append(claim).append('\n');
        assertTrue(claims.get(0).length() > 3_000_000 && claims.get(0).length() < 4_000_000, "near the record size limit");

        List<ClaimRecord> records = new ArrayList<>();
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.ADJUDICATE)) {
            reader.forEachRemaining(records::add);
        }
        assertEquals(2, records.size());
        engine.evaluate(((ClaimRecord.Valid) records.get(1)).claim(), true); // warm up
        for (ClaimRecord r : records) {
            ClaimRecord.Valid v = assertInstanceOf(ClaimRecord.Valid.class, r, r.toString().substring(0, 200));
            Result result = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> engine.evaluate(v.claim(), true),
                    "claim " + v.claim().id());
            assertEquals(999, result.explanation().size(), "every line explained");
        }
    }

    private static String claim(String id, int lines, int modifiersPerLine, int authorizations) {
        StringBuilder b = new StringBuilder("{\"id\":\"").append(id)
                .append("\",\"payer\":\"uhc\",\"plan\":\"commercial\",\"setting\":\"facility\",\"dateOfService\":\"2026-03-02\",\"lines\":[");
        for (int i = 0; i < lines; i++) {
            b.append(i > 0 ? "," : "").append("{\"code\":\"").append(modifiersPerLine == 0 ? "96417" : CODES[i % CODES.length])
                    .append("\",\"units\":").append(modifiersPerLine == 0 ? Integer.MAX_VALUE : 1 + i % 7).append(",\"modifiers\":[");
            for (int m = 0; m < modifiersPerLine; m++) b.append(m > 0 ? "," : "").append('"').append(MODIFIERS[m]).append('"');
            b.append(']');
            if (modifiersPerLine > 0) b.append(",\"because\":\"").append("r".repeat(3_400)).append('"');
            b.append('}');
        }
        b.append("],\"authorizations\":[");
        for (int a = 0; a < authorizations; a++) {
            b.append(a > 0 ? "," : "").append("{\"id\":\"PA").append(a).append("\",\"units\":{\"96413\":").append(a + 1).append("}}");
        }
        return b.append("]}").toString();
    }
}
