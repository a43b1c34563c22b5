package org.pplc.compiler.imports;

import org.pplc.runtime.model.Code;
import org.pplc.runtime.model.Mue;
import org.pplc.runtime.model.MueSetting;
import org.pplc.runtime.policy.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a quarterly CMS update changes against the current policy, for a reviewer: codes added,
 * removed, and changed (old value -> new value), and how many stay as they are. Everything sorted by code.
 *
 * @param subject what was compared, e.g. "practitioner MUEs of medicare-part-b"
 */
public record ImportDiff(String subject, List<Entry> added, List<Entry> removed, List<Change> changed, int unchanged) {
    public record Entry(String code, String value) {
    }

    public record Change(String code, String before, String after) {
    }

    public ImportDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean empty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** The imported MUE table against the policy's MUEs of the same setting. */
    public static ImportDiff mues(MueTable table, Policy policy) {
        Map<String, String> current = new TreeMap<>();
        for (Mue m : policy.mues()) {
            if (m.setting() == table.setting()) current.put(m.code(), m.cap() + " " + m.indicator().words());
        }
        Map<String, String> imported = new TreeMap<>();
        for (MueEntry e : table.entries()) imported.put(e.code(), e.cap() + " " + e.indicator().words());
        return compare(table.setting().id() + " MUEs of " + policy.id(), current, imported);
    }

    /** The imported add-on edits against the policy's add-on codes and their primaries. */
    public static ImportDiff addOns(AocTable table, Policy policy) {
        Map<String, String> current = new TreeMap<>();
        for (Code c : policy.codes().values()) {
            if (c.addOn()) current.put(c.code(), "add-on of " + String.join(", ", new TreeSet<>(c.primaries())));
        }
        Map<String, String> imported = new TreeMap<>();
        AocText.groups(table).forEach((code, g) -> imported.put(code, g.describe()));
        return compare("add-on codes of " + policy.id(), current, imported);
    }

    static ImportDiff compare(String subject, Map<String, String> current, Map<String, String> imported) {
        List<Entry> added = new ArrayList<>();
        List<Entry> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int same = 0;
        for (var e : new TreeMap<>(imported).entrySet()) {
            String before = current.get(e.getKey());
            if (before == null) added.add(new Entry(e.getKey(), e.getValue()));
            else if (before.equals(e.getValue())) same++;
            else changed.add(new Change(e.getKey(), before, e.getValue()));
        }
        for (var e : new TreeMap<>(current).entrySet()) {
            if (!imported.containsKey(e.getKey())) removed.add(new Entry(e.getKey(), e.getValue()));
        }
        return new ImportDiff(subject, added, removed, changed, same);
    }

    /** The report a reviewer reads. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("Changes to the ").append(subject).append(":\n");
        b.append("added (").append(added.size()).append("):\n");
        for (Entry e : added) b.append("  + ").append(e.code()).append("  ").append(e.value()).append('\n');
        b.append("removed (").append(removed.size()).append("):\n");
        for (Entry e : removed) b.append("  - ").append(e.code()).append("  ").append(e.value()).append('\n');
        b.append("changed (").append(changed.size()).append("):\n");
        for (Change c : changed) {
            b.append("  ~ ").append(c.code()).append("  ").append(c.before()).append(" -> ").append(c.after()).append('\n');
        }
        b.append("unchanged: ").append(unchanged).append('\n');
        return b.toString();
    }

    static String settingWords(MueSetting s) {
        return s == MueSetting.PRACTITIONER ? "practitioner services" : "outpatient hospital services";
    }
}
