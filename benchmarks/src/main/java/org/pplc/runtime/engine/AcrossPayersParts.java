package org.pplc.runtime.engine;

import org.pplc.bench.Claims;
import org.pplc.bench.Corpus;
import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.claim.Claim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Random;

/**
 * Where the 6 vs 1,000 payers difference of claims spread over every payer goes (a probe, not a
 * benchmark of record): by turns for the two sizes, the CPU time per claim of (route) choosing the
 * policy, (lookup) finding each line's entry in the chosen policy, (evaluate) the evaluation with
 * the policy already chosen, and (all) Adjudicator.evaluate.
 * Usage: {@code java -cp benchmarks.jar org.pplc.runtime.engine.AcrossPayersParts [ROUNDS]}.
 */
public final class AcrossPayersParts {
    private AcrossPayersParts() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int[] sizes = {6, 1000};
        Adjudicator[] adjudicators = new Adjudicator[2];
        Routes[] routes = new Routes[2];
        Claim[][] claims = new Claim[2][4096];
        PreparedPolicy[][] chosen = new PreparedPolicy[2][4096];
        Field f = Adjudicator.class.getDeclaredField("routes");
        f.setAccessible(true);
        for (int s = 0; s < 2; s++) {
            Compilation c = PolicyCompiler.compileSources(Corpus.generate(sizes[s], 100, 42).files());
            adjudicators[s] = new Adjudicator(c.policySet());
            routes[s] = (Routes) f.get(adjudicators[s]);
            Random random = new Random(7);
            for (int i = 0; i < 4096; i++) {
                claims[s][i] = Claims.random(random, i, sizes[s]);
                chosen[s][i] = route(routes[s], claims[s][i]);
            }
        }
        String[] parts = {"route", "lookup", "evaluate", "all"};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][][] cpu = new long[parts.length][2][rounds];
        long sink = 0;
        for (int r = -20; r < rounds; r++) {
            for (int part = 0; part < parts.length; part++) {
                for (int s = 0; s < 2; s++) {
                    long t = mx.getCurrentThreadCpuTime();
                    sink += pass(part, adjudicators[s], routes[s], claims[s], chosen[s]);
                    if (r >= 0) cpu[part][s][r] = mx.getCurrentThreadCpuTime() - t;
                }
            }
        }
        for (int part = 0; part < parts.length; part++) {
            double[] m = new double[2];
            for (int s = 0; s < 2; s++) {
                long[] sorted = cpu[part][s].clone();
                Arrays.sort(sorted);
                m[s] = sorted[rounds / 2] / 4096.0;
            }
            System.out.printf("%-8s 6: %6.0f ns  1000: %6.0f ns  difference %+5.0f ns%n", parts[part], m[0], m[1], m[1] - m[0]);
        }
        System.out.println("(" + sink + ")");
    }

    private static PreparedPolicy route(Routes routes, Claim c) {
        long day = c.dateOfService().toEpochDay();
        for (PreparedPolicy p = routes.get(c.payer(), c.plan() == null ? "" : c.plan()); p != null; p = p.next) {
            if (p.inForceOn(day)) return p;
        }
        return null;
    }

    /** As the Adjudicator chooses the policy: the slot, then the dates in the arena at the slot's offset. */
    private static int at(Routes routes, long[] arena, Claim c) {
        long day = c.dateOfService().toEpochDay();
        int slot = routes.slot(c.payer(), c.plan() == null ? "" : c.plan());
        for (int at = routes.at(slot); at >= 0; at = PreparedPolicy.nextAt(arena[at + PreparedPolicy.LINK])) {
            if (day >= arena[at + PreparedPolicy.FROM] && day <= arena[at + PreparedPolicy.THROUGH]) return at;
        }
        return -1;
    }

    private static long pass(int part, Adjudicator a, Routes routes, Claim[] claims, PreparedPolicy[] chosen) {
        long sink = 0;
        for (int i = 0; i < claims.length; i++) {
            Claim c = claims[i];
            switch (part) {
                case 0 -> sink += at(routes, chosen[0].tables().arena, c);
                case 1 -> {
                    PreparedPolicy p = chosen[i];
                    // as Evaluation resolves a line: the code's number, then the policy's bit set and
                    // packed facts (the own Entry is read only when its code part is its own)
                    for (int k = 0, n = c.lines().size(); k < n; k++) {
                        int number = p.number(c.lines().get(k).code());
                        if (number < 0) continue;
                        int rank = p.rank(number);
                        sink += rank < 0 ? number : p.ownFacts(rank);
                    }
                }
                case 2 -> sink += new Evaluation(chosen[i], c, false).run().findings().size();
                default -> sink += a.evaluate(c).findings().size();
            }
        }
        return sink;
    }
}
