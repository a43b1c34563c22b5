package org.pplc.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Decision;
import org.pplc.runtime.engine.Result;
import org.pplc.runtime.policy.Policy;

import java.util.concurrent.TimeUnit;

/**
 * One realistic 10-line claim (R-CHOP, facility, with its authorization; one line denied), warm,
 * in process: pplc's Adjudicator against the same checks written by hand in plain Java, with 6
 * and with 1,000 payers in the policy set. SampleTime gives the median (p0.50) and percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AdjudicateBench {
    @Param({"6", "1000"})
    public int payers;

    Adjudicator adjudicator;
    HandWritten handWritten;
    Claim claim;
    /** Varied claims spread over all the payers (the same claims for 6 and 1,000 but for the payer id). */
    Claim[] acrossPayers;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        Compilation c = PolicyCompiler.compileSources(Corpus.generate(payers, 100, 42).files());
        if (c.hasErrors()) throw new IllegalStateException("corpus does not compile: " + c.diagnostics().get(0));
        adjudicator = new Adjudicator(c.policySet());
        claim = Claims.rchop(Corpus.payerId(0));
        Result r = adjudicator.evaluate(claim);
        if (r.decision() != Decision.DENY || r.findings().size() != 1) throw new IllegalStateException("unexpected result " + r);
        Policy policy = c.policySet().policy(r.policy());
        handWritten = new HandWritten(policy);
        if (handWritten.evaluate(claim).size() != 1) throw new IllegalStateException("hand-written disagrees: " + handWritten.evaluate(claim));
        java.util.Random random = new java.util.Random(7);
        acrossPayers = new Claim[4096];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < acrossPayers.length; i++) {
            acrossPayers[i] = Claims.random(random, i, payers);
            seen.add(acrossPayers[i].payer());
        }
        // every claim must reach a policy: an unknown payer would be a cheap error record, not a claim
        for (Claim each : acrossPayers) {
            if (adjudicator.evaluate(each).policy() == null) throw new IllegalStateException("no policy for " + each.payer());
        }
        if (seen.size() < payers * 9 / 10) throw new IllegalStateException("claims reach only " + seen.size() + " payers");
    }

    @Benchmark
    public Result pplc() {
        return adjudicator.evaluate(claim);
    }

    /**
     * 6 vs 1,000 payers with a different payer (and plan, setting, units) on each call, so the
     * 1,000-payer run cannot keep one payer's policy hot in the cache.
     */
    @Benchmark
    public Result pplcAcrossPayers() {
        Claim c = acrossPayers[next];
        next = (next + 1) & (acrossPayers.length - 1);
        return adjudicator.evaluate(c);
    }

    @Benchmark
    public Object handWritten() {
        return handWritten.evaluate(claim);
    }
}
