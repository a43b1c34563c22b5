package org.pplc.runtime.engine;

import java.util.List;
import java.util.function.Function;

/**
 * Filling a rule's {placeholders} and joining lists the way a billing reviewer reads them; the
 * engine and the reviewer documents share it so both word a rule the same way.
 */
public final class Texts {
    private Texts() {
    }

    /**
     * Replaces each {name} the values know; leaves unknown names as written. Null stays null.
     * (The engine fills through {@link Template}, which cuts a text once per policy and fills alike.)
     */
    public static String fill(String template, Function<String, String> values) {
        if (template == null) return null;
        int open = template.indexOf('{');
        if (open < 0) return template;
        StringBuilder b = new StringBuilder(template.length() + 32);
        int from = 0;
        while (open >= 0) {
            int close = template.indexOf('}', open + 1);
            if (close < 0) break;
            String value = values.apply(template.substring(open + 1, close));
            b.append(template, from, open);
            if (value == null) b.append(template, open, close + 1);
            else b.append(value);
            from = close + 1;
            open = template.indexOf('{', from);
        }
        return b.append(template, from, template.length()).toString();
    }

    /** "a", "a or b", "a, b or c". */
    public static String or(List<String> items) {
        return join(items, " or ");
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        return join(items, " and ");
    }

    private static String join(List<String> items, String last) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) b.append(i == items.size() - 1 ? last : ", ");
            b.append(items.get(i));
        }
        return b.toString();
    }
}
