package org.pplc.compiler.ast;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.pplc.compiler.ast.Ast.*;
import org.pplc.compiler.diag.Diagnostics;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.syntax.Parsing;
import org.pplc.compiler.syntax.antlr.PolicyLexer;
import org.pplc.compiler.syntax.antlr.PolicyParser.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2, ast: immutable records with spans, from the quick parse's rule events ({@link
 * Listener}, the compiler's usual path) or from a parse tree replayed as those events ({@link
 * #build}). Only given files that parsed without errors, so every child the grammar requires is
 * present. A rule's children are read by position, as grammar/PolicyParser.g4 lays them out.
 */
public final class AstBuilder {
    private final String file;
    /** True when every code point of the file is one UTF-16 char, so a token's length is its index range. */
    private final boolean oneCharPerCodePoint;

    private AstBuilder(String file, boolean oneCharPerCodePoint) {
        this.file = file;
        this.oneCharPerCodePoint = oneCharPerCodePoint;
    }

    /**
     * Parses and builds one file for the compiler: the quick path (no parse tree, see {@link
     * Listener}) when it succeeds, otherwise the full parse and {@link #build}. Null when the file
     * has errors (reported to diagnostics).
     */
    public static PolicyFile parse(String file, String text, Diagnostics diagnostics) {
        Listener quick = new Listener(file);
        if (Parsing.parseQuick(file, text, quick)) return quick.result();
        Parsing.Parsed parsed = Parsing.parse(file, text, diagnostics);
        return parsed.errors() > 0 ? null : build(file, parsed.tree());
    }

    /**
     * Builds from a parse tree (the formatter's, and files the quick path declined) by replaying it
     * to the {@link Listener} as the quick parse reports it: a rule starts, its tokens and sub-rules
     * in order, the rule ends. One mapping from grammar rules to records serves both paths.
     */
    public static PolicyFile build(String file, PolicyFileContext tree) {
        CharStream in = tree.getStart().getInputStream();
        // Without an input stream the tokens are the quick scanner's, which declines surrogate pairs.
        boolean oneCharPerCodePoint = in == null
                || in.size() == 0 || in.getText(Interval.of(0, in.size() - 1)).length() == in.size();
        Listener listener = new Listener(new AstBuilder(file, oneCharPerCodePoint));
        replay(tree, listener);
        return listener.result();
    }

    private static void replay(ParserRuleContext c, Listener listener) {
        listener.enterRule();
        for (int i = 0, n = c.getChildCount(); i < n; i++) {
            ParseTree child = c.getChild(i);
            if (child instanceof ParserRuleContext r) replay(r, listener);
            else listener.token(((TerminalNode) child).getSymbol());
        }
        listener.exitRule(c);
    }

    /**
     * Builds the AST as the parser goes, without a parse tree: tokens and the values of finished
     * rules go on one stack; when a rule ends, the entries above the mark set at its start are
     * its children in grammar order (what the tree would have held, with sub-rules already built),
     * and are replaced by the rule's value. {@link #build} replays a parse tree to it
     * ({@code QuickPathTest} compares the two paths' records).
     */
    public static final class Listener implements Parsing.Events {
        private final AstBuilder b;
        private Object[] items = new Object[256];
        private int top;
        private int[] marks = new int[32];
        private int depth;
        private int m; // the mark of the rule being finished
        private PolicyFile result;

        Listener(String file) {
            this(new AstBuilder(file, true));
        }

        private Listener(AstBuilder b) {
            this.b = b;
        }

        PolicyFile result() {
            return result;
        }

        @Override
        public void token(Token t) {
            push(t);
        }

        @Override
        public void enterRule() {
            if (depth == marks.length) marks = java.util.Arrays.copyOf(marks, depth * 2);
            marks[depth++] = top;
        }

        @Override
        public void exitRule(ParserRuleContext ctx) {
            m = marks[--depth];
            Object value = value(ctx, top - m);
            top = m;
            push(value);
        }

        private void push(Object o) {
            if (top == items.length) items = java.util.Arrays.copyOf(items, top * 2);
            items[top++] = o;
        }

        private Object at(int k) {
            return items[m + k];
        }

        private Token tok(int k) {
            return (Token) items[m + k];
        }

        private Name nm(int k) {
            return (Name) items[m + k];
        }

        private Text tx(int k) {
            return (Text) items[m + k];
        }

        private Text optionalTx(int k, int n) {
            return k < n && items[m + k] instanceof Text t ? t : null;
        }

        @SuppressWarnings("unchecked")
        private List<Name> names(int k) {
            return (List<Name>) items[m + k];
        }

        /** The value of a finished rule from its n children on the stack. */
        private Object value(ParserRuleContext c, int n) {
            if (c instanceof NameContext || c instanceof CodeRefContext) {
                Token t = tok(0);
                return new Name(t.getText(), b.span(t));
            }
            if (c instanceof TextContext) {
                if (n == 1) return new Text(unquote(tok(0).getText()), b.span(c));
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < n; k++) s.append(unquote(tok(k).getText()));
                return new Text(s.toString(), b.span(c));
            }
            if (c instanceof CodeListContext || c instanceof ModifierListContext) {
                // codeRef ((COMMA | OR) codeRef)*
                if (n == 1) return List.of(nm(0));
                List<Name> out = new ArrayList<>((n + 1) / 2);
                for (int k = 0; k < n; k += 2) out.add(nm(k));
                return out;
            }
            if (c instanceof AmountContext) return b.num(tok(0));
            if (c instanceof PolicyItemContext) return item(c, n);
            if (c instanceof DefinitionContext) return definition(c, n);
            if (c instanceof CodePropContext) return codeProp(c, n);
            if (c instanceof RulePropContext) return ruleProp(c);
            if (c instanceof RuleItemContext) {
                // OVERRIDE? definition
                return new RuleItem(n == 2, (Definition) at(n - 1), b.span(c));
            }
            if (c instanceof MueCapContext) {
                // name INT (PER (LINE | DAY LPAREN name RPAREN))?: the setting in the MUE table's word
                Name setting = nm(0);
                org.pplc.runtime.model.MueSetting s = org.pplc.runtime.model.MueSetting.fromWord(setting.text());
                if (s != null && !s.id().equals(setting.text())) setting = new Name(s.id(), setting.span());
                return new MueCap(setting, b.num(tok(1)), n == 2 ? new Name("clinical", b.span(c)) : n == 4 ? null : nm(5), b.span(c));
            }
            if (c instanceof TimingItemContext) {
                // name+ (UP TO | AFTER) INT MINUTES
                List<Name> words = new ArrayList<>();
                int k = 0;
                while (at(k) instanceof Name w) {
                    words.add(w);
                    k++;
                }
                return new TimingItem(words, tok(k).getType() == PolicyLexer.UP, b.num(tok(n - 2)), b.span(c));
            }
            if (c instanceof DeclarationContext) return at(0);
            if (c instanceof PlanDeclContext) return new PlanDecl(nm(1), optionalTx(2, n), b.span(c)); // PLAN name text?
            if (c instanceof PayerDeclContext) {
                // PAYER name text? (LBRACE planDecl* RBRACE)?
                List<PlanDecl> plans = new ArrayList<>();
                for (int k = 2; k < n; k++) if (at(k) instanceof PlanDecl p) plans.add(p);
                return new PayerDecl(nm(1), optionalTx(2, n), plans, b.span(c));
            }
            if (c instanceof PolicyDeclContext) {
                // POLICY name LBRACE policyItem* RBRACE
                List<PolicyItem> items = new ArrayList<>(n - 4);
                for (int k = 3; k < n - 1; k++) items.add((PolicyItem) at(k));
                return new PolicyDecl(nm(1), items, b.span(c));
            }
            // policyFile: declaration* EOF
            List<Declaration> decls = new ArrayList<>(n - 1);
            for (int k = 0; k < n - 1; k++) decls.add((Declaration) at(k));
            result = new PolicyFile(b.file, decls, b.span(c));
            return result;
        }

        private PolicyItem item(ParserRuleContext c, int n) {
            if (c instanceof PlainRuleContext) return (RuleItem) at(0);
            if (c instanceof TitleItemContext) return new Meta(MetaKind.TITLE, List.of(tx(1)), b.span(c));
            if (c instanceof SummaryItemContext) return new Meta(MetaKind.SUMMARY, List.of(tx(1)), b.span(c));
            if (c instanceof SourceItemContext) return new Meta(MetaKind.SOURCE, List.of(tx(1)), b.span(c));
            if (c instanceof UpdateItemContext) {
                // UPDATE WHEN text (COMMA text)*
                List<Text> texts = new ArrayList<>();
                for (int k = 2; k < n; k += 2) texts.add(tx(k));
                return new Meta(MetaKind.UPDATE_WHEN, texts, b.span(c));
            }
            if (c instanceof ReviewedItemContext) return new Reviewed(b.date(tok(1)), b.span(c));
            if (c instanceof AppliesItemContext) {
                // APPLIES TO (ALL PAYERS | PAYER name (PLAN name)?)
                if (tok(2).getType() == PolicyLexer.ALL) return new Applies(null, null, b.span(c));
                return new Applies(nm(3), n > 5 ? nm(5) : null, b.span(c));
            }
            if (c instanceof ExtendsItemContext) return new Extends(nm(1), b.span(c));
            if (c instanceof EffectiveItemContext) {
                // EFFECTIVE DATE (THROUGH DATE)?
                return new Effective(b.date(tok(1)), n > 3 ? b.date(tok(3)) : null, b.span(c));
            }
            // FROM text (QUARTER name)? LBRACE ruleItem* RBRACE
            boolean quartered = n > 2 && at(2) instanceof Token t && t.getType() == PolicyLexer.QUARTER;
            int open = quartered ? 4 : 2;
            List<RuleItem> rules = new ArrayList<>();
            for (int k = open + 1; k < n - 1; k++) rules.add((RuleItem) at(k));
            return new FromBlock(tx(1), quartered ? nm(3) : null, rules, b.span(c));
        }

        private Definition definition(ParserRuleContext c, int n) {
            Span s = b.span(c);
            if (c instanceof CodeDefContext) {
                // CODE codeRef text? LBRACE codeProp* RBRACE
                Text title = optionalTx(2, n);
                List<CodeProp> props = new ArrayList<>();
                for (int k = title == null ? 3 : 4; k < n - 1; k++) props.add((CodeProp) at(k));
                return new CodeDef(nm(1), title, props, s);
            }
            if (c instanceof MueDefContext) {
                // MUE codeRef mueCap (COMMA mueCap)*
                List<MueCap> caps = new ArrayList<>();
                for (int k = 2; k < n; k += 2) caps.add((MueCap) at(k));
                return new MueDef(nm(1), caps, s);
            }
            if (c instanceof FamilyDefContext) return new FamilyDef(nm(1), b.num(tok(3)), optionalTx(4, n), s);
            if (c instanceof DrugDefContext) {
                // DRUG codeRef text name COMMA amount name PER UNIT (COMMA SINGLE_DOSE)?
                return new DrugDef(nm(1), tx(2), nm(3), (Num) at(5), nm(6), n > 9, s);
            }
            if (c instanceof AuthRequiredDefContext) return new AuthDef(true, names(4), s);
            if (c instanceof AuthLimitsDefContext) return new AuthDef(false, names(5), s);
            if (c instanceof AuditDefContext) return new AuditDef(nm(1), b.num(tok(3)), s);
            if (c instanceof DrugModifierDefContext) return new ModifierDef(ModifierKind.DRUG_LINE, names(1), List.of(), s);
            if (c instanceof SecondInitialDefContext)
                return new ModifierDef(ModifierKind.SECOND_INITIAL, names(1), List.of(), s);
            if (c instanceof AllowedModifierDefContext) return new ModifierDef(ModifierKind.ALLOWED, names(1), names(4), s);
            if (c instanceof RuleDefContext) {
                // RULE name LBRACE ruleProp* RBRACE
                List<RuleProp> props = new ArrayList<>();
                for (int k = 3; k < n - 1; k++) props.add((RuleProp) at(k));
                return new RuleDef(nm(1), props, s);
            }
            if (c instanceof TimingDefContext) {
                // TIMING LBRACE timingItem* RBRACE
                List<TimingItem> items = new ArrayList<>();
                for (int k = 2; k < n - 1; k++) items.add((TimingItem) at(k));
                return new TimingDef(items, s);
            }
            // INITIAL CODE IN name FOLLOWS name+
            List<Name> order = new ArrayList<>();
            for (int k = 5; k < n; k++) order.add(nm(k));
            return new InitialCodeDef(nm(3), order, s);
        }

        private CodeProp codeProp(ParserRuleContext c, int n) {
            Span s = b.span(c);
            if (c instanceof InitialPropContext) return new InitialProp(s);
            if (c instanceof AddOnPropContext) return new AddOnProp(names(2), s);
            if (c instanceof FamilyPropContext) return new FamilyProp(nm(1), s);
            if (c instanceof MethodPropContext) return new MethodProp(nm(1), s);
            if (c instanceof RolePropContext) return new RoleProp(nm(1), s);
            if (c instanceof UnitPropContext) return new UnitProp(nm(2), s);
            if (c instanceof OnlyPropContext) return new OnlyProp(nm(0), s);
            if (c instanceof DescriptionPropContext) return new DescriptionProp(tx(1), s);
            return new SourceProp(tx(1), s);
        }

        @SuppressWarnings("unchecked")
        private RuleProp ruleProp(ParserRuleContext c) {
            Span s = b.span(c);
            Object value = at(1);
            if (c instanceof RuleTitleContext) return new RuleTitle((Text) value, s);
            if (c instanceof RuleActionContext) return new RuleAction((Name) value, s);
            if (c instanceof RuleCarcContext) return new RuleCarc((Name) value, s);
            if (c instanceof RuleRarcContext) return new RuleRarc(value instanceof Token ? List.of() : (List<Name>) value, s);
            if (c instanceof RuleMessageContext) return new RuleMessage((Text) value, s);
            if (c instanceof RuleFixContext) return new RuleFix((Text) value, s);
            return new RuleAppeal(value instanceof Token ? null : (Text) value, s);
        }
    }

    private DateLit date(Token t) {
        return new DateLit(t.getText(), span(t));
    }

    private Num num(Token t) {
        String s = t.getText();
        // An INT of up to 18 digits is exactly a long; BigDecimal.valueOf gives the same value and scale.
        BigDecimal value = t.getType() == PolicyLexer.INT && s.length() <= 18
                ? BigDecimal.valueOf(Long.parseLong(s)) : new BigDecimal(s);
        return new Num(value, s, span(t));
    }

    /** Drops the quotes and resolves \" \\ \n and \t. */
    static String unquote(String quoted) {
        int last = quoted.length() - 1;
        if (quoted.indexOf('\\', 1) < 0) return quoted.substring(1, last);
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 1; i < last; i++) {
            char ch = quoted.charAt(i);
            if (ch == '\\' && i + 1 < last) {
                char next = quoted.charAt(++i);
                b.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private Span span(ParserRuleContext c) {
        Token start = c.getStart();
        Token stop = c.getStop() != null ? c.getStop() : start;
        return new Span(file, start.getLine(), start.getCharPositionInLine() + 1, stop.getLine(),
                stop.getCharPositionInLine() + Math.max(1, length(stop)));
    }

    private Span span(Token t) {
        return new Span(file, t.getLine(), t.getCharPositionInLine() + 1, t.getLine(),
                t.getCharPositionInLine() + Math.max(1, length(t)));
    }

    /** The token's length in chars, without copying its text where the index range gives it. */
    private int length(Token t) {
        if (t.getType() == Token.EOF || t.getStartIndex() < 0 || !oneCharPerCodePoint) return t.getText().length();
        return t.getStopIndex() - t.getStartIndex() + 1;
    }
}
