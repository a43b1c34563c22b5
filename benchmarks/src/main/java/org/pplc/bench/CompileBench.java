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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;

import java.util.concurrent.TimeUnit;

/**
 * Compile (parse, check, build rule objects) on one thread, warm. {@code lines} is the corpus
 * size; the payers grow with it (100 lines a payer), so 10,000 vs 100,000 is "10x the policy
 * text". Lines per second = corpus lines / time per op (the corpus size is printed at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CompileBench {
    @Param({"10000", "100000"})
    public int lines;

    Corpus corpus;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        corpus = Corpus.ofLines(lines / 100, lines, 42);
        Compilation c = PolicyCompiler.compileSources(corpus.files());
        if (c.hasErrors()) throw new IllegalStateException("corpus does not compile: " + c.diagnostics().get(0));
        System.out.println("\ncorpus: " + corpus.lines() + " lines, " + corpus.rules() + " rules, " + corpus.payers() + " payers");
    }

    @Benchmark
    public Object compile() {
        return PolicyCompiler.compileSources(corpus.files()).policySet();
    }
}
