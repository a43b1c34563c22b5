package org.pplc.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How fast the host is today, with nothing of pplc's, so that figures from different days can be
 * compared: the 2-core VM's speed changes with its neighbours. Two numbers, each the median of one
 * second samples: a compute loop over a 512 KB array (stays in the core's cache: the processor) and
 * a chain of dependent loads through a shuffled 128 MB array (every load misses every cache: the
 * memory). pplc's compile, its claims across many payers and its NDJSON run are memory-bound, so
 * they follow the second number more than the first. Run it with {@code -XX:+UseTransparentHugePages}
 * (what ./pplc adjudicate uses) so that the memory figure is not TLB misses.
 * Usage: {@code HostProbe [SECONDS]} (default 10 of each).
 */
public final class HostProbe {
    private HostProbe() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long[] compute = compute(seconds);
        double[] memory = memory(seconds);
        System.out.printf("host: compute %,d loops/s (median; range %,d - %,d); memory %.0f ns a dependent load (median; range %.0f - %.0f)%n",
                median(compute), compute[0], compute[compute.length - 1], median(memory), memory[0], memory[memory.length - 1]);
    }

    /** Loops of 4,096 dependent read-modify-writes per second, sorted. */
    static long[] compute(int seconds) {
        long[] arr = new long[1 << 16];
        for (int i = 0; i < arr.length; i++) arr[i] = i * 0x9E3779B97F4A7C15L;
        long sink = 0;
        long[] rates = new long[seconds];
        for (int s = 0; s < seconds; s++) {
            long end = System.nanoTime() + 1_000_000_000L;
            long loops = 0;
            while (System.nanoTime() < end) {
                for (int k = 0; k < 4096; k++) {
                    int j = (int) (sink & (arr.length - 1));
                    sink += arr[j] ^ (sink >>> 7);
                    arr[j] = sink;
                }
                loops++;
            }
            rates[s] = loops;
        }
        if (sink == 42) System.out.print(""); // keeps the loop's result alive
        Arrays.sort(rates);
        return rates;
    }

    /** Nanoseconds per load of a random cyclic permutation of 32 M ints, sorted. */
    static double[] memory(int seconds) {
        int n = 1 << 25;
        int[] next = new int[n];
        for (int i = 0; i < n; i++) next[i] = i;
        SplittableRandom random = new SplittableRandom(1);
        // Sattolo's shuffle: one cycle through every slot, so the chain never settles in a cached loop
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        int p = 0;
        double[] ns = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            long start = System.nanoTime();
            long end = start + 1_000_000_000L;
            long hops = 0;
            long now;
            while ((now = System.nanoTime()) < end) {
                for (int k = 0; k < 10_000; k++) p = next[p];
                hops += 10_000;
            }
            ns[s] = (double) (now - start) / hops;
        }
        if (p == -1) System.out.print("");
        Arrays.sort(ns);
        return ns;
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }
}
