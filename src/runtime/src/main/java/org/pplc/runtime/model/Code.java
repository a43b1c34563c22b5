package org.pplc.runtime.model;

import java.util.List;

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
}
