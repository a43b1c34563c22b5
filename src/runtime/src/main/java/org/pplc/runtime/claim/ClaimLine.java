package org.pplc.runtime.claim;

import java.util.List;

/**
 * One claim line, valid by construction: a line number and units of 1 or more, a code, at most
 * {@value ClaimSchema#MAX_MODIFIERS} modifiers, none blank. {@code because} is derive's reason for
 * the line, null on billed claims; {@code ndc} the drug's National Drug Code, or null.
 *
 * @throws InvalidClaimException naming the field ({@code units: must be at least 1, got 0})
 */
public record ClaimLine(int line, String code, int units, List<String> modifiers, String ndc, String because) {
    public ClaimLine {
        ClaimSchema.refuse(ClaimSchema.line(null, "", line, code, units, modifiers));
        modifiers = modifiers == null ? List.of() : List.copyOf(modifiers);
    }

    public ClaimLine(int line, String code, int units, List<String> modifiers) {
        this(line, code, units, modifiers, null, null);
    }

    public boolean hasModifier(String modifier) {
        return modifiers.contains(modifier);
    }
}
