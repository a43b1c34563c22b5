package org.pplc.maven;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures how long a billing product takes to load the bundle of a policy folder, against
 * compiling the same folder from source. A measurement, not a test: run it with
 * {@code benchmarks/bundle-load.sh} (arguments: policy folder, warm-up rounds, measured rounds).
 */
public final class BundleLoadBenchmark {
    public static void main(String[] args) {
        Path policies = Path.of(args.length > 0 ? args[0] : "policies");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 100;

        Compilation compiled = PolicyCompiler.compileDirectory(policies);
        if (compiled.hasErrors()) {
            System.err.print(compiled.diagnosticsText());
            System.exit(1);
        }
        byte[] bundle = Bundles.toBytes(compiled.policySet());

        // The first load pays for class loading (Jackson, the model): what a product sees at start-up.
        long t0 = System.nanoTime();
        PolicySet first = Bundles.read(new ByteArrayInputStream(bundle), "bundle");
        double cold = (System.nanoTime() - t0) / 1e6;

        double[] load = time(warmup, rounds, () -> Bundles.read(new ByteArrayInputStream(bundle), "bundle"));
        double[] compile = time(warmup / 3, rounds / 3, () -> PolicyCompiler.compileDirectory(policies));

        System.out.printf(Locale.ROOT, "policies: %s (%d policies, bundle %,d bytes)%n", policies,
                first.policies().size(), bundle.length);
        System.out.printf(Locale.ROOT, "bundle load, first in a fresh JVM: %.1f ms%n", cold);
        report("bundle load", load);
        report("compile from source", compile);
    }

    private static double[] time(int warmup, int rounds, Runnable task) {
        for (int i = 0; i < warmup; i++) task.run();
        double[] ms = new double[Math.max(1, rounds)];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] ms) {
        System.out.printf(Locale.ROOT, "%s, warm (%d runs): median %.2f ms, min %.2f ms, p90 %.2f ms%n", what,
                ms.length, ms[ms.length / 2], ms[0], ms[(int) Math.floor(ms.length * 0.9)]);
    }
}
