package org.pplc.bench;

import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.pplc.bench.drools.DFinding;
import org.pplc.bench.drools.Drl;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer, in the same run: the 6-payer corpus as pplc text and as Drools DRL (the same rules,
 * see {@link Drl}). Build: pplc compile of the text vs Drools KieBase from the DRL text.
 * Evaluate: one 10-line claim, pplc Adjudicator vs a Drools stateless session.
 */
@State(Scope.Benchmark)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DroolsBench {
    List<SourceFile> pplcText;
    String drl;
    Adjudicator adjudicator;
    StatelessKieSession drools;
    Claim claim;

    @Setup(Level.Trial)
    public void setUp() {
        Corpus corpus = Corpus.generate(6, 100, 42);
        pplcText = corpus.files();
        Compilation c = PolicyCompiler.compileSources(pplcText);
        if (c.hasErrors()) throw new IllegalStateException("corpus does not compile: " + c.diagnostics().get(0));
        adjudicator = new Adjudicator(c.policySet());
        drl = Drl.write(c.policySet());
        KieBase kieBase = Drl.build(drl);
        drools = kieBase.newStatelessKieSession();
        claim = Claims.rchop(Corpus.payerId(0));
        List<DFinding> found = Drl.evaluate(drools, claim);
        Result r = adjudicator.evaluate(claim);
        if (found.size() != r.findings().size()) throw new IllegalStateException("Drools " + found + " vs pplc " + r.findings());
        System.out.println("\npplc text: " + corpus.lines() + " lines; DRL: " + drl.lines().count() + " lines, "
                + kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum() + " rules");
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object buildPplc() {
        return PolicyCompiler.compileSources(pplcText).policySet();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object buildDrools() {
        return Drl.build(drl);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object evaluatePplc() {
        return adjudicator.evaluate(claim);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object evaluateDrools() {
        return Drl.evaluate(drools, claim);
    }
}
