package org.pplc.compiler.ast;

import org.pplc.compiler.diag.Span;

import java.util.List;

/**
 * The policy AST: immutable records, every node with the span of its text. The checker and the
 * lowering walk these; nothing downstream touches ANTLR's parse tree.
 */
public final class Ast {
    private Ast() {
    }

    /** Every node knows where it came from. */
    public sealed interface Node permits PolicyFile, Declaration, PlanDecl, PolicyItem, Definition, CodeProp,
            RuleProp, Name, Text, DateLit, Num, MueCap, TimingItem {
        Span span();
    }

    /** An identifier, code or modifier as written. */
    public record Name(String text, Span span) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A quoted text (adjacent strings already joined, escapes resolved). */
    public record Text(String value, Span span) implements Node {
    }

    /** A date as written; the checker validates it. */
    public record DateLit(String text, Span span) implements Node {
    }

    /** A number as written (whole or decimal). */
    public record Num(java.math.BigDecimal value, String text, Span span) implements Node {
        public int intValue() {
            return value.intValueExact();
        }
    }

    public record PolicyFile(String path, List<Declaration> declarations, Span span) implements Node {
        public PolicyFile {
            declarations = List.copyOf(declarations);
        }
    }

    public sealed interface Declaration extends Node permits PayerDecl, PolicyDecl {
    }

    public record PayerDecl(Name id, Text title, List<PlanDecl> plans, Span span) implements Declaration {
        public PayerDecl {
            plans = List.copyOf(plans);
        }
    }

    public record PlanDecl(Name id, Text title, Span span) implements Node {
    }

    public record PolicyDecl(Name id, List<PolicyItem> items, Span span) implements Declaration {
        public PolicyDecl {
            items = List.copyOf(items);
        }
    }

    // ---- what a policy block holds ----

    public sealed interface PolicyItem extends Node permits Meta, Reviewed, Applies, Extends, Effective, FromBlock,
            RuleItem {
    }

    public enum MetaKind {
        TITLE("title"), SUMMARY("summary"), SOURCE("source"), UPDATE_WHEN("update when");

        public final String words;

        MetaKind(String words) {
            this.words = words;
        }
    }

    /** title, summary, source, update when: texts for the reviewer documents. */
    public record Meta(MetaKind kind, List<Text> values, Span span) implements PolicyItem {
        public Meta {
            values = List.copyOf(values);
        }
    }

    public record Reviewed(DateLit date, Span span) implements PolicyItem {
    }

    /** {@code applies to all payers} (payer null) or {@code applies to payer X [plan Y]}. */
    public record Applies(Name payer, Name plan, Span span) implements PolicyItem {
        public boolean allPayers() {
            return payer == null;
        }
    }

    public record Extends(Name parent, Span span) implements PolicyItem {
    }

    public record Effective(DateLit from, DateLit through, Span span) implements PolicyItem {
    }

    /**
     * Rules that cite one outside source; {@code quarter} (or null) says the source is the CMS
     * quarterly table of that quarter ({@code quarter 2024Q3}), which the MUE rows in it come from.
     */
    public record FromBlock(Text citation, Name quarter, List<RuleItem> rules, Span span) implements PolicyItem {
        public FromBlock {
            rules = List.copyOf(rules);
        }
    }

    /** A rule the layer adds, or changes when {@code override}. */
    public record RuleItem(boolean override, Definition definition, Span span) implements PolicyItem {
    }

    // ---- rules ----

    public sealed interface Definition extends Node permits FamilyDef, CodeDef, DrugDef, MueDef, AuthDef, AuditDef,
            ModifierDef, RuleDef, TimingDef, InitialCodeDef {
        /** How the documents and diagnostics name this kind of rule. */
        String kindWords();
    }

    public record FamilyDef(Name id, Num rank, Text title, Span span) implements Definition {
        public String kindWords() {
            return "family";
        }
    }

    public record CodeDef(Name code, Text title, List<CodeProp> props, Span span) implements Definition {
        public CodeDef {
            props = List.copyOf(props);
        }

        public String kindWords() {
            return "code";
        }
    }

    public record DrugDef(Name hcpcs, Text name, Name category, Num amount, Name unitOfMeasure, boolean singleDose,
                          Span span) implements Definition {
        public String kindWords() {
            return "drug";
        }
    }

    public record MueDef(Name code, List<MueCap> caps, Span span) implements Definition {
        public MueDef {
            caps = List.copyOf(caps);
        }

        public String kindWords() {
            return "mue";
        }
    }

    /** {@code practitioner 3 per day (clinical)}; indicator null means {@code per line}. */
    public record MueCap(Name setting, Num cap, Name indicator, Span span) implements Node {
    }

    /** {@code required}: prior authorization required for; otherwise: limits units of. */
    public record AuthDef(boolean required, List<Name> codes, Span span) implements Definition {
        public AuthDef {
            codes = List.copyOf(codes);
        }

        public String kindWords() {
            return "prior authorization";
        }
    }

    public record AuditDef(Name code, Num units, Span span) implements Definition {
        public String kindWords() {
            return "audit";
        }
    }

    public enum ModifierKind {DRUG_LINE, SECOND_INITIAL, ALLOWED}

    public record ModifierDef(ModifierKind kind, List<Name> modifiers, List<Name> codes, Span span)
            implements Definition {
        public ModifierDef {
            modifiers = List.copyOf(modifiers);
            codes = List.copyOf(codes);
        }

        public String kindWords() {
            return "modifier";
        }
    }

    public record RuleDef(Name id, List<RuleProp> props, Span span) implements Definition {
        public RuleDef {
            props = List.copyOf(props);
        }

        public String kindWords() {
            return "rule";
        }
    }

    public record TimingDef(List<TimingItem> items, Span span) implements Definition {
        public TimingDef {
            items = List.copyOf(items);
        }

        public String kindWords() {
            return "timing";
        }
    }

    /** {@code push up to 15 minutes}, {@code additional hour after 30 minutes}. */
    public record TimingItem(List<Name> words, boolean upTo, Num minutes, Span span) implements Node {
        public TimingItem {
            words = List.copyOf(words);
        }

        public String phrase() {
            StringBuilder b = new StringBuilder();
            for (Name w : words) b.append(b.length() == 0 ? "" : " ").append(w.text());
            return b.toString();
        }
    }

    public record InitialCodeDef(Name setting, List<Name> order, Span span) implements Definition {
        public InitialCodeDef {
            order = List.copyOf(order);
        }

        public String kindWords() {
            return "initial code";
        }

        public String orderWords() {
            StringBuilder b = new StringBuilder();
            for (Name w : order) b.append(b.length() == 0 ? "" : " ").append(w.text());
            return b.toString();
        }
    }

    // ---- properties of a code ----

    public sealed interface CodeProp extends Node permits InitialProp, AddOnProp, FamilyProp, MethodProp, RoleProp,
            UnitProp, OnlyProp, DescriptionProp, SourceProp {
        String words();
    }

    public record InitialProp(Span span) implements CodeProp {
        public String words() {
            return "initial";
        }
    }

    public record AddOnProp(List<Name> primaries, Span span) implements CodeProp {
        public AddOnProp {
            primaries = List.copyOf(primaries);
        }

        public String words() {
            return "add-on of";
        }
    }

    public record FamilyProp(Name family, Span span) implements CodeProp {
        public String words() {
            return "family";
        }
    }

    public record MethodProp(Name method, Span span) implements CodeProp {
        public String words() {
            return "method";
        }
    }

    public record RoleProp(Name role, Span span) implements CodeProp {
        public String words() {
            return "role";
        }
    }

    public record UnitProp(Name unit, Span span) implements CodeProp {
        public String words() {
            return "unit";
        }
    }

    public record OnlyProp(Name setting, Span span) implements CodeProp {
        public String words() {
            return "only";
        }
    }

    public record DescriptionProp(Text text, Span span) implements CodeProp {
        public String words() {
            return "description";
        }
    }

    public record SourceProp(Text text, Span span) implements CodeProp {
        public String words() {
            return "source";
        }
    }

    // ---- properties of a rule ----

    public sealed interface RuleProp extends Node permits RuleTitle, RuleAction, RuleCarc, RuleRarc, RuleMessage,
            RuleFix, RuleAppeal {
        String words();
    }

    public record RuleTitle(Text text, Span span) implements RuleProp {
        public String words() {
            return "title";
        }
    }

    public record RuleAction(Name action, Span span) implements RuleProp {
        public String words() {
            return "action";
        }
    }

    public record RuleCarc(Name carc, Span span) implements RuleProp {
        public String words() {
            return "carc";
        }
    }

    /** Empty list: {@code rarc none}. */
    public record RuleRarc(List<Name> rarcs, Span span) implements RuleProp {
        public RuleRarc {
            rarcs = List.copyOf(rarcs);
        }

        public String words() {
            return "rarc";
        }
    }

    public record RuleMessage(Text text, Span span) implements RuleProp {
        public String words() {
            return "message";
        }
    }

    public record RuleFix(Text text, Span span) implements RuleProp {
        public String words() {
            return "fix";
        }
    }

    /** text null: {@code appeal none}. */
    public record RuleAppeal(Text text, Span span) implements RuleProp {
        public String words() {
            return "appeal";
        }
    }
}
