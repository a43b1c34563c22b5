package org.pplc.runtime.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A rule text cut once, when the policy is prepared, into literal runs and {placeholder} names:
 * filling it for a finding then only appends, with no searching, no substrings and no hashing of
 * fresh name strings. Fills exactly as {@link Texts#fill} does (TemplateTest checks both): a
 * placeholder is the text from a '{' to the next '}'; a name the values do not know stays as
 * written, and a '{' with no '}' after it is plain text.
 */
final class Template {
    private final String text;
    /** names.length + 1 runs of literal text around the placeholders. */
    private final String[] literals;
    private final String[] names;

    private Template(String text, String[] literals, String[] names) {
        this.text = text;
        this.literals = literals;
        this.names = names;
    }

    /** Null for a null text (an absent appeal), so filling keeps it null. */
    static Template of(String text) {
        if (text == null) return null;
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // a '{' without a later '}' ends the placeholders: the rest is literal
        int from = 0;
        int open = text.indexOf('{');
        while (open >= 0) {
            int close = text.indexOf('}', open + 1);
            if (close < 0) break;
            literals.add(text.substring(from, open));
            names.add(text.substring(open + 1, close));
            from = close + 1;
            open = text.indexOf('{', from);
        }
        literals.add(text.substring(from));
        return new Template(text, literals.toArray(new String[0]), names.toArray(new String[0]));
    }

    /** Replaces each {name} the values know; leaves unknown names as written. */
    String fill(Function<String, String> values) {
        if (names.length == 0) return text;
        StringBuilder b = new StringBuilder(text.length() + 32);
        for (int i = 0; i < names.length; i++) {
            b.append(literals[i]);
            String value = values.apply(names[i]);
            if (value == null) b.append('{').append(names[i]).append('}');
            else b.append(value);
        }
        return b.append(literals[names.length]).toString();
    }

    static String fill(Template t, Function<String, String> values) {
        return t == null ? null : t.fill(values);
    }
}
