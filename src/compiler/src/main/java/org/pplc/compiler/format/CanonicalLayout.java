package org.pplc.compiler.format;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one layout of a policy file, from its parse tree and token stream. The tree decides where
 * lines break and how deep they are indented; the tokens are re-emitted exactly as written
 * (strings keep their escapes), one space apart; comments come from the hidden channel and keep
 * their place: a comment on its own line stays before what followed it, a comment at the end of
 * a line stays at the end of the line that now holds the token it followed.
 */
final class CanonicalLayout implements PolicyFormatter.Layout {
    static final int STEP = 2;

    /** How a line starts: a statement (may follow a kept blank line), a closing brace, or a continuation. */
    private enum Kind {STATEMENT, CLOSE, CONTINUATION}

    /** A line break before a token: at a fixed indentation, or aligned under an earlier token. */
    private record Break(Kind kind, int indent, int alignTo) {
    }

    private record Comment(String text, boolean blankBefore) {
    }

    private static final class Line {
        final Kind kind;
        final int indent;
        final boolean blankBefore;
        final StringBuilder text = new StringBuilder();
        final List<Comment> leading = new ArrayList<>();
        final List<String> trailing = new ArrayList<>();
        boolean opensBlock;
        boolean endsDeclaration;

        Line(Kind kind, int indent, boolean blankBefore) {
            this.kind = kind;
            this.indent = indent;
            this.blankBefore = blankBefore;
        }

        int width() {
            return indent + text.length();
        }
    }

    private final Map<Integer, Break> breaks = new HashMap<>();
    private final Set<Integer> declarationEnds = new HashSet<>();
    /** Tokens written in their canonical word: an MUE cap's claim setting (facility) as its table (outpatient). */
    private final Map<Integer, String> canonicalWords = new HashMap<>();

    @Override
    public String apply(PolicyFileContext tree, CommonTokenStream tokens) {
        breaks.clear();
        declarationEnds.clear();
        canonicalWords.clear();
        for (DeclarationContext d : tree.declaration()) {
            statement(d.getStart(), 0);
            declarationEnds.add(d.getStop().getTokenIndex());
            if (d.payerDecl() != null) payer(d.payerDecl(), 0);
            else policy(d.policyDecl(), 0);
        }
        return render(tokens);
    }

    // ---- where lines break ----

    private void statement(Token t, int indent) {
        breaks.put(t.getTokenIndex(), new Break(Kind.STATEMENT, indent, -1));
    }

    private void close(TerminalNode brace, int indent) {
        breaks.put(brace.getSymbol().getTokenIndex(), new Break(Kind.CLOSE, indent, -1));
    }

    private void alignUnder(Token t, Token first) {
        breaks.put(t.getTokenIndex(), new Break(Kind.CONTINUATION, 0, first.getTokenIndex()));
    }

    /** Adjacent strings of one text: each after the first on its own line, under the first. */
    private void text(TextContext t) {
        if (t == null) return;
        List<TerminalNode> strings = t.STRING();
        for (int i = 1; i < strings.size(); i++) alignUnder(strings.get(i).getSymbol(), strings.get(0).getSymbol());
    }

    private void payer(PayerDeclContext p, int indent) {
        text(p.text());
        if (p.LBRACE() == null) return;
        for (PlanDeclContext plan : p.planDecl()) {
            statement(plan.getStart(), indent + STEP);
            text(plan.text());
        }
        close(p.RBRACE(), indent);
    }

    private void policy(PolicyDeclContext p, int indent) {
        for (PolicyItemContext item : p.policyItem()) {
            statement(item.getStart(), indent + STEP);
            item(item, indent + STEP);
        }
        close(p.RBRACE(), indent);
    }

    private void item(PolicyItemContext item, int indent) {
        if (item instanceof TitleItemContext t) text(t.text());
        else if (item instanceof SummaryItemContext t) text(t.text());
        else if (item instanceof SourceItemContext t) text(t.text());
        else if (item instanceof UpdateItemContext u) {
            // Several texts: one a line, each under the first, as a reviewer reads a list.
            List<TextContext> texts = u.text();
            for (int i = 0; i < texts.size(); i++) {
                if (i > 0) alignUnder(texts.get(i).getStart(), texts.get(0).getStart());
                text(texts.get(i));
            }
        } else if (item instanceof FromBlockContext f) {
            text(f.text());
            for (RuleItemContext r : f.ruleItem()) {
                statement(r.getStart(), indent + STEP);
                rule(r, indent + STEP);
            }
            close(f.RBRACE(), indent);
        } else if (item instanceof PlainRuleContext r) {
            rule(r.ruleItem(), indent);
        }
    }

    private void rule(RuleItemContext r, int indent) {
        DefinitionContext d = r.definition();
        if (d instanceof FamilyDefContext f) text(f.text());
        else if (d instanceof DrugDefContext drug) text(drug.text());
        else if (d instanceof CodeDefContext c) {
            text(c.text());
            for (CodePropContext p : c.codeProp()) {
                statement(p.getStart(), indent + STEP);
                if (p instanceof DescriptionPropContext desc) text(desc.text());
                else if (p instanceof CodeSourcePropContext src) text(src.text());
            }
            close(c.RBRACE(), indent);
        } else if (d instanceof RuleDefContext rd) {
            for (RulePropContext p : rd.ruleProp()) {
                statement(p.getStart(), indent + STEP);
                if (p instanceof RuleTitleContext x) text(x.text());
                else if (p instanceof RuleMessageContext x) text(x.text());
                else if (p instanceof RuleFixContext x) text(x.text());
                else if (p instanceof RuleAppealContext x) text(x.text());
            }
            close(rd.RBRACE(), indent);
        } else if (d instanceof MueDefContext m) {
            for (MueCapContext cap : m.mueCap()) {
                Token w = cap.name(0).getStart();
                org.pplc.runtime.model.MueSetting s = org.pplc.runtime.model.MueSetting.fromWord(w.getText());
                if (s != null && !s.id().equals(w.getText())) canonicalWords.put(w.getTokenIndex(), s.id());
            }
        } else if (d instanceof TimingDefContext t) {
            for (TimingItemContext i : t.timingItem()) statement(i.getStart(), indent + STEP);
            close(t.RBRACE(), indent);
        }
    }

    // ---- emitting ----

    private String render(CommonTokenStream tokens) {
        tokens.fill();
        List<Line> lines = new ArrayList<>();
        Map<Integer, Integer> columns = new HashMap<>();
        List<Comment> pending = new ArrayList<>();
        Line current = null;
        Line lastTokenLine = null;
        boolean newlineSinceToken = true;
        int newlines = 0;
        Token previous = null;
        for (Token t : tokens.getTokens()) {
            if (t.getType() == Token.EOF) break;
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                if (t.getType() == PolicyLexer.NEWLINE) {
                    newlines++;
                    newlineSinceToken = true;
                } else if (t.getType() == PolicyLexer.COMMENT) {
                    String text = stripTrailing(t.getText());
                    if (lastTokenLine != null && !newlineSinceToken) lastTokenLine.trailing.add(text);
                    else pending.add(new Comment(text, newlines >= 2));
                    newlines = 0;
                }
                continue;
            }
            Break b = breaks.get(t.getTokenIndex());
            if (current == null || b != null) {
                Kind kind = b == null ? Kind.STATEMENT : b.kind();
                int indent = b == null ? 0 : b.kind() == Kind.CONTINUATION ? columns.get(b.alignTo()) : b.indent();
                current = new Line(kind, indent, newlines >= 2);
                lines.add(current);
            } else if (spaceBetween(previous, t)) {
                current.text.append(' ');
            }
            // An own-line comment before a token in the middle of a line goes before that line.
            current.leading.addAll(pending);
            pending.clear();
            columns.put(t.getTokenIndex(), current.width());
            current.text.append(canonicalWords.getOrDefault(t.getTokenIndex(), t.getText()));
            current.opensBlock = t.getType() == PolicyLexer.LBRACE;
            if (declarationEnds.contains(t.getTokenIndex())) current.endsDeclaration = true;
            lastTokenLine = current;
            previous = t;
            newlineSinceToken = false;
            newlines = 0;
        }
        return print(lines, pending);
    }

    private static boolean spaceBetween(Token previous, Token next) {
        if (previous == null) return false;
        if (previous.getType() == PolicyLexer.LPAREN) return false;
        int n = next.getType();
        return n != PolicyLexer.RPAREN && n != PolicyLexer.COMMA;
    }

    private static String stripTrailing(String comment) {
        return comment.stripTrailing();
    }

    /**
     * Blank lines: one after every declaration, the author's (at most one) between statements,
     * none after '{' or before '}'. End-of-line comments on consecutive lines line up, one column
     * two spaces past the longest of those lines, as authors align them by hand.
     */
    private static String print(List<Line> lines, List<Comment> endOfFile) {
        Printer p = new Printer();
        for (Line line : lines) {
            boolean statement = line.kind != Kind.CONTINUATION;
            int commentIndent = line.kind == Kind.CLOSE ? line.indent + STEP : line.indent;
            for (Comment c : line.leading) p.row(commentIndent, c.text(), null, statement && c.blankBefore(), false);
            // A second comment that ended up on this line (its statement was joined) goes above it.
            for (int i = 1; i < line.trailing.size(); i++) p.row(line.indent, line.trailing.get(i), null, false, false);
            p.row(line.indent, line.text.toString(), line.trailing.isEmpty() ? null : line.trailing.get(0),
                    line.kind == Kind.STATEMENT && line.blankBefore, line.kind == Kind.CLOSE);
            p.opened = line.opensBlock;
            p.declarationEnded = line.endsDeclaration;
        }
        for (Comment c : endOfFile) p.row(0, c.text(), null, c.blankBefore(), false);
        return p.text();
    }

    /** An output line: code (or an own-line comment) and the comment at its end, if any. */
    private record Row(boolean blankBefore, int indent, String code, String comment) {
        int width() {
            return indent + code.length();
        }
    }

    private static final class Printer {
        final List<Row> rows = new ArrayList<>();
        boolean opened;
        boolean declarationEnded;

        void row(int indent, String code, String comment, boolean blankWanted, boolean closing) {
            boolean blank;
            if (rows.isEmpty() || opened || closing) blank = false;
            else blank = declarationEnded || blankWanted;
            rows.add(new Row(blank, indent, code, comment));
            opened = false;
            declarationEnded = false;
        }

        String text() {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < rows.size()) {
                // a run: consecutive rows, no blank line between, each ending in a comment
                int end = i;
                int column = 0;
                while (end < rows.size() && rows.get(end).comment() != null
                        && (end == i || !rows.get(end).blankBefore())) {
                    column = Math.max(column, rows.get(end).width() + 2);
                    end++;
                }
                if (end == i) end = i + 1;
                for (int k = i; k < end; k++) {
                    Row r = rows.get(k);
                    if (r.blankBefore()) out.append('\n');
                    out.append(" ".repeat(r.indent())).append(r.code());
                    if (r.comment() != null) out.append(" ".repeat(column - r.width())).append(r.comment());
                    out.append('\n');
                }
                i = end;
            }
            return out.toString();
        }
    }
}
