package org.pplc.compiler.imports;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes imported add-on code edits as policy text: per add-on code, its primaries (sorted) as the
 * code's {@code add-on of} list. Deterministic: sorted by code, no timestamps.
 */
public final class AocText {
    private AocText() {
    }

    /** Everything the file says about one add-on code. */
    record Group(String addOn, SortedSet<String> primaries, boolean contractorDefined, SortedSet<Integer> editTypes,
                 SortedSet<String> notes) {
        /** How the diff shows the relation; comparable with the policy's {@code add-on of} list. */
        String describe() {
            String listed = primaries.isEmpty() ? "" : "add-on of " + String.join(", ", primaries);
            if (!contractorDefined) return listed;
            return listed.isEmpty() ? "contractor-defined primaries" : listed + " (and contractor-defined primaries)";
        }
    }

    static Map<String, Group> groups(AocTable table) {
        Map<String, Group> out = new TreeMap<>();
        for (AocEdit e : table.edits()) {
            Group g = out.computeIfAbsent(e.addOn(), k -> new Group(k, new TreeSet<>(), false, new TreeSet<>(), new TreeSet<>()));
            if (e.contractorDefined() && !g.contractorDefined()) {
                g = new Group(g.addOn(), g.primaries(), true, g.editTypes(), g.notes());
                out.put(e.addOn(), g);
            }
            if (!e.contractorDefined()) g.primaries().add(e.primary());
            g.editTypes().add(e.editType());
            if (!e.notes().isEmpty()) g.notes().add(e.notes());
        }
        return out;
    }

    public static String render(AocTable table, Quarter quarter) {
        String citation = "CMS add-on code edit file, " + table.fileName() + (quarter == null ? "" : ", " + quarter);
        Map<String, Group> groups = groups(table);
        StringBuilder b = new StringBuilder();
        b.append("# ").append(citation).append('\n');
        b.append("# Imported by `pplc import aoc`: ").append(groups.size()).append(" add-on codes, sorted by code.\n");
        b.append("# Re-import the next release rather than editing these lines.\n");
        b.append("from ").append(PolicyStrings.quote(citation)).append(" {\n");
        for (Group g : groups.values()) {
            String types = "edit type " + String.join("/", g.editTypes().stream().map(String::valueOf).toList());
            if (g.primaries().isEmpty()) {
                // The language lists primaries; "any the contractor accepts" cannot be written as a rule.
                b.append("  # ").append(g.addOn()).append(": primaries defined by the contractor (").append(types)
                        .append("); no add-on of list to write\n");
                continue;
            }
            String rule = "  override code " + g.addOn() + " { add-on of " + String.join(", ", g.primaries()) + " }";
            b.append(rule).append(" ".repeat(Math.max(1, 56 - rule.length()))).append("# ").append(types);
            if (g.contractorDefined()) b.append("; the contractor may accept other primaries");
            b.append('\n');
            for (String note : g.notes()) b.append("    # CMS note: ").append(note).append('\n');
        }
        b.append("}\n");
        return b.toString();
    }
}
