package org.pplc.compiler.check;

import org.pplc.compiler.ast.Ast.*;

import java.util.List;

/** A rule's texts after layering: a payer's override changes only the properties it names. */
public final class RuleMerge {
    private RuleMerge() {
    }

    /** {@code appealSet} tells "appeal none" (set, text null) from "never said". */
    public record Merged(Text title, Name action, Name carc, RuleRarc rarc, Text message, Text fix, RuleAppeal appeal) {
    }

    public static Merged merge(List<Fact> history) {
        return merge(history, f -> true);
    }

    /**
     * As {@link #merge(List)}, with the appeal taken only from the facts {@code appealFrom}
     * accepts: an appeal is a payer's own wording (see {@link org.pplc.compiler.lower.Lowering}).
     */
    public static Merged merge(List<Fact> history, java.util.function.Predicate<Fact> appealFrom) {
        Text title = null, message = null, fix = null;
        Name action = null, carc = null;
        RuleRarc rarc = null;
        RuleAppeal appeal = null;
        for (Fact f : history) {
            for (RuleProp p : ((RuleDef) f.definition()).props()) {
                if (p instanceof RuleTitle x) {
                    title = x.text();
                } else if (p instanceof RuleAction x) {
                    action = x.action();
                } else if (p instanceof RuleCarc x) {
                    carc = x.carc();
                } else if (p instanceof RuleRarc x) {
                    rarc = x;
                } else if (p instanceof RuleMessage x) {
                    message = x.text();
                } else if (p instanceof RuleFix x) {
                    fix = x.text();
                } else if (p instanceof RuleAppeal x && appealFrom.test(f)) {
                    appeal = x;
                }
            }
        }
        return new Merged(title, action, carc, rarc, message, fix, appeal);
    }
}
