package org.pplc.runtime.model;

import java.util.Locale;

/** Where the service was billed from: the claim's setting. */
public enum Setting {
    /** Hospital outpatient department (POS 19, 22): the facility bills. */
    FACILITY,
    /** Office (POS 11): the practitioner bills. */
    PROFESSIONAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The MUE table that applies to claims of this setting. */
    public MueSetting mueSetting() {
        return this == FACILITY ? MueSetting.OUTPATIENT : MueSetting.PRACTITIONER;
    }

    public static Setting fromId(String id) {
        for (Setting s : values()) if (s.id().equals(id)) return s;
        return null;
    }
}
