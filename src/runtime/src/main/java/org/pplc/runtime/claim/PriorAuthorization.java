package org.pplc.runtime.claim;

import java.util.Map;

/**
 * The units a prior authorization approved, by code (0 or more each). {@code id} may be null.
 *
 * @throws InvalidClaimException when the units are missing or one is below 0
 */
public record PriorAuthorization(String id, Map<String, Integer> units) {
    public PriorAuthorization {
        ClaimSchema.refuse(ClaimSchema.authorization(null, "", units));
        units = Map.copyOf(units);
    }
}
