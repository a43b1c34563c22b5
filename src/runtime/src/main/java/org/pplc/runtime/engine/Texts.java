package org.pplc.runtime.engine;

import java.util.List;

/** Joining lists the way a billing reviewer reads them ({@link Template} fills the {placeholders}). */
final class Texts {
    private Texts() {
    }

    /** "a", "a or b", "a, b or c". */
    static String or(List<String> items) {
        return join(items, " or ");
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
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
