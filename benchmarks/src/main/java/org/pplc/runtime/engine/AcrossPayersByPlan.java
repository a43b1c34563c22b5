package org.pplc.runtime.engine;
import org.pplc.bench.Claims;
import org.pplc.bench.Corpus;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;
import java.lang.management.ManagementFactory;
import java.util.*;
/**
 * The 6 vs 1,000 payers difference by plan (a probe, not a benchmark of record): claims of the
 * commercial plan only (its authorizations fire on many claims), then of Medicare Advantage only,
 * each size by turns, median thread CPU time per claim over 100 passes of 4,096 claims.
 * Usage: {@code java -cp benchmarks.jar org.pplc.runtime.engine.AcrossPayersByPlan}.
 */
public final class AcrossPayersByPlan {
    private AcrossPayersByPlan() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 100;
        int[] sizes = {6, 1000};
        String[] plans = {"commercial", "medicare-advantage"};
        Adjudicator[] adj = new Adjudicator[2];
        List<List<Claim>> cl = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            adj[s] = new Adjudicator(PolicyCompiler.compileSources(Corpus.generate(sizes[s], 100, 42).files()).policySet());
            for (String plan : plans) {
                Random r = new Random(7); List<Claim> l = new ArrayList<>();
                while (l.size() < 4096) { Claim c = Claims.random(r, l.size(), sizes[s]); if (c.plan().equals(plan)) l.add(c); }
                cl.add(l);
            }
        }
        var mx = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[4][rounds]; long sink = 0;
        for (int r = -20; r < rounds; r++) for (int k = 0; k < 4; k++) {
            Adjudicator a = adj[k / 2]; long t = mx.getCurrentThreadCpuTime();
            for (Claim c : cl.get(k)) sink += a.evaluate(c).findings().size();
            if (r >= 0) cpu[k][r] = mx.getCurrentThreadCpuTime() - t;
        }
        for (int k = 0; k < 4; k++) { long[] x = cpu[k].clone(); Arrays.sort(x); System.out.printf("%4d %-20s %6.0f ns%n", sizes[k/2], plans[k%2], x[rounds/2]/4096.0); }
        System.out.println(sink);
    }
}
