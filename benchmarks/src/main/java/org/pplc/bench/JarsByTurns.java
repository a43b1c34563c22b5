package org.pplc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Several builds of the engine in one process, by turns (a probe, not a benchmark of record): each
 * jar gets its own class loader, and each round runs, for every jar, a pass of 4,096 claims at 6
 * and at 1,000 payers over four claim sets: {@link AcrossPayers}'s claims (all), those of the
 * commercial plan only, of Medicare Advantage only, and the benchmark claim (same). Two jars
 * compared in separate runs minutes apart see different load on a shared machine; here they see
 * the same. Prints, per jar and set, the chosen percentile (default the median) of thread CPU time
 * per claim at 6 / 1,000 payers and the difference.
 * Usage: {@code java -Xms4g -Xmx4g -cp pplc-benchmarks.jar [-Dq=PERCENT] org.pplc.bench.JarsByTurns ROUNDS JAR...}.
 */
public final class JarsByTurns {
    private JarsByTurns() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int jars = args.length - 1;
        int[] sizes = {6, 1000};
        String[] sets = {"all", "commercial", "medicare-advantage", "same"};
        Object[][] adjudicators = new Object[jars][2];
        Object[][][] claims = new Object[jars][2][sets.length];
        Method[] pass = new Method[jars];
        for (int j = 0; j < jars; j++) {
            URLClassLoader l = new URLClassLoader(new URL[]{Path.of(args[j + 1]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> corpus = l.loadClass("org.pplc.bench.Corpus"), claimsClass = l.loadClass("org.pplc.bench.Claims");
            Class<?> compiler = l.loadClass("org.pplc.compiler.PolicyCompiler"), adjudicator = l.loadClass("org.pplc.runtime.engine.Adjudicator");
            Class<?> claim = l.loadClass("org.pplc.runtime.claim.Claim"), policySet = l.loadClass("org.pplc.runtime.policy.PolicySet");
            pass[j] = l.loadClass("org.pplc.bench.AcrossPayers").getDeclaredMethod("pass", adjudicator, claim.arrayType());
            pass[j].setAccessible(true);
            Method random = claimsClass.getMethod("random", Random.class, int.class, int.class), plan = claim.getMethod("plan");
            for (int s = 0; s < 2; s++) {
                Object generated = corpus.getMethod("generate", int.class, int.class, long.class).invoke(null, sizes[s], 100, 42L);
                Object compilation = compiler.getMethod("compileSources", List.class)
                        .invoke(null, generated.getClass().getMethod("files").invoke(generated));
                Method set = compilation.getClass().getMethod("policySet");
                set.setAccessible(true);
                adjudicators[j][s] = adjudicator.getConstructor(policySet).newInstance(set.invoke(compilation));
                for (int k = 0; k < 3; k++) {
                    Random r = new Random(7);
                    Object array = Array.newInstance(claim, 4096);
                    for (int i = 0; i < 4096; ) {
                        Object c = random.invoke(null, r, i, sizes[s]);
                        if (k == 0 || sets[k].equals(plan.invoke(c))) Array.set(array, i++, c);
                    }
                    claims[j][s][k] = array;
                }
                Object same = Array.newInstance(claim, 4096);
                Object rchop = claimsClass.getMethod("rchop", String.class).invoke(null, "p00000");
                for (int i = 0; i < 4096; i++) Array.set(same, i, rchop);
                claims[j][s][3] = same;
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][][][] cpu = new long[jars][2][sets.length][rounds];
        long sink = 0;
        for (int r = -30; r < rounds; r++) {
            for (int jj = 0; jj < jars; jj++) {
                int j = (jj + (r & 1)) % jars; // which jar goes first alternates
                for (int k = 0; k < sets.length; k++) {
                    for (int s = 0; s < 2; s++) {
                        long t = mx.getCurrentThreadCpuTime();
                        sink += (Long) pass[j].invoke(null, adjudicators[j][s], claims[j][s][k]);
                        if (r >= 0) cpu[j][s][k][r] = mx.getCurrentThreadCpuTime() - t;
                    }
                }
            }
        }
        int q = Integer.getInteger("q", 50);
        for (int j = 0; j < jars; j++) {
            StringBuilder b = new StringBuilder(String.format("%-28s", Path.of(args[j + 1]).getFileName()));
            for (int k = 0; k < sets.length; k++) {
                double[] m = new double[2];
                for (int s = 0; s < 2; s++) {
                    long[] sorted = cpu[j][s][k].clone();
                    Arrays.sort(sorted);
                    m[s] = sorted[rounds * q / 100] / 4096.0;
                }
                b.append(String.format("  %s %4.0f/%4.0f %+4.0f (%+3.0f%%)", sets[k].substring(0, 3), m[0], m[1], m[1] - m[0],
                        (m[1] / m[0] - 1) * 100));
            }
            System.out.println(b);
        }
        System.out.println("(" + sink + ")");
    }
}
