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
    }

    @Benchmark
    public Result pplc() {
        return adjudicator.evaluate(claim);
    }

    @Benchmark
    public Object handWritten() {
        return handWritten.evaluate(claim);
    }
}
