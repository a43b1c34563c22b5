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

    /**
     * The table a policy's setting word names: the table's own word, or the claim's setting
     * (professional, facility) through {@link Setting#mueSetting}; null when it is neither.
     */
    public static MueSetting fromWord(String word) {
        MueSetting s = fromId(word);
        if (s != null) return s;
        Setting claim = Setting.fromId(word);
        return claim == null ? null : claim.mueSetting();
    }

    public static MueSetting fromId(String id) {
        for (MueSetting s : ALL) if (s.id.equals(id)) return s;
        return null;
    }
}
