package org.pplc.bench;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.model.RuleKind;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimsTest {
    @Test
    void benchmarkClaimIsDeniedOnTheDrugLineByPplcAndByTheHandWrittenChecks() {
        Compilation c = PolicyCompiler.compileSources(Corpus.generate(6, 100, 42).files());
        Adjudicator adjudicator = new Adjudicator(c.policySet());
        Claim claim = Claims.rchop(Corpus.payerId(0));
        Result r = adjudicator.evaluate(claim);
        assertEquals(Decision.DENY, r.decision());
        assertEquals(1, r.findings().size(), r.findings()::toString);
        assertEquals(RuleKind.DRUG_MODIFIER_REQUIRED, r.findings().get(0).rule());
        assertEquals(8, r.findings().get(0).line());
        var hand = new HandWritten(c.policySet().policy(r.policy())).evaluate(claim);
        assertEquals(1, hand.size());
        assertEquals("drug-modifier-required", hand.get(0).rule());
        assertEquals(8, hand.get(0).line());
    }

    @Test
    void generatedNdjsonReadsBackAsTheSameClaims() {
        Random r = new Random(1);
        StringBuilder ndjson = new StringBuilder();
        Claim[] claims = new Claim[50];
        for (int i = 0; i < claims.length; i++) {
            claims[i] = Claims.random(r, i, 6);
            ndjson.append(Claims.json(claims[i])).append('\n');
        }
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.ADJUDICATE)) {
            int i = 0;
            while (reader.hasNext()) {
                ClaimRecord.Valid v = assertInstanceOf(ClaimRecord.Valid.class, reader.next());
                assertEquals(claims[i].lines(), v.claim().lines());
                assertEquals(claims[i].payer(), v.claim().payer());
                i++;
            }
            assertEquals(claims.length, i);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertTrue(ndjson.length() > 0);
    }
}
