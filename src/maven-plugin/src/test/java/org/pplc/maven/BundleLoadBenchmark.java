package org.pplc.maven;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.bundle.Bundles;
import org.pplc.runtime.policy.PolicySet;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures how long a billing product takes to load the bundle of a policy folder, against
 * compiling the same folder from source. A measurement, not a test: run it with
 * {@code benchmarks/bundle-load.sh}.
 *
 * <p>Modes: {@code warm DIR ROUNDS} alternates loads and compiles in one JVM after a warm-up (so
 * a busy machine slows both alike) and prints median and minimum; {@code cold-load BUNDLE} and
 * {@code cold-compile DIR} do the one thing once in a fresh JVM, as a product does at start-up,
 * and print wall-clock and CPU milliseconds; {@code write DIR BUNDLE} writes the bundle the cold load reads.
 */
public final class BundleLoadBenchmark {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "write" -> Bundles.write(compile(Path.of(args[1])), Path.of(args[2]));
            case "cold-load" -> {
                byte[] bundle = Files.readAllBytes(Path.of(args[1]));
                once(() -> Bundles.read(new ByteArrayInputStream(bundle), "bundle"));
            }
            case "cold-compile" -> once(() -> compile(Path.of(args[1])));
            case "warm" -> warm(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("mode: write, cold-load, cold-compile or warm");
        }
    }

    /**
     * Runs the task once and prints wall-clock and CPU milliseconds of this thread: on a busy
     * machine the CPU time is the steadier figure (the wall clock also counts waiting for a core).
     */
    private static void once(Runnable task) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long c = cpu.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        task.run();
        System.out.printf(Locale.ROOT, "%.1f %.1f%n", (System.nanoTime() - t) / 1e6,
                (cpu.getCurrentThreadCpuTime() - c) / 1e6);
    }

    private static void warm(Path policies, int rounds) {
        PolicySet compiled = compile(policies);
        byte[] bundle = Bundles.toBytes(compiled);
        for (int i = 0; i < rounds / 2; i++) {
            Bundles.read(new ByteArrayInputStream(bundle), "bundle");
            compile(policies);
        }
        double[] load = new double[rounds];
        double[] source = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            Bundles.read(new ByteArrayInputStream(bundle), "bundle");
            load[i] = (System.nanoTime() - t) / 1e6;
            t = System.nanoTime();
            compile(policies);
            source[i] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(Locale.ROOT, "policies: %s (%d policies, bundle %,d bytes)%n", policies,
                compiled.policies().size(), bundle.length);
        report("bundle load", load);
        report("compile from source", source);
    }

    private static PolicySet compile(Path policies) {
        Compilation c = PolicyCompiler.compileDirectory(policies);
        if (c.hasErrors()) {
            System.err.print(c.diagnosticsText());
            System.exit(1);
        }
        return c.policySet();
    }

    private static void report(String what, double[] ms) {
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-20s warm, %d runs: median %6.2f ms, min %6.2f ms%n", what + ",", ms.length,
                ms[ms.length / 2], ms[0]);
    }
}
