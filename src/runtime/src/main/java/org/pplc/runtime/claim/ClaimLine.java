package org.pplc.runtime.claim;

import java.util.List;

/** One claim line. {@code because} is derive's reason for the line, null on billed claims. */
public record ClaimLine(int line, String code, int units, List<String> modifiers, String ndc, String because) {
    public ClaimLine {
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
    }

    public ClaimLine(int line, String code, int units, List<String> modifiers) {
        this(line, code, units, modifiers, null, null);
    }

    public boolean hasModifier(String modifier) {
        return modifiers.contains(modifier);
    }
}
