package org.pplc.compiler.ast;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.pplc.compiler.ast.Ast.*;
import org.pplc.compiler.diag.Span;
import org.pplc.compiler.syntax.antlr.PolicyParser;
import org.pplc.compiler.syntax.antlr.PolicyParser.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2, ast: parse tree to immutable records with spans. Only called on files that parsed
 * without errors, so every child the grammar requires is present.
 */
public final class AstBuilder {
    private final String file;
    /** True when every code point of the file is one UTF-16 char, so a token's length is its index range. */
    private final boolean oneCharPerCodePoint;

    private AstBuilder(String file, boolean oneCharPerCodePoint) {
        this.file = file;
        this.oneCharPerCodePoint = oneCharPerCodePoint;
    }

    public static PolicyFile build(String file, PolicyFileContext tree) {
        CharStream in = tree.getStart().getInputStream();
        boolean oneCharPerCodePoint = in == null
                || in.size() == 0 || in.getText(Interval.of(0, in.size() - 1)).length() == in.size();
        AstBuilder b = new AstBuilder(file, oneCharPerCodePoint);
        List<Declaration> decls = new ArrayList<>();
        for (DeclarationContext d : tree.declaration()) {
            if (d.payerDecl() != null) decls.add(b.payer(d.payerDecl()));
            else decls.add(b.policy(d.policyDecl()));
        }
        return new PolicyFile(file, decls, b.span(tree));
    }

    private PayerDecl payer(PayerDeclContext c) {
        List<PlanDecl> plans = new ArrayList<>();
        for (PlanDeclContext p : c.planDecl()) plans.add(new PlanDecl(name(p.name()), text(p.text()), span(p)));
        return new PayerDecl(name(c.name()), text(c.text()), plans, span(c));
    }

    private PolicyDecl policy(PolicyDeclContext c) {
        List<PolicyItem> items = new ArrayList<>();
        for (PolicyItemContext i : c.policyItem()) items.add(item(i));
        return new PolicyDecl(name(c.name()), items, span(c));
    }

    private PolicyItem item(PolicyItemContext c) {
        if (c instanceof TitleItemContext t) return new Meta(MetaKind.TITLE, List.of(text(t.text())), span(c));
        if (c instanceof SummaryItemContext t) return new Meta(MetaKind.SUMMARY, List.of(text(t.text())), span(c));
        if (c instanceof SourceItemContext t) return new Meta(MetaKind.SOURCE, List.of(text(t.text())), span(c));
        if (c instanceof UpdateItemContext t) {
            List<Text> texts = new ArrayList<>();
            for (TextContext x : t.text()) texts.add(text(x));
            return new Meta(MetaKind.UPDATE_WHEN, texts, span(c));
        }
        if (c instanceof ReviewedItemContext r) return new Reviewed(date(r.DATE()), span(c));
        if (c instanceof AppliesItemContext a) {
            if (a.ALL() != null) return new Applies(null, null, span(c));
            List<NameContext> names = a.name();
            return new Applies(name(names.get(0)), names.size() > 1 ? name(names.get(1)) : null, span(c));
        }
        if (c instanceof ExtendsItemContext e) return new Extends(name(e.name()), span(c));
        if (c instanceof EffectiveItemContext e) {
            List<TerminalNode> dates = e.DATE();
            return new Effective(date(dates.get(0)), dates.size() > 1 ? date(dates.get(1)) : null, span(c));
        }
        if (c instanceof FromBlockContext f) {
            List<RuleItem> rules = new ArrayList<>();
            for (RuleItemContext r : f.ruleItem()) rules.add(rule(r));
            return new FromBlock(text(f.text()), rules, span(c));
        }
        return rule(((PlainRuleContext) c).ruleItem());
    }

    private RuleItem rule(RuleItemContext c) {
        return new RuleItem(c.OVERRIDE() != null, definition(c.definition()), span(c));
    }

    private Definition definition(DefinitionContext c) {
        Span s = span(c);
        if (c instanceof FamilyDefContext f) return new FamilyDef(name(f.name()), num(f.INT()), text(f.text()), s);
        if (c instanceof CodeDefContext d) {
            List<CodeProp> props = new ArrayList<>();
            for (CodePropContext p : d.codeProp()) props.add(codeProp(p));
            return new CodeDef(code(d.codeRef()), text(d.text()), props, s);
        }
        if (c instanceof DrugDefContext d) {
            NumOrDecimal amount = amount(d.amount());
            return new DrugDef(code(d.codeRef()), text(d.text()), name(d.name(0)), amount.num, name(d.name(1)),
                    d.SINGLE_DOSE() != null, s);
        }
        if (c instanceof MueDefContext m) {
            List<MueCap> caps = new ArrayList<>();
            for (MueCapContext cap : m.mueCap()) {
                Name indicator = cap.LINE() != null ? null : name(cap.name(1));
                caps.add(new MueCap(name(cap.name(0)), num(cap.INT()), indicator, span(cap)));
            }
            return new MueDef(code(m.codeRef()), caps, s);
        }
        if (c instanceof AuthRequiredDefContext a) return new AuthDef(true, codes(a.codeList()), s);
        if (c instanceof AuthLimitsDefContext a) return new AuthDef(false, codes(a.codeList()), s);
        if (c instanceof AuditDefContext a) return new AuditDef(code(a.codeRef()), num(a.INT()), s);
        if (c instanceof DrugModifierDefContext m)
            return new ModifierDef(ModifierKind.DRUG_LINE, modifiers(m.modifierList()), List.of(), s);
        if (c instanceof SecondInitialDefContext m)
            return new ModifierDef(ModifierKind.SECOND_INITIAL, modifiers(m.modifierList()), List.of(), s);
        if (c instanceof AllowedModifierDefContext m)
            return new ModifierDef(ModifierKind.ALLOWED, modifiers(m.modifierList()), codes(m.codeList()), s);
        if (c instanceof RuleDefContext r) {
            List<RuleProp> props = new ArrayList<>();
            for (RulePropContext p : r.ruleProp()) props.add(ruleProp(p));
            return new RuleDef(name(r.name()), props, s);
        }
        if (c instanceof TimingDefContext t) {
            List<TimingItem> items = new ArrayList<>();
            for (TimingItemContext i : t.timingItem()) {
                List<Name> words = new ArrayList<>();
                for (NameContext n : i.name()) words.add(name(n));
                items.add(new TimingItem(words, i.UP() != null, num(i.INT()), span(i)));
            }
            return new TimingDef(items, s);
        }
        InitialCodeDefContext i = (InitialCodeDefContext) c;
        List<Name> order = new ArrayList<>();
        for (int k = 1; k < i.name().size(); k++) order.add(name(i.name(k)));
        return new InitialCodeDef(name(i.name(0)), order, s);
    }

    private CodeProp codeProp(CodePropContext c) {
        Span s = span(c);
        if (c instanceof InitialPropContext) return new InitialProp(s);
        if (c instanceof AddOnPropContext a) return new AddOnProp(codes(a.codeList()), s);
        if (c instanceof FamilyPropContext f) return new FamilyProp(name(f.name()), s);
        if (c instanceof MethodPropContext m) return new MethodProp(name(m.name()), s);
        if (c instanceof RolePropContext r) return new RoleProp(name(r.name()), s);
        if (c instanceof UnitPropContext u) return new UnitProp(name(u.name()), s);
        if (c instanceof OnlyPropContext o) return new OnlyProp(name(o.name()), s);
        if (c instanceof DescriptionPropContext d) return new DescriptionProp(text(d.text()), s);
        return new SourceProp(text(((CodeSourcePropContext) c).text()), s);
    }

    private RuleProp ruleProp(RulePropContext c) {
        Span s = span(c);
        if (c instanceof RuleTitleContext t) return new RuleTitle(text(t.text()), s);
        if (c instanceof RuleActionContext a) return new RuleAction(name(a.name()), s);
        if (c instanceof RuleCarcContext r) return new RuleCarc(code(r.codeRef()), s);
        if (c instanceof RuleRarcContext r) return new RuleRarc(r.NONE() != null ? List.of() : codes(r.codeList()), s);
        if (c instanceof RuleMessageContext m) return new RuleMessage(text(m.text()), s);
        if (c instanceof RuleFixContext f) return new RuleFix(text(f.text()), s);
        RuleAppealContext a = (RuleAppealContext) c;
        return new RuleAppeal(a.NONE() != null ? null : text(a.text()), s);
    }

    // ---- leaves ----

    private List<Name> codes(CodeListContext c) {
        List<Name> out = new ArrayList<>();
        for (CodeRefContext r : c.codeRef()) out.add(code(r));
        return out;
    }

    private List<Name> modifiers(ModifierListContext c) {
        List<Name> out = new ArrayList<>();
        for (CodeRefContext r : c.codeRef()) out.add(code(r));
        return out;
    }

    private Name code(CodeRefContext c) {
        return new Name(source(c), span(c));
    }

    private Name name(NameContext c) {
        return new Name(source(c), span(c));
    }

    /** The context's text; a single token's text directly (getText would copy it through a builder). */
    private static String source(ParserRuleContext c) {
        return c.getChildCount() == 1 && c.getChild(0) instanceof TerminalNode t ? t.getText() : c.getText();
    }

    private DateLit date(TerminalNode n) {
        return new DateLit(n.getText(), span(n.getSymbol()));
    }

    private Num num(TerminalNode n) {
        return new Num(new BigDecimal(n.getText()), n.getText(), span(n.getSymbol()));
    }

    private record NumOrDecimal(Num num) {
    }

    private NumOrDecimal amount(AmountContext c) {
        TerminalNode n = c.INT() != null ? c.INT() : c.DECIMAL();
        return new NumOrDecimal(num(n));
    }

    private Text text(TextContext c) {
        if (c == null) return null;
        StringBuilder b = new StringBuilder();
        for (TerminalNode s : c.STRING()) b.append(unquote(s.getText()));
        return new Text(b.toString(), span(c));
    }

    /** Drops the quotes and resolves \" \\ \n and \t. */
    static String unquote(String quoted) {
        StringBuilder b = new StringBuilder(quoted.length());
        for (int i = 1; i < quoted.length() - 1; i++) {
            char ch = quoted.charAt(i);
            if (ch == '\\' && i + 1 < quoted.length() - 1) {
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
