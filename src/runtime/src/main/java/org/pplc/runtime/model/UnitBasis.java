package org.pplc.runtime.model;

import java.util.Locale;

/** What one billed unit of a code stands for. */
public enum UnitBasis {
    ENCOUNTER, HOUR, DRUG, INJECTION, REFILL;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final UnitBasis[] ALL = values();

    public String id() {
        return id;
    }

    public static UnitBasis fromId(String id) {
        for (UnitBasis u : ALL) if (u.id.equals(id)) return u;
        return null;
    }
}
