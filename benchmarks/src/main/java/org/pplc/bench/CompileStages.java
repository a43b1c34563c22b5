package org.pplc.bench;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.pplc.compiler.SourceFile;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.check.CheckResult;
import org.pplc.compiler.check.Checker;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.lower.Lowering;
import org.pplc.compiler.syntax.Parsing;
import org.pplc.compiler.syntax.antlr.PolicyLexer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where compile time goes, stage by stage, by the compiling thread's CPU time. Usage:
 * {@code CompileStages LINES WARMUP RUNS}. The compiler builds the AST while it parses, so the
 * stages it runs are "scan+parse+ast", "check" and "lower" (their sum is one compile); the other
 * rows take that first stage apart for reference: the quick scanner alone, scanning and parsing
 * without building anything, and the generated ANTLR lexer alone (what the quick scanner replaced,
 * still used for files it declines and for the formatter). The compiler lowers each policy as soon
 * as it is checked, so "check+lower" (in the sum) times them that way; "check" and "lower" one after
 * the other show the split.
 */
public final class CompileStages {
    private CompileStages() {
    }

    /**
     * The quick path on this corpus gives what the full path gives: the generated lexer's tokens,
     * token for token, and the AST built from the parse tree (the compiler module's QuickPathTest
     * does the same on the shipped policies, the diagnostics table and mutations).
     */
    static void checkQuickPath(Corpus corpus) {
        for (SourceFile s : corpus.files()) {
            PolicyLexer lx = new PolicyLexer(CharStreams.fromString(s.text()));
            CommonTokenStream all = new CommonTokenStream(lx);
            all.fill();
            List<Token> quick = Parsing.quickScanAll(s.text());
            if (quick == null || quick.size() != all.size()) throw new IllegalStateException("scanner differs on " + s.path());
            for (int i = 0; i < quick.size(); i++) {
                Token a = all.get(i);
                Token b = quick.get(i);
                if (a.getType() != b.getType() || !a.getText().equals(b.getText()) || a.getStartIndex() != b.getStartIndex()
                        || a.getStopIndex() != b.getStopIndex() || a.getLine() != b.getLine()
                        || a.getCharPositionInLine() != b.getCharPositionInLine() || a.getChannel() != b.getChannel()
                        || a.getTokenIndex() != b.getTokenIndex()) {
                    throw new IllegalStateException("scanner differs on " + s.path() + ": " + a + " vs " + b);
                }
            }
            Diagnostics d = new Diagnostics();
            Ast.PolicyFile viaTree = AstBuilder.build(s.path(), Parsing.parse(s.path(), s.text(), d).tree());
            if (!viaTree.equals(AstBuilder.parse(s.path(), s.text(), d)) || d.hasErrors()) {
                throw new IllegalStateException("quick AST differs on " + s.path());
            }
        }
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Corpus corpus = Corpus.ofLines(lines / 100, lines, 42);
        checkQuickPath(corpus);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"antlr lex (ref)", "scan", "scan+parse", "scan+parse+ast", "check", "lower", "check+lower"};
        boolean[] inCompile = {false, false, false, true, false, false, true};
        long[][] t = new long[names.length][runs];
        for (int r = -warmup; r < runs; r++) {
            long[] at = new long[names.length + 1];
            at[0] = mx.getCurrentThreadCpuTime();
            int n = 0;
            for (SourceFile s : corpus.files()) {
                PolicyLexer lx = new PolicyLexer(CharStreams.fromString(s.text(), s.path()));
                while (lx.nextToken().getType() != Token.EOF) n++;
            }
            at[1] = mx.getCurrentThreadCpuTime();
            for (SourceFile s : corpus.files()) {
                if (Parsing.quickScan(s.path(), s.text()) < 0) throw new IllegalStateException("scanner declined " + s.path());
            }
            at[2] = mx.getCurrentThreadCpuTime();
            for (SourceFile s : corpus.files()) {
                if (!Parsing.parseQuick(s.path(), s.text(), null)) throw new IllegalStateException("quick parse failed " + s.path());
            }
            at[3] = mx.getCurrentThreadCpuTime();
            Diagnostics d = new Diagnostics();
            List<Ast.PolicyFile> files = new ArrayList<>();
            for (SourceFile s : corpus.files()) files.add(AstBuilder.parse(s.path(), s.text(), d));
            at[4] = mx.getCurrentThreadCpuTime();
            CheckResult checked = Checker.check(files, d);
            at[5] = mx.getCurrentThreadCpuTime();
            if (d.hasErrors() || Lowering.lower(checked) == null) throw new IllegalStateException();
            at[6] = mx.getCurrentThreadCpuTime();
            // As the compiler does it: each policy lowered as soon as it is checked.
            Diagnostics d2 = new Diagnostics();
            Lowering.Session session = new Lowering.Session();
            CheckResult checked2 = Checker.check(files, d2, session::add);
            if (d2.hasErrors() || session.finish(checked2) == null) throw new IllegalStateException();
            at[7] = mx.getCurrentThreadCpuTime();
            if (r >= 0) for (int i = 0; i < names.length; i++) t[i][r] = at[i + 1] - at[i];
            if (n == 0) throw new IllegalStateException();
        }
        long sum = 0;
        for (int i = 0; i < names.length; i++) {
            Arrays.sort(t[i]);
            long med = t[i][runs / 2];
            if (inCompile[i]) sum += med;
            System.out.printf("%-16s median %7.1f ms%s%n", names[i], med / 1e6, inCompile[i] ? "" : "  (not in the sum)");
        }
        System.out.printf("compile = scan+parse+ast + check + lower: %7.1f ms = %,.0f lines/s (corpus %d lines)%n",
                sum / 1e6, corpus.lines() / (sum / 1e9), corpus.lines());
    }
}
