package org.pplc.cli;

import org.junit.jupiter.api.Test;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.io.ClaimReader;
import org.pplc.runtime.io.ClaimRecord;
import org.pplc.runtime.io.JsonOutput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One Adjudicator shared by 16 threads gives exactly the results one thread gives. */
class ConcurrencyTest {
    static final int CLAIMS = 100_000;
    static final int THREADS = 16;

    @Test
    void sixteenThreadsOnOneAdjudicatorGiveTheSingleThreadResults() throws Exception {
        Compilation c = PolicyCompiler.compileDirectory(Path.of("policies"));
        assertFalse(c.hasErrors(), c::diagnosticsText);
        Adjudicator engine = new Adjudicator(c.policySet());

        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < CLAIMS; i++) ndjson.append(Claims.claim(23, i)).append('\n');
        List<Claim> claims = new ArrayList<>(CLAIMS);
        try (ClaimReader reader = new ClaimReader(new ByteArrayInputStream(ndjson.toString().getBytes(StandardCharsets.UTF_8)),
                ClaimReader.Purpose.ADJUDICATE)) {
            while (reader.hasNext()) claims.add(((ClaimRecord.Valid) reader.next()).claim());
        }
        assertEquals(CLAIMS, claims.size());

        Result[] single = new Result[CLAIMS];
        for (int i = 0; i < CLAIMS; i++) single[i] = engine.evaluate(claims.get(i), explain(i));

        Result[] parallel = new Result[CLAIMS];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await(); // all threads start together, so they really overlap
                    for (int i; (i = next.getAndIncrement()) < CLAIMS; ) parallel[i] = engine.evaluate(claims.get(i), explain(i));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) w.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < CLAIMS; i++) assertEquals(single[i], parallel[i], "claim " + i);
        assertArrayEquals(json(single), json(parallel), "byte-identical output");

        // The batch exercises the engine: several decisions, not one answer for everything.
        Map<Decision, Integer> decisions = new EnumMap<>(Decision.class);
        for (Result r : single) decisions.merge(r.decision(), 1, Integer::sum);
        assertTrue(decisions.size() >= 3, decisions::toString);
    }

    /** Every tenth claim also gets the per-line explanation, which walks more of the policy. */
    private static boolean explain(int i) {
        return i % 10 == 0;
    }

    private static byte[] json(Result[] results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonOutput json = new JsonOutput(out)) {
            Arrays.stream(results).forEach(json::write);
        }
        return out.toByteArray();
    }
}
