package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.check.Checker;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.lower.Lowering;
import org.pplc.runtime.policy.PolicyDifference;
import org.pplc.runtime.policy.PolicySet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Compile throughput by the compiling thread's CPU time rather than the wall clock: on a shared,
 * loaded machine the wall clock measures the other processes too, CPU time measures pplc.
 * Usage: {@code CompileCpu LINES WARMUP RUNS} (the corpus of {@link CompileBench}: LINES / 100
 * payers). Prints the median and minimum CPU time per compile and the lines per second they give.
 */
public final class CompileCpu {
    private CompileCpu() {
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Corpus corpus = Corpus.ofLines(lines / 100, lines, 42);
        checkEagerPath(corpus);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) compile(corpus);
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = mx.getCurrentThreadCpuTime();
            compile(corpus);
            cpu[i] = mx.getCurrentThreadCpuTime() - t;
        }
        Arrays.sort(cpu);
        double median = cpu[runs / 2] / 1e6, min = cpu[0] / 1e6;
        System.out.printf("corpus %d lines, %d payers; %d warm-up + %d runs; CPU per compile: median %.1f ms"
                        + " (%,.0f lines/s), min %.1f ms (%,.0f lines/s)%n", corpus.lines(), corpus.payers(), warmup, runs,
                median, corpus.lines() / (median / 1e3), min, corpus.lines() / (min / 1e3));
    }

    /**
     * Stops unless the corpus takes the compiler's eager path (each file checked and lowered right
     * after it is parsed) and that gives the policy set of the whole-set check.
     */
    static void checkEagerPath(Corpus corpus) {
        List<Ast.PolicyFile> files = new ArrayList<>();
        Checker.Eager eager = Checker.eager(p -> { });
        for (SourceFile s : corpus.files()) {
            Ast.PolicyFile f = AstBuilder.parse(s.path(), s.text(), new Diagnostics());
            files.add(f);
            eager.offer(f);
        }
        if (eager.finish(new Diagnostics()) == null) throw new IllegalStateException("the eager path gives up on the corpus");
        Diagnostics d = new Diagnostics();
        PolicySet whole = Lowering.lower(Checker.check(files, d));
        Optional<String> diff = PolicyDifference.between(whole, PolicyCompiler.compileSources(corpus.files()).policySet());
        if (d.hasErrors() || diff.isPresent()) throw new IllegalStateException("eager path differs: " + diff.orElse("errors"));
    }

    private static void compile(Corpus corpus) {
        Compilation c = PolicyCompiler.compileSources(corpus.files());
        if (c.hasErrors() || c.policySet() == null) throw new IllegalStateException("corpus does not compile");
    }
}
