package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.engine.Result;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * {@code AdjudicateBench.pplcAcrossPayers} at 6 and 1,000 payers in one process, by turns: a pass
 * over the 4,096 claims for 6 payers, then the same claims for 1,000 (but for the payer id), and so
 * on. On a machine shared with other work the two sizes then see the same load, so their ratio
 * says more than two runs minutes apart. Prints the median CPU time (this thread) per claim of each.
 * Usage: {@code AcrossPayers [ROUNDS]}.
 */
public final class AcrossPayers {
    private AcrossPayers() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int[] sizes = {6, 1000};
        Adjudicator[] adjudicators = new Adjudicator[2];
        Claim[][] claims = new Claim[2][4096];
        for (int s = 0; s < 2; s++) {
            Compilation c = PolicyCompiler.compileSources(Corpus.generate(sizes[s], 100, 42).files());
            if (c.hasErrors()) throw new IllegalStateException(c.diagnostics().get(0).toString());
            adjudicators[s] = new Adjudicator(c.policySet());
            Random random = new Random(7);
            for (int i = 0; i < claims[s].length; i++) claims[s][i] = Claims.random(random, i, sizes[s]);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[2][rounds];
        long sink = 0;
        for (int warm = 0; warm < 30; warm++) for (int s = 0; s < 2; s++) sink += pass(adjudicators[s], claims[s]);
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < 2; s++) {
                long t = mx.getCurrentThreadCpuTime();
                sink += pass(adjudicators[s], claims[s]);
                cpu[s][r] = mx.getCurrentThreadCpuTime() - t;
            }
        }
        double[] median = new double[2];
        for (int s = 0; s < 2; s++) {
            long[] sorted = cpu[s].clone();
            Arrays.sort(sorted);
            median[s] = sorted[rounds / 2] / (double) claims[s].length;
            System.out.printf("%4d payers: median %.0f ns per claim (CPU), quartiles %.0f / %.0f%n", sizes[s], median[s],
                    sorted[rounds / 4] / (double) claims[s].length, sorted[rounds * 3 / 4] / (double) claims[s].length);
        }
        System.out.printf("1,000 vs 6 payers: %+.0f%% (findings %d)%n", (median[1] / median[0] - 1) * 100, sink);
    }

    private static long pass(Adjudicator a, Claim[] claims) {
        long findings = 0;
        for (Claim c : claims) {
            Result r = a.evaluate(c);
            findings += r.findings().size();
        }
        return findings;
    }
}
