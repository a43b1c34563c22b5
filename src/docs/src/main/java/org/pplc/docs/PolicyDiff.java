package org.pplc.docs;

import org.pplc.runtime.model.Provenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** Item-by-item comparison of two flattened policies: what was added, removed or changed, field by field. */
final class PolicyDiff {
    enum Kind { ADDED, REMOVED, CHANGED }

    record FieldChange(String field, String before, String after) {
    }

    record Change(Kind kind, String section, String subject, List<FieldChange> fields, Provenance before,
                  Provenance after) {
        /** The provenance a reviewer should open: the new text, or the removed one. */
        Provenance where() {
            return after != null ? after : before;
        }
    }

    private PolicyDiff() {
    }

    /**
     * The changes from {@code before} to {@code after} (either may be empty), keeping only items
     * whose old or new text belongs to a layer the filter accepts.
     */
    static List<Change> between(Map<String, PolicyItems.Item> before, Map<String, PolicyItems.Item> after,
                                Predicate<String> layer) {
        Set<String> keys = new LinkedHashSet<>(after.keySet());
        keys.addAll(before.keySet());
        List<Change> out = new ArrayList<>();
        for (String key : keys) {
            PolicyItems.Item b = before.get(key), a = after.get(key);
            boolean mine = (a != null && a.provenance() != null && layer.test(a.provenance().layer()))
                    || (b != null && b.provenance() != null && layer.test(b.provenance().layer()));
            if (!mine) continue;
            if (b == null) {
                List<FieldChange> f = new ArrayList<>();
                a.fields().forEach((k, v) -> f.add(new FieldChange(k, null, v)));
                out.add(new Change(Kind.ADDED, a.section(), a.subject(), f, null, a.provenance()));
            } else if (a == null) {
                List<FieldChange> f = new ArrayList<>();
                b.fields().forEach((k, v) -> f.add(new FieldChange(k, v, null)));
                out.add(new Change(Kind.REMOVED, b.section(), b.subject(), f, b.provenance(), null));
            } else {
                List<FieldChange> f = fieldChanges(b.fields(), a.fields());
                if (!f.isEmpty()) out.add(new Change(Kind.CHANGED, a.section(), a.subject(), f, b.provenance(), a.provenance()));
            }
        }
        out.sort(Comparator.comparingInt((Change c) -> PolicyItems.SECTIONS.indexOf(c.section()))
                .thenComparing(Change::subject));
        return out;
    }

    static List<FieldChange> fieldChanges(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        List<FieldChange> f = new ArrayList<>();
        for (String n : names) {
            String x = before.get(n), y = after.get(n);
            if (!Objects.equals(x, y)) f.add(new FieldChange(n, x, y));
        }
        return f;
    }
}
