package org.pplc.bench;

import org.antlr.v4.runtime.CharStreams;
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
 * Where compile time goes, stage by stage, by the compiling thread's CPU time: lexing alone, lexing
 * and parsing, building the AST, checking, lowering. Usage: {@code CompileStages LINES WARMUP RUNS}.
 * The stages are timed separately over the same corpus; "check" and "lower" one after the other, and
 * "check+lower" as the compiler runs them (each policy lowered as soon as it is checked). Lex+parse,
 * ast and check+lower add up to about one compile.
 */
public final class CompileStages {
    private CompileStages() {
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Corpus corpus = Corpus.ofLines(lines / 100, lines, 42);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"lex", "lex+parse", "ast", "check", "lower", "check+lower"};
        long[][] t = new long[names.length][runs];
        for (int r = -warmup; r < runs; r++) {
            long a = mx.getCurrentThreadCpuTime();
            int n = 0;
            for (SourceFile s : corpus.files()) {
                PolicyLexer lx = new PolicyLexer(CharStreams.fromString(s.text(), s.path()));
                while (lx.nextToken().getType() != Token.EOF) n++;
            }
            long b = mx.getCurrentThreadCpuTime();
            Diagnostics d = new Diagnostics();
            List<Parsing.Parsed> parsed = new ArrayList<>();
            for (SourceFile s : corpus.files()) parsed.add(Parsing.parse(s.path(), s.text(), d));
            long c = mx.getCurrentThreadCpuTime();
            List<Ast.PolicyFile> files = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) files.add(AstBuilder.build(corpus.files().get(i).path(), parsed.get(i).tree()));
            long e = mx.getCurrentThreadCpuTime();
            CheckResult checked = Checker.check(files, d);
            long f = mx.getCurrentThreadCpuTime();
            if (d.hasErrors() || Lowering.lower(checked) == null) throw new IllegalStateException();
            long g = mx.getCurrentThreadCpuTime();
            // As the compiler does it: each policy lowered as soon as it is checked.
            Diagnostics d2 = new Diagnostics();
            Lowering.Session session = new Lowering.Session();
            CheckResult checked2 = Checker.check(files, d2, session::add);
            if (d2.hasErrors() || session.finish(checked2) == null) throw new IllegalStateException();
            long h = mx.getCurrentThreadCpuTime();
            if (r >= 0) {
                t[0][r] = b - a; t[1][r] = c - b; t[2][r] = e - c; t[3][r] = f - e; t[4][r] = g - f; t[5][r] = h - g;
            }
            if (n == 0) throw new IllegalStateException();
        }
        long sum = 0;
        for (int i = 0; i < names.length; i++) {
            Arrays.sort(t[i]);
            long med = t[i][runs / 2];
            if (i == 1 || i == 2 || i == 5) sum += med; // parse, AST, then check and lower as the compiler runs them
            System.out.printf("%-10s median %7.1f ms%n", names[i], med / 1e6);
        }
        System.out.printf("parse..lower %7.1f ms = %,.0f lines/s (corpus %d lines)%n", sum / 1e6, corpus.lines() / (sum / 1e9), corpus.lines());
    }
}
