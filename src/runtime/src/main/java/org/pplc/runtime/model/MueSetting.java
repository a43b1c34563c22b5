package org.pplc.runtime.model;

import java.util.Locale;

/** The two Medicare MUE tables: practitioner services and outpatient hospital services. */
public enum MueSetting {
    PRACTITIONER, OUTPATIENT;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final MueSetting[] ALL = values();

    public String id() {
        return id;
    }

    public static MueSetting fromId(String id) {
        for (MueSetting s : ALL) if (s.id.equals(id)) return s;
        return null;
    }
}
