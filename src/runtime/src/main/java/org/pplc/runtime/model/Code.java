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

    /** Written {@code initial} in the hierarchy: billed on its own, not an add-on (96413, 96372, 96521). */
    public boolean standalone() {
        return !addOn;
    }

    /**
     * An initial IV (or intra-arterial) service, the kind CPT allows one of per encounter unless
     * protocol needs two separate IV sites (the single-initial-code check): role {@code initial}
     * with method push or infusion (96360, 96365, 96374, 96409, 96413, 96420, 96422). Not the
     * per-injection codes (96372, 96401, 96402: method injection, reported for each injection
     * beside each other and beside IV codes), not a pump start (96416, 96369: billed beside the
     * visit's initial code, as in FOLFOX's 96413 + 96416), not a refill or the port flush (role
     * refill). Source: AMA CPT 2024, drug administration guidelines; NCCI Policy Manual, ch. XI.
     */
    public boolean initialIvService() {
        return !addOn && role == Role.INITIAL && method != null && method.intravenous();
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
