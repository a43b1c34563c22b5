package org.pplc.bench.drools;

/** What a DRL rule found: the same fields the hand-written checker fills. */
public record DFinding(int line, String code, String rule, String action, String carc, String message) {
}
