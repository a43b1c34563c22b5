package org.pplc.runtime.model;

import java.util.Locale;

/** What one billed unit of a code stands for. */
public enum UnitBasis {
    ENCOUNTER, HOUR, DRUG, INJECTION, REFILL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnitBasis fromId(String id) {
        for (UnitBasis u : values()) if (u.id().equals(id)) return u;
        return null;
    }
}
