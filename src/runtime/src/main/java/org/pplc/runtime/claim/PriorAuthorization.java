package org.pplc.runtime.claim;

import java.util.Map;

/** The units a prior authorization approved, by code. */
public record PriorAuthorization(String id, Map<String, Integer> units) {
    public PriorAuthorization {
        units = Map.copyOf(units);
    }
}
