package org.pplc.runtime.model;

import java.util.Locale;

/** Where the service was billed from: the claim's setting. */
public enum Setting {
    /** Hospital outpatient department (POS 19, 22): the facility bills. */
    FACILITY,
    /** Office (POS 11): the practitioner bills. */
    PROFESSIONAL;

    /** Lower-cased once: checks and engine output ask for it per statement and per finding. */
    private final String id = name().toLowerCase(Locale.ROOT);
    private static final Setting[] ALL = values();

    public String id() {
        return id;
    }

    /** The MUE table that applies to claims of this setting. */
    public MueSetting mueSetting() {
        return this == FACILITY ? MueSetting.OUTPATIENT : MueSetting.PRACTITIONER;
    }

    public static Setting fromId(String id) {
        for (Setting s : ALL) if (s.id.equals(id)) return s;
        return null;
    }
}
