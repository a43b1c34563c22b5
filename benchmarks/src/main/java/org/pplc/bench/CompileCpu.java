package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

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

    private static void compile(Corpus corpus) {
        Compilation c = PolicyCompiler.compileSources(corpus.files());
        if (c.hasErrors() || c.policySet() == null) throw new IllegalStateException("corpus does not compile");
    }
}
