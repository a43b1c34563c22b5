package org.pplc.compiler.format;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.pplc.compiler.ast.Ast;
import org.pplc.compiler.ast.AstBuilder;
import org.pplc.compiler.diag.Diagnostic;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.syntax.Parsing;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser.PolicyFileContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pplc fmt}: one canonical layout for policy files. The formatter proves each result
 * safe before handing it back: the output must parse to the same tree (positions aside), keep
 * every comment, and come out unchanged when formatted again. When any of that fails the file
 * is refused, never rewritten.
 */
public final class PolicyFormatter {
    /** Lays out a parsed file; the canonical one is the product's, tests plug in broken ones. */
    public interface Layout {
        String apply(PolicyFileContext tree, CommonTokenStream tokens);
    }

    /**
     * What formatting one file gave: the formatted text, or null with the reasons it was refused
     * (syntax errors, or a layout that failed its own safety checks).
     */
    public record Result(String path, String original, String formatted, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        public boolean refused() {
            return formatted == null;
        }

        public boolean changed() {
            return formatted != null && !formatted.equals(original);
        }
    }

    private final Layout layout;

    PolicyFormatter(Layout layout) {
        this.layout = layout;
    }

    private static final PolicyFormatter CANONICAL = new PolicyFormatter(new CanonicalLayout());

    /** Formats one file's text in the canonical layout. */
    public static Result format(String path, String text) {
        return CANONICAL.run(path, text);
    }

    Result run(String path, String text) {
        Diagnostics diag = new Diagnostics();
        Parsing.Parsed parsed = Parsing.parse(path, text, diag);
        if (parsed.errors() > 0) return new Result(path, text, null, diag.sorted());
        String once = layout.apply(parsed.tree(), parsed.tokens());

        Span whole = new Span(path, 1, 1, 1, 1);
        String help = "the file was left as it is; this is a pplc bug, please report it with the file";
        Diagnostics check = new Diagnostics();
        Parsing.Parsed reparsed = Parsing.parse(path, once, check);
        if (reparsed.errors() > 0) {
            diag.error("fmt-unsafe", whole, "formatting " + path + " would give text that does not parse ("
                    + check.sorted().get(0).message() + ")", help);
            return new Result(path, text, null, diag.sorted());
        }
        Ast.PolicyFile before = AstBuilder.build(path, parsed.tree());
        Ast.PolicyFile after = AstBuilder.build(path, reparsed.tree());
        Optional<String> difference = AstComparison.firstDifference(before, after);
        if (difference.isPresent()) {
            diag.error("fmt-unsafe", whole, "formatting " + path + " would change what the policy says, at "
                    + difference.get(), help);
            return new Result(path, text, null, diag.sorted());
        }
        List<String> commentsBefore = comments(parsed.tokens());
        List<String> commentsAfter = comments(reparsed.tokens());
        if (!sameComments(commentsBefore, commentsAfter)) {
            diag.error("fmt-unsafe", whole, "formatting " + path + " would lose or change comments ("
                    + commentsBefore.size() + " before, " + commentsAfter.size() + " after)", help);
            return new Result(path, text, null, diag.sorted());
        }
        String twice = layout.apply(reparsed.tree(), reparsed.tokens());
        if (!twice.equals(once)) {
            diag.error("fmt-unstable", whole, "formatting " + path + " twice gives a different layout, at line "
                    + firstDifferentLine(once, twice), help);
            return new Result(path, text, null, diag.sorted());
        }
        return new Result(path, text, once, diag.sorted());
    }

    /** Comment texts of a file in order, trailing blanks dropped (the layout trims them). */
    static List<String> comments(CommonTokenStream tokens) {
        tokens.fill();
        List<String> out = new ArrayList<>();
        for (Token t : tokens.getTokens()) {
            if (t.getType() == PolicyLexer.COMMENT) out.add(t.getText().stripTrailing());
        }
        return out;
    }

    /** The same comments, in any order: two comments that end up on one joined line swap places. */
    private static boolean sameComments(List<String> a, List<String> b) {
        List<String> x = new ArrayList<>(a);
        List<String> y = new ArrayList<>(b);
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) i++;
        return i + 1;
    }
}
