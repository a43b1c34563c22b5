package org.pplc.compiler.imports;

import java.time.LocalDate;
import java.util.Set;

/**
 * Writes an imported MUE table as policy text: a {@code from "CMS MUE table, ..." { mue ... }} group
 * that compiles as part of a policy body, or with {@link Wrap} a whole policy around it.
 * Deterministic: sorted by code, no timestamps, locale-independent.
 */
public final class MueText {
    private MueText() {
    }

    /**
     * A whole policy around the rules.
     *
     * @param extendsId  the layer below, or null
     * @param overridden codes whose MUE of this setting the layer below already sets: their rules are
     *                   written {@code override}, as the language requires
     */
    public record Wrap(String policyId, String payer, LocalDate effective, String extendsId, Set<String> overridden) {
        public Wrap {
            overridden = Set.copyOf(overridden);
        }
    }

    public static String render(MueTable table, Quarter quarter, Wrap wrap) {
        String tableName = "CMS MUE table, " + ImportDiff.settingWords(table.setting());
        String citation = tableName + ", " + table.fileName() + (quarter == null ? "" : ", " + quarter);
        StringBuilder b = new StringBuilder();
        String indent = wrap == null ? "" : "  ";
        b.append("# ").append(citation).append('\n');
        b.append("# Imported by `pplc import mue`: ").append(table.entries().size()).append(" codes, sorted by code.\n");
        b.append("# Re-import the next quarter's table rather than editing these lines.\n");
        if (wrap != null) {
            b.append("policy ").append(wrap.policyId()).append(" {\n");
            b.append("  title ").append(PolicyStrings.quote("Medicare MUE values, " + ImportDiff.settingWords(table.setting())
                    + (quarter == null ? "" : ", " + quarter))).append('\n');
            b.append("  applies to payer ").append(wrap.payer()).append('\n');
            if (wrap.extendsId() != null) b.append("  extends ").append(wrap.extendsId()).append('\n');
            b.append("  effective ").append(wrap.effective()).append('\n');
            b.append("  source ").append(PolicyStrings.quote(citation)).append('\n');
        }
        // the quarter marker: the engine warns on claims dated after the table's quarter
        b.append(indent).append("from ").append(PolicyStrings.quote(citation))
                .append(quarter == null ? "" : " quarter " + quarter).append(" {\n");
        String setting = table.setting().id();
        for (MueEntry e : table.entries()) {
            String over = wrap != null && wrap.overridden().contains(e.code()) ? "override " : "";
            String rule = indent + "  " + over + "mue " + e.code() + " " + setting + " " + e.cap() + " " + e.indicator().words();
            b.append(rule);
            if (!e.rationale().isEmpty()) b.append(" ".repeat(Math.max(1, 48 + indent.length() - rule.length()))).append("# ").append(e.rationale());
            b.append('\n');
        }
        b.append(indent).append("}\n");
        if (wrap != null) b.append("}\n");
        return b.toString();
    }
}
