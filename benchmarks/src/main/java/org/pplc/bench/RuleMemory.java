package org.pplc.bench;

import org.pplc.compiler.Compilation;
import org.pplc.compiler.PolicyCompiler;
import org.pplc.runtime.engine.Adjudicator;
import org.pplc.runtime.policy.PolicySet;

/**
 * Retained heap of a compiled rule set: used heap after full GCs with the PolicySet held, minus
 * the same before compiling (the corpus text is held both times, so it cancels out).
 * Usage: {@code RuleMemory PAYERS RULES_PER_PAYER} (1000 x 1000 = about 1,000,000 rules).
 */
public final class RuleMemory {
    private RuleMemory() {
    }

    public static void main(String[] args) {
        int payers = Integer.parseInt(args[0]);
        int perPayer = Integer.parseInt(args[1]);
        Corpus corpus = Corpus.generate(payers, perPayer, 42);
        long before = settledUsed();
        long t = System.nanoTime();
        Compilation c = PolicyCompiler.compileSources(corpus.files());
        long ms = (System.nanoTime() - t) / 1_000_000;
        if (c.hasErrors()) throw new IllegalStateException(c.diagnostics().get(0).toString());
        PolicySet set = c.policySet();
        c = null;
        long after = settledUsed();
        long bytes = after - before;
        System.out.printf("rules: %d (%d lines, %d payers, %d policies); compile %d ms; retained %.1f MB; %.0f bytes per rule%n",
                corpus.rules(), corpus.lines(), payers, set.policies().size(), ms, bytes / 1048576.0,
                (double) bytes / corpus.rules());
        // what a product holds once it adjudicates: the set plus the engine's prepared tables
        Adjudicator engine = new Adjudicator(set);
        long prepared = settledUsed() - before;
        System.out.printf("with the engine's prepared tables (new Adjudicator(set)): retained %.1f MB; %.0f bytes per rule%n",
                prepared / 1048576.0, (double) prepared / corpus.rules());
        if (set.policies().isEmpty() || corpus.files().isEmpty()) throw new AssertionError();
        java.lang.ref.Reference.reachabilityFence(engine); // measured above: keep it alive until here
    }

    private static long settledUsed() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
