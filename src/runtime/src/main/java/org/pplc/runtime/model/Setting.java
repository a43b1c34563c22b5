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

    /** The setting of an id as claims and policies write it ({@code facility}, {@code professional}), or null. */
    public static Setting fromId(String id) {
        for (Setting s : ALL) if (s.id.equals(id)) return s;
        return null;
    }

    /**
     * The setting a CMS place-of-service code tells: 11 (office) is professional; 19 and 22
     * (off- and on-campus outpatient hospital) are facility. Null for any other code (or none): the
     * claim must then give its setting, since other places (a clinic, home) bill either way.
     */
    public static Setting fromPlaceOfService(String placeOfService) {
        if (placeOfService == null) return null;
        return switch (placeOfService) {
            case "11" -> PROFESSIONAL;
            case "19", "22" -> FACILITY;
            default -> null;
        };
    }
}
