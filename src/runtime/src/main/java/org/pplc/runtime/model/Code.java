package org.pplc.runtime.model;

import java.util.List;
import java.util.function.Function;

/**
 * One administration code of the hierarchy.
 *
 * @param primaries the codes an add-on may be billed with (empty for initial codes)
 * @param onlyIn    the one setting that may bill the code, or null when both may
 */
public record Code(String code, String title, boolean addOn, String family, Method method, Role role,
                   UnitBasis unit, List<String> primaries, Setting onlyIn, String description,
                   Provenance provenance) {
    public Code {
        primaries = List.copyOf(primaries);
    }

    public boolean initial() {
        return !addOn;
    }

    /**
     * Counts toward one initial code a visit (the single-initial-code check): the first IV service
     * of its family and method. An injection (96372, 96401, 96402) is reported for each injection,
     * beside other injections and beside the IV codes (CPT 2024; NCCI Policy Manual, Chapter XI), and
     * a pump start (96416) or refill (96521) is billed beside the visit's initial service, never
     * instead of it.
     */
    public boolean initialService() {
        return !addOn && role == Role.INITIAL && method != Method.INJECTION;
    }

    /**
     * The primary a repair names for this add-on when none is on the claim (the rule texts'
     * {@code {primary}}): the primary that starts the add-on's own kind of service. Initial codes
     * come before primaries that are themselves add-ons (96367 of 96366), then those of the add-on's
     * own family, then of its own method; among equals the order of the add-on edit file. So an
     * orphan 96367 (therapeutic infusion) names 96365, not hydration's 96360, and 96375 names 96374.
     *
     * @param codes the policy's codes by number (null for a code it does not define)
     * @return null only when the code has no primaries
     */
    public String suggestedPrimary(Function<String, Code> codes) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String p : primaries) {
            Code c = codes.apply(p);
            int score = c == null ? 8 : (c.addOn ? 4 : 0) + (java.util.Objects.equals(c.family, family) ? 0 : 2)
                    + (c.method == method ? 0 : 1);
            if (score < bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best;
    }
}
