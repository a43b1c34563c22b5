package org.pplc.runtime.model;

import java.util.Locale;

/** The two Medicare MUE tables: practitioner services and outpatient hospital services. */
public enum MueSetting {
    PRACTITIONER, OUTPATIENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MueSetting fromId(String id) {
        for (MueSetting s : values()) if (s.id().equals(id)) return s;
        return null;
    }
}
