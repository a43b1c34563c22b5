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

    public boolean initial() {
        return !addOn;
    }

    /**
     * Counts toward one initial code a visit (the single-initial-code check): the first service of
     * its family and method. A pump start (96416) or refill (96521) stands alone but is billed
     * beside the visit's initial service, never instead of it.
     */
    public boolean initialService() {
        return !addOn && role == Role.INITIAL;
    }
}
